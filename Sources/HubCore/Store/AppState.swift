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

    public enum Overlay: Equatable, Sendable {
        case help
        case palette(PaletteState)
        case notifications
        /// The live engine's sources: last update, next run, budget, errors.
        case liveStatus
    }

    public let mode: Mode
    public let readOnly: Bool
    /// Who is at the keyboard and where: for audit rows, default paths and idempotency keys.
    public let environment: AppEnvironment
    /// The clock, from `.tick` only.
    public private(set) var now: Date
    /// The terminal size, from `.resized` only.
    public private(set) var width = 80
    public private(set) var height = 24

    public internal(set) var partner: Partner?
    public private(set) var records: [String: ChannelRecord] = [:]
    public private(set) var clients: [String: Client] = [:]
    public private(set) var balances: [String: ClientBalance] = [:]
    /// Why a client's balance could not be read (a 403 on that client): its cards and details say so.
    public internal(set) var clientErrors: [String: String] = [:]
    public internal(set) var templates: [String: [Template]] = [:]
    /// Each number's funds (C7) as last read: balance, payments, refunds.
    public internal(set) var funds: [String: ChannelFunds] = [:]
    public internal(set) var fundsProblems: [String: FundsProblem] = [:]
    /// Partner change wizards by WABA: one per WABA, resumed when opened again.
    public internal(set) var partnerChanges: [String: PartnerChangeWizard] = [:]
    /// Whether each client may change partner, as the server said (P3; absent: not asked or not known).
    public internal(set) var partnerChangeEligibility: [String: PartnerChangeEligibility] = [:]
    /// Partner change requests as last polled (nil: not yet).
    public internal(set) var partnerChangeRequests: [PartnerChangeRequest]?
    /// The auto-approve setting as this app last set it (the partner's settings otherwise).
    var autoApproveSet: Bool?
    /// Destination partners looked up by ID.
    public internal(set) var destinations: [String: PartnerSummary] = [:]
    /// When the data on screen was fetched; set from the cache first, then from polls.
    public internal(set) var dataAsOf: Date?
    public internal(set) var dataFromCache = false
    /// Set while what is shown is only the first part of a list of this many numbers.
    public internal(set) var loadingTotal: Int?
    /// An export confirmed while the list was still loading: written once all of it is here.
    var exportWaiting: ExportWait?

    /// Selection by channel ID, never by row.
    public internal(set) var selection: String?
    public internal(set) var filter = FilterState()
    /// Cards by state, with the text filter (`f`, `:filter …`).
    public internal(set) var stateFilter: StateFilter = .all
    public internal(set) var sort: SortKey = .needsActionFirst
    /// The order does not jump for a few seconds after a keypress (htop).
    public internal(set) var orderFrozenUntil: Date?
    /// Filtered and sorted channel IDs: what the grid shows.
    public private(set) var visible: [String] = []
    /// All IDs in sort order, cached so a filter keystroke only filters, with their search
    /// bytes beside them (no dictionary lookup per channel per keystroke).
    var sortedAll: [String] = []
    var sortedSearch: [[UInt8]] = []
    var selectionIndexHint = 0

    /// The cards, or the clients view beside them (`clients`).
    public internal(set) var mainView: MainView = .cards
    public internal(set) var clientsView = ClientsViewState()
    /// The cards of one client only (Enter in the clients view); Esc goes back.
    public internal(set) var clientScope: String?
    /// The cards' filter while one client's cards are shown, restored on the way back.
    var scopedFilterBackup: FilterState?
    /// A client's numbers sit together, under its name (`group-by-client`).
    public internal(set) var groupByClient = false

    /// First card row shown; kept by moves so the view scrolls only when the cursor leaves it.
    public internal(set) var gridScrollRow = 0
    public internal(set) var details = DetailsState()
    /// Numbers each client lets the partner manage (Partner Settings, P5).
    public internal(set) var permissions: [String: Set<String>] = [:]
    public internal(set) var themeName = "default"
    public internal(set) var overlay: Overlay?
    public internal(set) var dialogs = DialogStack()
    /// The audit log as last loaded (`:audit`).
    public internal(set) var audit: [AuditEntry]?
    /// The hub's team members as last listed (C8; nil: not yet).
    public internal(set) var users: [HubUser]?
    /// A user just added: the cursor goes to them when the list comes back.
    var pendingUserSelection: String?
    /// A template just submitted: the manager's cursor goes to it when the list comes back.
    var pendingTemplateSelection: String?
    public internal(set) var notifications = NotificationQueue()
    public internal(set) var live = LiveStatus()
    /// Channels that changed recently, highlighted until the time given.
    public internal(set) var highlightedUntil: [String: Date] = [:]
    public internal(set) var quitRequested = false
    /// Counts intents, for idempotency keys unique within the session.
    var intentSequence = 0

    public init(mode: Mode, readOnly: Bool = false, now: Date, environment: AppEnvironment = AppEnvironment()) {
        self.mode = mode
        self.readOnly = readOnly
        self.now = now
        self.environment = environment
    }

    // Read-only views kept for the views and tests that read them.
    public var detailsOpen: Bool { details.open }
    public var detailTab: DetailTab { details.tab }
    public var detailsFocused: Bool { details.focused }
    public var detailScroll: Int { details.scroll }
    public var filterText: String { filter.field.text }
    public var filterEditing: Bool { filter.editing }

    /// Where everything goes at the current terminal size.
    public var layout: Layout { Layout(width: width, height: height, detailsOpen: details.open) }

    mutating func setNow(_ date: Date) { now = date }
    mutating func setSize(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
    }

    public var selectedRecord: ChannelRecord? { selection.flatMap { records[$0] } }
    /// The selected number's client: its balance is polled first (the focused client).
    public var selectedClientId: String? { selectedRecord?.channel.resolvedClientId }

    public func client(for record: ChannelRecord) -> Client? { record.channel.resolvedClientId.flatMap { clients[$0] } }

    public func balance(for record: ChannelRecord) -> ClientBalance? { record.channel.resolvedClientId.flatMap { balances[$0] } }

    public var channelCount: Int { records.count }
    /// Kept with the records: the header shows it every frame, and counting 48,000 records there
    /// cost over a millisecond a frame.
    public private(set) var needsActionCount = 0
    /// How far help is scrolled (lines); in the notification center, the selected row.
    public internal(set) var overlayScroll = 0
    /// The notification center shows this level and above (nil: every one).
    public internal(set) var notificationLevel: HubNotification.Level?

    /// The notification center's rows, newest first, at the chosen level and above.
    public var notificationsShown: [HubNotification] {
        guard let min = notificationLevel else { return notifications.history }
        return notifications.history.filter { $0.level >= min }
    }

    /// Direct-payment clients (or clients of an unset payment model) whose balance is not known
    /// yet: their numbers may need funds that `needsActionCount` cannot count. The header asks
    /// on every frame: it stops at the first such client (at once, while balances load).
    public var someBalancesUnknown: Bool {
        clients.values.contains { c in balances[c.id] == nil && ClientPayment.of(c, balance: nil) != .partner }
    }

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
        needsActionCount = next.values.reduce(0) { $0 + ($1.needsAction ? 1 : 0) }
        return (changed, membership)
    }

    /// Only the changed records are made again; a changed client's cards take its new data.
    mutating func applyChanges(partner: Partner?, clients delta: ListDelta<Client>, channels: ListDelta<Channel>) -> (changed: Set<String>, membership: Bool) {
        if let partner { self.partner = partner }
        var changed = Set<String>()
        var membership = false
        for id in delta.removed { clients[id] = nil }
        for c in delta.upserted { clients[c.id] = c }
        func put(_ ch: Channel) {
            let old = records[ch.id]
            if old == nil { membership = true } else if old?.channel != ch { highlightedUntil[ch.id] = now.addingTimeInterval(LiveStatus.highlightDuration) }
            let record = ChannelRecord(channel: ch, client: ch.resolvedClientId.flatMap { clients[$0] }, balance: balanceMoney(ch.resolvedClientId))
            needsActionCount += (record.needsAction ? 1 : 0) - (old?.needsAction == true ? 1 : 0)
            records[ch.id] = record
            changed.insert(ch.id)
        }
        for id in channels.removed {
            guard let old = records.removeValue(forKey: id) else { continue }
            needsActionCount -= old.needsAction ? 1 : 0
            membership = true
        }
        for ch in channels.upserted { put(ch) }
        // A client's name or settings changed: its cards show them (rare; one scan). The
        // channels are picked first: writing `records` while iterating it copies all of it.
        let touchedClients = Set(delta.upserted.map(\.id) + delta.removed)
        if !touchedClients.isEmpty {
            let again = records.values.filter { r in
                !changed.contains(r.id) && r.channel.resolvedClientId.map(touchedClients.contains) == true
            }.map(\.channel)
            for ch in again { put(ch) }
        }
        return (changed, membership)
    }

    /// Returns the IDs whose record changed.
    mutating func setBalance(_ balance: ClientBalance, clientId: String) -> Set<String> {
        balances[clientId] = balance
        var changed = Set<String>()
        // The Add funds action depends on the balance: re-derive that client's cards. They are
        // picked first: writing `records` while iterating it made a copy of all 48,000 records
        // (a 9 MB spike every balance poll, the embedded peak of issue 14).
        let mine = records.values.filter { $0.channel.resolvedClientId == clientId }
        for r in mine {
            let id = r.id
            let updated = ChannelRecord(channel: r.channel, client: clients[clientId], balance: balance.balance)
            if updated.actions != r.actions || updated.lifecycle != r.lifecycle { changed.insert(id) }
            needsActionCount += (updated.needsAction ? 1 : 0) - (r.needsAction ? 1 : 0)
            records[id] = updated
        }
        return changed
    }

    private func balanceMoney(_ clientId: String?) -> Money? { clientId.flatMap { balances[$0]?.balance } }

    mutating func setVisible(_ ids: [String]) { visible = ids }
}

