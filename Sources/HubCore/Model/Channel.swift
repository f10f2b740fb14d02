import Foundation

/// A channel (one phone number), item of `partner_channels` (reference §5.3).
public struct Channel: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var clientId: String?
    public var accountMode: AccountMode?
    public var status: ChannelStatus?
    /// As the seed names it (C13); not seen in public sources, so optional.
    public var hubStatus: HubStatus?
    /// 1 = Classic Signup, 2 = Embedded Signup (C14).
    public var version: Int?
    /// Hosting platform: `cloud_api` or `on_premise` (field name inferred, reference §5.3).
    public var type: String?
    public var createdAt: Date?
    public var modifiedAt: Date?
    public var billingStartedAt: Date?
    public var terminatedAt: Date?
    public var currentLimit: String?
    public var currentQualityRating: QualityRating?
    @Boxed public var client: ChannelClient?
    @Boxed public var setupInfo: SetupInfo?
    @Boxed public var wabaAccount: WabaAccount?
    public var wabaAccountId: String?
    public var integration: Integration?
    public var hasInbox: Bool?
    public var isOba: Bool?
    public var externalId: String?
    public var isMigrated: Bool?

    public init(id: String, clientId: String? = nil, accountMode: AccountMode? = nil, status: ChannelStatus? = nil,
                hubStatus: HubStatus? = nil, version: Int? = 2, type: String? = nil,
                createdAt: Date? = nil, modifiedAt: Date? = nil, billingStartedAt: Date? = nil, terminatedAt: Date? = nil,
                currentLimit: String? = nil, currentQualityRating: QualityRating? = nil,
                client: ChannelClient? = nil, setupInfo: SetupInfo? = nil, wabaAccount: WabaAccount? = nil,
                integration: Integration? = nil) {
        self.id = id
        self.clientId = clientId
        self.accountMode = accountMode
        self.status = status
        self.hubStatus = hubStatus
        self.version = version
        self.type = type
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.billingStartedAt = billingStartedAt
        self.terminatedAt = terminatedAt
        self.currentLimit = currentLimit
        self.currentQualityRating = currentQualityRating
        self.client = client
        self.setupInfo = setupInfo
        self.wabaAccount = wabaAccount
        self.wabaAccountId = wabaAccount?.id
        self.integration = integration
    }

    /// The number in E.164 with `+` (the API writes digits only).
    public var phoneNumberE164: String? { setupInfo?.phoneNumber.map(PhoneNumber.e164) }

    public var displayName: String? { setupInfo?.phoneName }

    public var resolvedClientId: String? { clientId ?? client?.id ?? wabaAccount?.clientId }

    public var hostingPlatform: HostingPlatform { HostingPlatform(channelType: type) }

    /// The company legal name for cards and the CSV: the client's organisation, else the one
    /// embedded in the channel, else a name; "" when nothing is known.
    public func companyLegalName(client: Client?) -> String {
        client?.organisation.nonEmpty ?? self.client?.organisation.nonEmpty
            ?? client?.name.nonEmpty ?? self.client?.name.nonEmpty ?? ""
    }

    /// The latest time anything about this channel changed, for "last change" sorting.
    public var lastChange: Date? { [modifiedAt, terminatedAt, createdAt].compactMap { $0 }.max() }
}

/// The client as embedded in a channel.
public struct ChannelClient: Codable, Hashable, Sendable {
    public var id: String?
    public var name: String?
    public var partnerPayload: String?
    public var contactInfo: ContactInfo?
    public var organisation: String?

    public init(id: String?, name: String? = nil, organisation: String? = nil, contactInfo: ContactInfo? = nil) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.contactInfo = contactInfo
    }
}

public struct SetupInfo: Codable, Hashable, Sendable {
    public var phoneNumber: String?
    public var phoneName: String?
    public var wasInUse: Bool?
    public var ivr: Bool?
    public var verificationMethod: String?
    public var certificate: String?
    public var newNameStatus: String?
    public var defaultLanguage: String?
    public var hasIntegrationLayer: Bool?
    public var error: String?
    public var configurationType: String?
    public var region: String?
    public var shardsNumber: Int?

