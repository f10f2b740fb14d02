import Foundation

/// A channel (one phone number), item of `partner_channels` (reference §5.3).
///
/// Everything but the ID lives in one copy-on-write box: a channel is 24 bytes to copy however
/// many fields it has, so the lists of 50,000 channels held by the sandbox, the live feed and
/// the store share one copy of each channel's data, and comparing an unchanged channel with
/// itself is an identity check. The properties read and write through the box as if stored.
public struct Channel: Hashable, Sendable, Identifiable {
    public var id: String
    @Boxed var data: ChannelData
    /// A hash of `facts`, kept beside the ID so that a poll's 50,000 channels are compared with
    /// the last poll's without reading their boxes: equal keys, nothing to notify (ChangeDetector).
    public private(set) var factsKey: Int = 0

    public var clientId: String? {
        get { _data.borrowed.clientId }
        set { data.clientId = newValue; refreshFactsKey() }
    }
    public var accountMode: AccountMode? {
        get { _data.borrowed.accountMode }
        set { data.accountMode = newValue; refreshFactsKey() }
    }
    public var status: ChannelStatus? {
        get { _data.borrowed.status }
        set { data.status = newValue; refreshFactsKey() }
    }
    /// As the seed names it (C13); not seen in public sources, so optional.
    public var hubStatus: HubStatus? {
        get { _data.borrowed.hubStatus }
        set { data.hubStatus = newValue; refreshFactsKey() }
    }
    /// 1 = Classic Signup, 2 = Embedded Signup (C14).
    public var version: Int? {
        get { _data.borrowed.version }
        set { data.version = newValue; refreshFactsKey() }
    }
    /// Hosting platform: `cloud_api` or `on_premise` (field name inferred, reference §5.3).
    public var type: String? {
        get { _data.borrowed.type }
        set { data.type = newValue; refreshFactsKey() }
    }
    public var createdAt: Date? {
        get { _data.borrowed.createdAt }
        set { data.createdAt = newValue; refreshFactsKey() }
    }
    public var modifiedAt: Date? {
        get { _data.borrowed.modifiedAt }
        set { data.modifiedAt = newValue; refreshFactsKey() }
    }
    public var billingStartedAt: Date? {
        get { _data.borrowed.billingStartedAt }
        set { data.billingStartedAt = newValue; refreshFactsKey() }
    }
    public var terminatedAt: Date? {
        get { _data.borrowed.terminatedAt }
        set { data.terminatedAt = newValue; refreshFactsKey() }
    }
    public var currentLimit: String? {
        get { _data.borrowed.currentLimit }
        set { data.currentLimit = newValue; refreshFactsKey() }
    }
    public var currentQualityRating: QualityRating? {
        get { _data.borrowed.currentQualityRating }
        set { data.currentQualityRating = newValue; refreshFactsKey() }
    }
    public var client: ChannelClient? {
        get { _data.borrowed.client }
        set { data.client = newValue; refreshFactsKey() }
    }
    public var setupInfo: SetupInfo? {
        get { _data.borrowed.setupInfo }
        set { data.setupInfo = newValue; refreshFactsKey() }
    }
    public var wabaAccount: WabaAccount? {
        get { _data.borrowed.wabaAccount }
        set { data.wabaAccount = newValue; refreshFactsKey() }
    }
    public var wabaAccountId: String? {
        get { _data.borrowed.wabaAccountId }
        set { data.wabaAccountId = newValue; refreshFactsKey() }
    }
    public var integration: Integration? {
        get { _data.borrowed.integration }
        set { data.integration = newValue; refreshFactsKey() }
    }
    public var hasInbox: Bool? {
        get { _data.borrowed.hasInbox }
        set { data.hasInbox = newValue; refreshFactsKey() }
    }
    public var isOba: Bool? {
        get { _data.borrowed.isOba }
        set { data.isOba = newValue; refreshFactsKey() }
    }
    public var externalId: String? {
        get { _data.borrowed.externalId }
        set { data.externalId = newValue; refreshFactsKey() }
    }
    public var isMigrated: Bool? {
        get { _data.borrowed.isMigrated }
        set { data.isMigrated = newValue; refreshFactsKey() }
    }
    /// The top-level `app_id` only (see `appId` for the one the rules read).
    public var topLevelAppId: String? {
        get { _data.borrowed.appId }
        set { data.appId = newValue; refreshFactsKey() }
    }