/// The details pane: open or not, its tab, whether keys go to it, and its scroll.
public struct DetailsState: Equatable, Sendable {
    public var open = false
    public var tab: AppState.DetailTab = .overview
    /// Tab moves the keyboard between the cards and the details pane.
    public var focused = false
    public var scroll = 0

    public init() {}
}

/// The filter line (`/`): a text field, and whether keys go to it.
public struct FilterState: Equatable, Sendable {
    public var field = TextField(maxLength: 120)
    public var editing = false

    public init() {}
}

/// The command palette (`:`): the query as a text field and the highlighted match.
public struct PaletteState: Equatable, Sendable {
    public var query = TextField(maxLength: 80)
    public var selected = 0

    public init() {}
}

/// Facts about the session the reducer needs and may not look up itself.
public struct AppEnvironment: Equatable, Sendable {
    /// The OS user, written in audit rows.
    public var agent: String
    /// Where an export goes by default.
    public var workingDirectory: String
    /// Unique per start: idempotency keys are this plus a counter (the reducer stays pure).
    public var sessionId: String
    /// The agent's time zone, for times in dialogs (the audit log).
    public var timeZone: TimeZone
    /// Copy to the clipboard with OSC 52 (`osc52_clipboard` under `[ui]`; off by default).
    public var clipboard: Bool