    public init(phoneNumber: String?, phoneName: String?, newNameStatus: String? = nil, error: String? = nil,
                verificationMethod: String? = "sms", defaultLanguage: String? = "en") {
        self.phoneNumber = phoneNumber
        self.phoneName = phoneName
        self.newNameStatus = newNameStatus
        self.error = error
        self.verificationMethod = verificationMethod
        self.defaultLanguage = defaultLanguage
    }
}

/// `waba_account` (embedded in channels; also `GET .../waba_accounts/{id}`, reference §5.4).
public struct WabaAccount: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var status: WabaStatus?
    public var fbAccountStatus: FBAccountStatus?
    public var name: String?
    public var namespace: String?
    public var clientId: String?
    public var partnerId: String?
    public var externalId: String?
    public var fbBusinessId: String?
    public var timezoneId: String?
    public var consents: JSONValue?
    public var settings: JSONValue?
    public var createdAt: Date?
    public var createdBy: UserRef?
    public var onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo?

    public init(id: String, status: WabaStatus? = nil, fbAccountStatus: FBAccountStatus? = nil, name: String? = nil,
                clientId: String? = nil, partnerId: String? = nil, externalId: String? = nil,
                onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo? = nil, createdAt: Date? = nil) {
        self.id = id
        self.status = status
        self.fbAccountStatus = fbAccountStatus
        self.name = name
        self.clientId = clientId
        self.partnerId = partnerId
        self.externalId = externalId
        self.onBehalfOfBusinessInfo = onBehalfOfBusinessInfo
        self.createdAt = createdAt
    }
}

public struct OnBehalfOfBusinessInfo: Codable, Hashable, Sendable {
    public var id: String?
    public var name: String?
    public var status: OBOStatus?
    public var type: String?

    public init(id: String? = nil, name: String? = nil, status: OBOStatus?, type: String? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.type = type
    }
}

public struct Integration: Codable, Hashable, Sendable {
    public var enabled: Bool?
    public var appId: String?
    /// `running` once the number is registered (value inferred, reference §5.3).
    public var state: String?

    public init(enabled: Bool? = true, appId: String?, state: String?) {
        self.enabled = enabled
        self.appId = appId
        self.state = state
    }

    public var isRunning: Bool { state?.lowercased() == "running" }
}

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

/// What change notifications are made of (C3), read straight from a channel's boxes without
/// copying its nested objects: two of these compare in nanoseconds, so a poll of 50,000
/// channels is diffed in a few milliseconds and only channels whose facts differ are looked at
/// closely (ChangeDetector).
public struct ChannelFacts: Equatable, Sendable {
    public var terminated: Bool
    public var hubStatus: HubStatus?
    public var accountMode: AccountMode?
    public var version: Int?
    public var status: ChannelStatus?
    public var integration: Integration?
    public var setupError: String?
    public var wabaStatus: WabaStatus?
    public var fbAccountStatus: FBAccountStatus?
    public var oboStatus: OBOStatus?
}

extension Channel {
    public var facts: ChannelFacts {
        ChannelFacts(terminated: terminatedAt != nil, hubStatus: hubStatus, accountMode: accountMode, version: version,
                     status: status, integration: integration, setupError: _setupInfo.borrowed?.error,
                     wabaStatus: _wabaAccount.borrowed?.status, fbAccountStatus: _wabaAccount.borrowed?.fbAccountStatus,
                     oboStatus: _wabaAccount.borrowed?.onBehalfOfBusinessInfo?.status)
    }
}

extension ChannelFacts {
    /// The facts of every channel of a list, in its order.
    public static func of(_ channels: [Channel]) -> [ChannelFacts] {
        var out: [ChannelFacts] = []
        out.reserveCapacity(channels.count)
        for i in channels.indices { out.append(channels[i].facts) }
        return out
    }

    /// Whether a list is in ID order (as polls return it).
    public static func sortedByID(_ a: [Channel]) -> Bool {
        for i in a.indices.dropFirst() where !(a[i - 1].id < a[i].id) { return false }
        return true
    }

    /// Whether two lists hold the same channel IDs in the same order.
    public static func aligned(_ a: [Channel], _ b: [Channel]) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i].id != b[i].id { return false }
        return true
    }
}
