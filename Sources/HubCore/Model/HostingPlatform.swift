import Foundation

/// "Hosting Platform Type" as the Hub shows it (C5).
public enum HostingPlatform: Hashable, Sendable, CustomStringConvertible {
    case cloudAPI, onPremise, unknown

    public init(channelType: String?) {
        let t = (channelType ?? "").lowercased().filter { $0.isLetter }
        if t.contains("cloud") { self = .cloudAPI }
        else if t.contains("premise") { self = .onPremise }
        else { self = .unknown }
    }

    public var description: String {
        switch self {
        case .cloudAPI: return "Cloud API"
        case .onPremise: return "On-premise"
        case .unknown: return "Unknown"
        }
    }

    /// The wire value the sandbox writes into `type`.
    public var wireValue: String? {
        switch self {
        case .cloudAPI: return "cloud_api"
        case .onPremise: return "on_premise"
        case .unknown: return nil
        }
    }
}

public enum PhoneNumber {
    /// "4930609859535" or "+49 30 609859535" -> "+4930609859535".
    public static func e164(_ raw: String) -> String {
        let digits = raw.filter { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? raw : "+" + digits
    }
}