    public init(agent: String = "agent", workingDirectory: String = "/tmp", sessionId: String = "session",
                timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current, clipboard: Bool = false) {
        self.clipboard = clipboard
        self.agent = agent
        self.workingDirectory = workingDirectory
        self.sessionId = sessionId
        self.timeZone = timeZone
    }

    /// "2026-11-22 14:03" in the agent's time zone.
    public func dateTime(_ date: Date) -> String { Timestamp.localMinute(date, in: timeZone) }
}

/// What the live engine says about itself, for the header.
/// Codable: the team's poller sends it to every agent (HubTeam).
public struct LiveStatus: Hashable, Sendable, Codable {
    public static let highlightDuration: TimeInterval = 3

    public enum Phase: Hashable, Sendable, Codable {
        case idle
        case loading
        case paused
        case backingOff(reason: String, retryAt: Date?)
        /// The server refused the connection (credentials, base URL): nothing is polled until
        /// the agent presses refresh; `reason` says what to fix.
        case stopped(reason: String)
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
public struct SourceStatus: Hashable, Sendable, Codable {
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
    /// Not polled again until the agent refreshes (the error is permanent, e.g. 401 or 403).
    public var stopped: Bool

    public init(name: String, count: Int = 1, lastSuccess: Date? = nil, nextRun: Date? = nil, inFlight: Bool = false,
                error: String? = nil, used: Int = 0, budget: String = "", stopped: Bool = false) {
        self.stopped = stopped
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
