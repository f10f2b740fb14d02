import Foundation

/// The accounts CSV of the WhatsApp Accounts page (C4): RFC 4180 (CRLF line ends, fields with
/// commas, quotes or line breaks quoted, quotes doubled), UTF-8.
public enum CSVExport {
    public static let header = ["Company legal name", "WhatsApp number", "Contact email",
                                "Message on behalf", "Meta business verification", "Number registration"]

    public struct Row: Hashable, Sendable {
        public var companyLegalName: String
        public var whatsAppNumber: String
        public var contactEmail: String
        public var messageOnBehalf: String
        public var metaBusinessVerification: String
        public var numberRegistration: String

        public var fields: [String] {
            [companyLegalName, whatsAppNumber, contactEmail, messageOnBehalf, metaBusinessVerification, numberRegistration]
        }
    }

    /// One row per channel; company and email come from the client when it is known.
    public static func row(channel: Channel, client: Client?) -> Row {
        let statuses = ActivationStatuses(channel: channel)
        let company = channel.companyLegalName(client: client)
        let email = client?.contactInfo?.email.nonEmpty ?? channel.client?.contactInfo?.email.nonEmpty
            ?? client?.contactUser?.email.nonEmpty ?? ""
        return Row(companyLegalName: company,
                   whatsAppNumber: channel.phoneNumberE164 ?? "",
                   contactEmail: email,
                   messageOnBehalf: statuses.messageOnBehalf.label(for: .messageOnBehalf),
                   metaBusinessVerification: statuses.metaBusinessVerification.label(for: .metaBusinessVerification),
                   numberRegistration: statuses.numberRegistration.label(for: .numberRegistration))
    }

    /// Rows in a stable order: by company, then number.
    public static func rows(channels: [Channel], clients: [String: Client]) -> [Row] {
        channels.map { row(channel: $0, client: $0.resolvedClientId.flatMap { clients[$0] }) }
            .sorted { ($0.companyLegalName, $0.whatsAppNumber) < ($1.companyLegalName, $1.whatsAppNumber) }
    }

    public static func render(_ rows: [Row]) -> String { headerLine + renderRows(rows[...]) }

    public static var headerLine: String { line(header) }

    /// Rows without the header: a large export is written in chunks.
    public static func renderRows(_ rows: ArraySlice<Row>) -> String {
        var out = ""
        for r in rows { out += line(r.fields) }
        return out
    }

    static func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }

    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
