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
        /// Numbers by state, what waits, the last hour (Features/Overview).
        case overview
    }

    /// The state, by concern (AppStateParts.swift); the old names are forwarded.
    public internal(set) var session: Session
    public internal(set) var entities = Entities()
    public internal(set) var browse = Browse()
    public internal(set) var presentation = Presentation()
    public internal(set) var notifications = NotificationQueue()
    public internal(set) var live = LiveStatus()

    public init(mode: Mode, readOnly: Bool = false, now: Date, environment: AppEnvironment = AppEnvironment()) {
        session = Session(mode: mode, readOnly: readOnly, environment: environment, now: now)
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


// The names only this file may set (the records, the counts kept with them, the clock and the
// size), forwarded to the parts in place.
extension AppState {
    public private(set) var now: Date {
        get { session.now }
        set { session.now = newValue }
        _modify { yield &session.now }
    }
    public private(set) var width: Int {
        get { session.width }
        set { session.width = newValue }
        _modify { yield &session.width }
    }
    public private(set) var height: Int {
        get { session.height }
        set { session.height = newValue }
        _modify { yield &session.height }
    }
    public private(set) var records: [String: ChannelRecord] {
        get { entities.records }
        set { entities.records = newValue }
        _modify { yield &entities.records }
    }
    public private(set) var clients: [String: Client] {
        get { entities.clients }
        set { entities.clients = newValue }
        _modify { yield &entities.clients }
    }
    public private(set) var balances: [String: ClientBalance] {
        get { entities.balances }
        set { entities.balances = newValue }
        _modify { yield &entities.balances }
    }
    public private(set) var needsActionCount: Int {
        get { entities.needsActionCount }
        set { entities.needsActionCount = newValue }
        _modify { yield &entities.needsActionCount }
    }

    // MARK: browse
    public private(set) var visible: [String] {
        get { browse.visible }
        set { browse.visible = newValue }
        _modify { yield &browse.visible }
    }
}