    public init(id: String, clientId: String? = nil, accountMode: AccountMode? = nil, status: ChannelStatus? = nil,
                hubStatus: HubStatus? = nil, version: Int? = 2, type: String? = nil,
                createdAt: Date? = nil, modifiedAt: Date? = nil, billingStartedAt: Date? = nil, terminatedAt: Date? = nil,
                currentLimit: String? = nil, currentQualityRating: QualityRating? = nil,
                client: ChannelClient? = nil, setupInfo: SetupInfo? = nil, wabaAccount: WabaAccount? = nil,
                integration: Integration? = nil) {
        self.id = id
        var d = ChannelData()
        d.clientId = clientId
        d.accountMode = accountMode
        d.status = status
        d.hubStatus = hubStatus
        d.version = version
        d.type = type
        d.createdAt = createdAt
        d.modifiedAt = modifiedAt
        d.billingStartedAt = billingStartedAt
        d.terminatedAt = terminatedAt
        d.currentLimit = currentLimit
        d.currentQualityRating = currentQualityRating
        d.client = client
        d.setupInfo = setupInfo
        d.wabaAccount = wabaAccount
        d.wabaAccountId = wabaAccount?.id
        d.integration = integration
        _data = Boxed(wrappedValue: d)
        refreshFactsKey()
    }

    /// What change notifications are made of, read from the boxes in place (`ChannelFacts`).
    public var facts: ChannelFacts { _data.borrowed.facts }

    mutating func refreshFactsKey() {
        if factsKey == Self.updating { return } // inside `update`: once, at its end
        factsKey = Self.key(_data.borrowed.facts)
    }

    /// Marks a channel inside `update`; no hash is made equal to it.
    static let updating = Int.min

    static func key(_ facts: ChannelFacts) -> Int {
        var h = Hasher()
        h.combine(facts)
        let k = h.finalize()
        return k == updating ? k &+ 1 : k
    }

    /// Sets several fields with one update of `factsKey` at the end: each setter on its own
    /// hashes the facts again (the sandbox sets a dozen fields of each of 50,000 channels).
    public mutating func update<E: Error>(_ body: (inout Channel) throws(E) -> Void) throws(E) {
        factsKey = Self.updating
        defer { factsKey = Self.key(_data.borrowed.facts) }
        try body(&self)
    }

    /// `app_id` wherever the documented shapes put it: under `integration` or at the top level.
    public var appId: String? { integration?.appId.nonEmpty ?? _data.borrowed.appId.nonEmpty }

    /// `terminated_at` is present (C13: pending deletion), even when its value is not a timestamp.
    public var isTerminated: Bool { terminatedAt != nil || _data.borrowed.terminationUnparsed == true }

    /// The number in E.164 with `+` (the API writes digits only).
    public var phoneNumberE164: String? { setupInfo?.phoneNumber.map(PhoneNumber.e164) }

    public var displayName: String? { setupInfo?.phoneName }

    public var resolvedClientId: String? { clientId ?? client?.id ?? wabaAccount?.clientId }

    public var hostingPlatform: HostingPlatform { HostingPlatform(channelType: type) }

    /// The company legal name for cards, tables and the CSV. The client list is the source:
    /// its `organisation`, else its `name`. The client embedded in a channel is often a
    /// placeholder (`"name": "Company"`), so it is used only when the client list does not
    /// have the client; "" when nothing is known.
    public func companyLegalName(client: Client?) -> String {
        if let client { return client.organisation.nonEmpty ?? client.name.nonEmpty ?? "" }
        return self.client?.organisation.nonEmpty ?? self.client?.name.nonEmpty ?? ""
    }

    /// The latest time anything about this channel changed, for "last change" sorting.
    public var lastChange: Date? { [modifiedAt, terminatedAt, createdAt].compactMap { $0 }.max() }
}

