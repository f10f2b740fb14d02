import Foundation

/// Everything the screen shows, as one value. Changed only by `reduce`.
public struct AppState: Sendable {
    public enum Mode: String, Sendable { case sandbox, live }

    public enum DetailTab: Int, CaseIterable, Sendable {
        case overview, templates, billing, partnerSettings

        public var title: String {
            switch self {
            case .overview: return "Overview"
            case .templates: return "Template Message Manager"
            case .billing: return "Insights & Billing"
            case .partnerSettings: return "Partner Settings"
            }
        }
    }

    public enum Overlay: Hashable, Sendable {
        case help
        case palette(query: String, selected: Int)
        case notifications
        /// The live engine's sources: last update, next run, budget, errors.
        case liveStatus
    }

    public var mode: Mode
    public var readOnly: Bool
    public var now: Date

    public var partner: Partner?
    public private(set) var records: [String: ChannelRecord] = [:]
    public private(set) var clients: [String: Client] = [:]
    public private(set) var balances: [String: ClientBalance] = [:]
    public var templates: [String: [Template]] = [:]
    public var payments: [String: [Payment]] = [:]
    /// When the data on screen was fetched; set from the cache first, then from polls.
    public var dataAsOf: Date?
    public var dataFromCache = false

    /// Selection by channel ID, never by row.
    public var selection: String?
    public var filterText = ""
    public var filterEditing = false
    public var sort: SortKey = .needsActionFirst
    /// The order does not jump for a few seconds after a keypress (htop).
    public var orderFrozenUntil: Date?
    /// Filtered and sorted channel IDs: what the grid shows.
    public private(set) var visible: [String] = []
    /// All IDs in sort order, cached so a filter keystroke only filters, with their search
    /// bytes beside them (no dictionary lookup per channel per keystroke).
    var sortedAll: [String] = []
    var sortedSearch: [[UInt8]] = []
    var selectionIndexHint = 0

    /// First card row shown; kept by moves so the view scrolls only when the cursor leaves it.
    public var gridScrollRow = 0
    public var detailsOpen = false
    public var detailTab: DetailTab = .overview
    /// Tab moves the keyboard between the cards and the details pane.
    public var detailsFocused = false
    public var detailScroll = 0
    /// Numbers each client lets the partner manage (Partner Settings, P5).
    public var permissions: [String: Set<String>] = [:]
    public var themeName = "default"
    public var overlay: Overlay?
    public var notifications = NotificationQueue()
    public var live = LiveStatus()
    /// Channels that changed recently, highlighted until the time given.
    public var highlightedUntil: [String: Date] = [:]
    public var quitRequested = false

    public init(mode: Mode, readOnly: Bool = false, now: Date) {
        self.mode = mode
        self.readOnly = readOnly
        self.now = now
    }

    public var selectedRecord: ChannelRecord? { selection.flatMap { records[$0] } }

    public func client(for record: ChannelRecord) -> Client? { record.channel.resolvedClientId.flatMap { clients[$0] } }

    public func balance(for record: ChannelRecord) -> ClientBalance? { record.channel.resolvedClientId.flatMap { balances[$0] } }

    public var channelCount: Int { records.count }
    public var needsActionCount: Int { records.values.reduce(0) { $0 + ($1.needsAction ? 1 : 0) } }

    // MARK: data updates (called by the reducer)

    /// Takes a new snapshot. Records of unchanged channels are kept as they are (deriving 50,000
    /// of them costs about a second); returns the IDs that are new or changed.
    mutating func replaceData(partner: Partner?, clients newClients: [Client], channels: [Channel]) -> (changed: Set<String>, membership: Bool) {
        if let partner { self.partner = partner }
        var byId: [String: Client] = [:]
        byId.reserveCapacity(newClients.count)
        var changedClients = Set<String>()
        for c in newClients {
            byId[c.id] = c
            if clients[c.id] != c { changedClients.insert(c.id) }
        }
        clients = byId
        var next: [String: ChannelRecord] = [:]
        next.reserveCapacity(channels.count)
        var changed = Set<String>()
        for ch in channels {
            let clientId = ch.resolvedClientId
            if let old = records[ch.id], old.channel == ch, !(clientId.map(changedClients.contains) ?? false) {
                next[ch.id] = old
                continue
            }
            let client = clientId.flatMap { byId[$0] }
            if let old = records[ch.id], old.channel != ch { highlightedUntil[ch.id] = now.addingTimeInterval(LiveStatus.highlightDuration) }
            next[ch.id] = ChannelRecord(channel: ch, client: client, balance: balanceMoney(clientId))
            changed.insert(ch.id)
        }
        let membership = next.count != records.count || next.keys.contains { records[$0] == nil }
        records = next
        return (changed, membership)
    }

    /// Returns the IDs whose record changed.
    mutating func setBalance(_ balance: ClientBalance, clientId: String) -> Set<String> {
        balances[clientId] = balance
        var changed = Set<String>()
        // The Add funds action depends on the balance: re-derive that client's cards.
        for (id, r) in records where r.channel.resolvedClientId == clientId {
            let updated = ChannelRecord(channel: r.channel, client: clients[clientId], balance: balance.balance)
            if updated.actions != r.actions || updated.lifecycle != r.lifecycle { changed.insert(id) }
            records[id] = updated
        }
        return changed
    }

    private func balanceMoney(_ clientId: String?) -> Money? { clientId.flatMap { balances[$0]?.balance } }

    mutating func setVisible(_ ids: [String]) { visible = ids }
}

/// What the live engine says about itself, for the header.
public struct LiveStatus: Hashable, Sendable {
    public static let highlightDuration: TimeInterval = 3

    public enum Phase: Hashable, Sendable {
        case idle
        case loading
        case paused
        case backingOff(reason: String, retryAt: Date?)
    }

    public var phase: Phase = .idle
    public var lastSuccess: Date?
    public var nextRun: Date?
    /// Per data source (channels, clients, balances ...): shown by `:live-status`.
    public var sources: [SourceStatus] = []

    public init(phase: Phase = .idle, lastSuccess: Date? = nil, nextRun: Date? = nil, sources: [SourceStatus] = []) {
        self.phase = phase
        self.lastSuccess = lastSuccess
        self.nextRun = nextRun
        self.sources = sources
    }
}

/// One data source of the live engine as the agent sees it: when it last worked, when it runs
/// next, whether it is running or backing off, and what it spent against its budget.
public struct SourceStatus: Hashable, Sendable {
    public var name: String
    /// How many of this kind are polled (balances: one per client on screen).
    public var count: Int
    public var lastSuccess: Date?
    public var nextRun: Date?
    public var inFlight: Bool
    /// Set while backing off: the last error.
    public var error: String?
    /// Requests started within the budget window, against the budget (per item for balances).
    public var used: Int
    public var budget: String

    public init(name: String, count: Int = 1, lastSuccess: Date? = nil, nextRun: Date? = nil, inFlight: Bool = false,
                error: String? = nil, used: Int = 0, budget: String = "") {
        self.name = name
        self.count = count
        self.lastSuccess = lastSuccess
        self.nextRun = nextRun
        self.inFlight = inFlight
        self.error = error
        self.used = used
        self.budget = budget
    }
}
