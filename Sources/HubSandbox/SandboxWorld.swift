import Foundation
import HubCore

/// Everything the simulator knows. A value: the engine actor owns the only mutable copy.
public struct SandboxWorld: Sendable {
    public var partner: Partner
    public var clients: [String: Client] = [:]
    public var channels = ChannelTable()
    public var templates = TemplateStore()                     // by WABA account ID
    public var partnerChangeRequests: [String: PartnerChangeRequest] = [:]
    public var otherPartners: [String: OtherPartner] = [:]
    public var users: [HubUser] = []
    public var autoApprovePartnerChanges = false
    public var refunds: [String: Refund] = [:]                 // by refund ID
    /// Channels each client lets the partner manage (P5, Partner Settings).
    public var permissions: [String: Set<String>] = [:]
    public var apiKeys: [String: String] = [:]
    /// What approving an incoming partner change brings, by request ID.
    public var incoming: [String: IncomingMove] = [:]
    /// Clients that cannot change partner (P3: some legacy clients).
    public var legacyClients: Set<String> = []                 // channel API key -> channel ID
    /// Bumped on every change; cached sort orders are keyed by it.
    public var version = 0
    /// Bumped only when channels or clients come or go: an order by ID survives content changes.
    public var membershipVersion = 0
    /// Bumped when a client changes: the clients' cached orders are keyed by it.
    public var clientsVersion = 0

    public init(partner: Partner) { self.partner = partner }

    public func channelList() -> [Channel] { channels.values.map(\.channel) }
}

/// A channel plus the simulator's private state about it.
public struct SandboxChannel: Sendable {
    public var channel: Channel
    /// Where the lifecycle walk goes next and when (sandbox time).
    public var nextStage: Stage?
    public var nextStageAt: Date?
    /// Pre-payment funds of the number (direct-payment clients).
    public var prePayment: Bool
    public var payments: [Payment]        // newest first
    public var balance: Money?
    public var usageSinceLatestPayment: Money?
    public var conversationsSinceLatestPayment = 0
    public var monthUsage: Money?
    public var monthConversations: Int

    public enum Stage: String, Sendable, CaseIterable {
        case created, submitted, ready, running, live
    }
}

/// Templates by WABA account ID. Generated ones are made again from their recipe each time they
/// are read (a few per WABA, cheap) instead of being kept: 10,000 clients' templates took 26 MB.
/// Once changed (created, deleted), a WABA's list is kept as it is.
public struct TemplateStore: Sendable {
    struct Recipe: Sendable {
        var seed: UInt64
        var wabaId: String
        var namespace: String?
        var partnerId: String
        var reference: Date

        /// The world's seed mixed with the WABA ID (FNV-1a: stable across processes, unlike `Hasher`).
        var streamSeed: UInt64 {
            wabaId.utf8.reduce(seed ^ 0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        }
    }

    var recipes: [String: Recipe] = [:]
    var stored: [String: [Template]] = [:]

    public init() {}

    public subscript(wabaAccountId: String) -> [Template]? {
        get {
            if let list = stored[wabaAccountId] { return list }
            guard let r = recipes[wabaAccountId] else { return nil }
            var rng = SeededRandom(seed: r.streamSeed), idRng = SeededRandom(seed: ~r.streamSeed)
            var waba = WabaAccount(id: r.wabaId, status: nil, fbAccountStatus: nil)
            waba.namespace = r.namespace
            return SandboxGenerator.makeTemplates(&rng, waba: waba, partnerId: r.partnerId, reference: r.reference,
                                                  newID: { idRng.id(length: 22, suffix: "WT") })
        }
        set {
            recipes[wabaAccountId] = nil
            stored[wabaAccountId] = newValue
        }
    }

    mutating func addRecipe(_ r: Recipe) { recipes[r.wabaId] = r }
}