/// The fields of a channel other than its ID, on the wire next to it (one JSON object).
struct ChannelData: Codable, Hashable, Sendable {
    var clientId: String?
    var accountMode: AccountMode?
    var status: ChannelStatus?
    var hubStatus: HubStatus?
    var version: Int?
    var type: String?
    var createdAt: Date?
    var modifiedAt: Date?
    var billingStartedAt: Date?
    var terminatedAt: Date?
    var currentLimit: String?
    var currentQualityRating: QualityRating?
    @Boxed var client: ChannelClient? = nil
    @Boxed var setupInfo: SetupInfo? = nil
    @Boxed var wabaAccount: WabaAccount? = nil
    var wabaAccountId: String?
    var integration: Integration?
    var hasInbox: Bool?
    var isOba: Bool?
    var externalId: String?
    var isMigrated: Bool?
    /// `app_id` at the top level of the channel, where some payloads put it instead of under
    /// `integration` (reference §5.3); read through `Channel.appId`.
    var appId: String?
    /// `terminated_at` was present but not a timestamp: still terminated (C13 counts presence).
    var terminationUnparsed: Bool?

    /// Read from the nested boxes in place (see `ChannelFacts`).
    var facts: ChannelFacts {
        ChannelFacts(terminated: terminatedAt != nil || terminationUnparsed == true, appId: appId, hubStatus: hubStatus, accountMode: accountMode, version: version,
                     status: status, integration: integration, setupError: _setupInfo.borrowed?.error,
                     wabaStatus: _wabaAccount.borrowed?.status, fbAccountStatus: _wabaAccount.borrowed?.fbAccountStatus,
                     oboStatus: _wabaAccount.borrowed?.onBehalfOfBusinessInfo?.status,
                     newNameStatus: _setupInfo.borrowed?.newNameStatus)
    }
}

extension ChannelData {
    /// Every field through the lenient readers (LenientDecoding.swift): real servers send
    /// numbers as strings or floats, nulls, and leave objects out; one odd field must not
    /// make a channel, or a list of 50,000, unreadable.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clientId = c.lenientString(.clientId)
        accountMode = c.lenientEnum(AccountMode.self, .accountMode)
        status = c.lenientEnum(ChannelStatus.self, .status)
        hubStatus = c.lenientEnum(HubStatus.self, .hubStatus)
        version = c.lenientInt(.version)
        type = c.lenientString(.type)
        createdAt = c.lenientDate(.createdAt)
        modifiedAt = c.lenientDate(.modifiedAt)
        billingStartedAt = c.lenientDate(.billingStartedAt)
        terminatedAt = c.lenientDate(.terminatedAt)
        if terminatedAt == nil, c.isPresent(.terminatedAt) { terminationUnparsed = true }
        currentLimit = c.lenientString(.currentLimit)
        currentQualityRating = c.lenientEnum(QualityRating.self, .currentQualityRating)
        _client = Boxed(wrappedValue: c.lenientObject(ChannelClient.self, .client))
        _setupInfo = Boxed(wrappedValue: c.lenientObject(SetupInfo.self, .setupInfo))
        _wabaAccount = Boxed(wrappedValue: c.lenientObject(WabaAccount.self, .wabaAccount))
        wabaAccountId = c.lenientString(.wabaAccountId) ?? (_wabaAccount.borrowed?.id).nonEmpty
        integration = c.lenientObject(Integration.self, .integration)
        hasInbox = c.lenientBool(.hasInbox)
        isOba = c.lenientBool(.isOba)
        externalId = c.lenientString(.externalId)
        isMigrated = c.lenientBool(.isMigrated)
        appId = c.lenientString(.appId)
        terminationUnparsed = terminationUnparsed ?? c.lenientBool(.terminationUnparsed)
    }
}

// Beside ChannelData: the boxes it swaps are private to this file (ChannelInterner calls it).
extension ChannelData {
    mutating func share(clients: inout [String: Boxed<ChannelClient?>], wabas: inout [String: Boxed<WabaAccount?>]) {
        if let id = _client.borrowed?.id {
            if let known = clients[id], known == _client { _client = known } else { clients[id] = _client }
        }
        if let id = _wabaAccount.borrowed?.id {
            if let known = wabas[id], known == _wabaAccount { _wabaAccount = known } else { wabas[id] = _wabaAccount }
        }
    }
}

extension Channel: Codable {
    public init(from decoder: Decoder) throws {
        let (id, data) = try IDAndFields.decode(ChannelData.self, from: decoder)
        self.id = id
        _data = Boxed(wrappedValue: data)
        refreshFactsKey()
    }

    public func encode(to encoder: Encoder) throws {
        try IDAndFields.encode(id: id, _data.borrowed, to: encoder)
    }
}
