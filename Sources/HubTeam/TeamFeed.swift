import Foundation
import HubCore
import HubLive
import Logging
import PostgresNIO

/// An agent's live data from the team's PostgreSQL instead of the Partner API: the snapshot
/// the poller wrote, then every event after it, in order, as the same actions the engine
/// gives (the screen is the same). It LISTENs for new events and also reads them every
/// `safetyInterval` seconds (a NOTIFY sent while this one reconnected is not lost, the event
/// is still in the table). What the agent's screen shows goes to the poller as interest;
/// "refresh now" and a started settlement go to it as requests.
public actor TeamFeed {
    public nonisolated let actions: AsyncStream<Action>
    let sink: AsyncStream<Action>.Continuation
    let url: TeamDatabaseURL
    let db: TeamDatabase
    /// The partner connection read (nil: the newest one the poller wrote).
    public private(set) var connection: String?
    let session: String
    let safetyInterval: Double
    let logger: Logger
    /// The last event handed to the store (-1: the snapshot is not read yet).
    public private(set) var lastSeq: Int64 = -1
    var paused = false
    var catchingUp = false
    var catchUpAgain = false
    /// The poller's own status as last announced, and what is wrong here (it wins).
    var leaderStatus = LiveStatus(phase: .loading)
    var problem: String?
    var lastGood: Date?
    /// Who polls for the team, and its last heartbeat (a row of its own in `L`).
    var leader: (holder: String, heartbeat: Date)?
    var interest: (clients: Set<String>, focused: String?, funds: Set<String>) = ([], nil, [])
    var interestTask: Task<Void, Never>?
    var runTask: Task<Void, Never>?
    /// Each event handed on, with the time the poller wrote it (benchmarks time the delivery).
    let onDelivery: (@Sendable (_ kind: String, _ writtenAt: Date) -> Void)?

    public init(url: TeamDatabaseURL, connection: String?, session: String = "ph-\(UUID().uuidString.prefix(13).lowercased())",
                safetyInterval: Double = 5, logger: Logger = .silent,
                onDelivery: (@Sendable (_ kind: String, _ writtenAt: Date) -> Void)? = nil) {
        self.onDelivery = onDelivery
        self.url = url
        self.db = TeamDatabase(url: url, logger: logger)
        self.connection = connection
        self.session = session
        self.safetyInterval = safetyInterval
        self.logger = logger
        (actions, sink) = AsyncStream.makeStream(of: Action.self, bufferingPolicy: .bufferingNewest(4096))
    }

    public func inject(_ action: Action) { sink.yield(action) }

    public func start() {
        guard runTask == nil else { return }
        sink.yield(.liveStatusChanged(LiveStatus(phase: .loading)))
        runTask = Task { await self.run() }
    }

    public func stop() async {
        runTask?.cancel()
        interestTask?.cancel()
        runTask = nil
        if let key = connection {
            let session = self.session
            _ = try? await db.run { c in
                try await c.query("DELETE FROM team_interest WHERE session = \(session)", logger: TeamTables.logger)
                try await c.query("SELECT pg_notify(\(TeamChannel.control), \(try TeamTables.json(TeamControl(.interest, connection: key))))", logger: TeamTables.logger)
            }
        }
        await db.close()
        sink.finish()
    }

    func run() async {
        while !Task.isCancelled {
            do {
                try await db.migrate()
                if lastSeq < 0 { try await loadSnapshot() }
                try await follow()
            } catch is CancellationError {
                return
            } catch {
                down(error)
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }

    /// LISTEN and the safety reads, until the connection breaks.
    func follow() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [url] in
                try await TeamListener.listen(url, channel: TeamChannel.events, onReady: { try? await self.catchUp() }) { _ in
                    try await self.catchUp()
                }
            }
            group.addTask { [safetyInterval] in
                while true {
                    try await Task.sleep(for: .seconds(safetyInterval))
                    try await self.catchUp()
                    try await self.checkLeader()
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Whether anything is on screen yet (the first load shows a screenful first).
    var shownAnything = false

    func loadSnapshot() async throws {
        let wanted = connection
        if !shownAnything, let key = wanted {
            // A screenful at once (200 cards fill a 200x60 terminal), then everything.
            if let head = try await db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ", { c in try await TeamTables.loadHead(c, key, limit: 200) }),
               head.channels.count < head.total {
                sink.yield(.partialSnapshotLoaded(partner: head.partner, clients: head.clients, channels: head.channels, asOf: head.asOf,
                                                  fromCache: false, total: head.total))
            }
        }
        let snapshot = try await db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ") { c -> (String?, TeamTables.Snapshot?) in
            var found = wanted
            if found == nil { found = try await TeamTables.newestConnection(c) }
            guard let key = found else { return (nil, nil) }
            return (key, try await TeamTables.loadSnapshot(c, key))
        }
        recovered()
        guard let key = snapshot.0, let s = snapshot.1 else {
            leaderStatus = LiveStatus(phase: .backingOff(reason: "Waiting for partnerhub serve to write its first snapshot to \(url)", retryAt: nil))
            sink.yield(.liveStatusChanged(leaderStatus))
            throw TeamDatabaseError.unreadable("no snapshot yet")
        }
        let first = connection == nil
        connection = key
        lastSeq = s.seq
        shownAnything = true
        if first { scheduleInterest() }
        sink.yield(.snapshotLoaded(partner: s.partner, clients: s.clients, channels: s.channels, asOf: s.asOf, fromCache: false))
        for (id, b) in s.balances { sink.yield(.balanceLoaded(clientId: id, b)) }
        if !s.notifications.isEmpty { sink.yield(.notificationsRestored(s.notifications)) }
        try await checkLeader()
    }

    /// Every event after the last one, in order; coalesced when asked again meanwhile.
    func catchUp() async throws {
        guard let key = connection, lastSeq >= 0, !paused else { return }
        if catchingUp { catchUpAgain = true; return }
        catchingUp = true
        defer { catchingUp = false }
        repeat {
            catchUpAgain = false
            let after = lastSeq
            let (first, rows) = try await db.run { c in
                (try await TeamTables.firstSeq(c, key), try await TeamTables.events(c, key, after: after))
            }
            recovered()
            if let first, first > after + 1, after > 0 {
                // Pruned past this agent's last event: read the tables anew.
                lastSeq = -1
                try await loadSnapshot()
                continue
            }
            for row in rows {
                lastSeq = row.seq
                if let onDelivery, let kind = row.event?.kind { onDelivery(kind, row.time) }
                switch row.event {
                case .snapshot?:
                    lastSeq = -1
                    try await loadSnapshot()
                    catchUpAgain = true
                case .status(let s)?:
                    leaderStatus = s
                    if problem == nil { sink.yield(.liveStatusChanged(shown(s))) }
                case let event?:
                    if let action = event.action { sink.yield(action) }
                case nil:
                    logger.warning("team: event \(row.seq) could not be read; skipped")
                }
                if lastSeq < 0 { break }
            }
            if rows.count == 2000 { catchUpAgain = true }
        } while catchUpAgain
    }

    /// A poller that stopped renewing its lease (none runs): said on the status line.
    func checkLeader() async throws {
        guard let key = connection else { return }
        let row = try await db.run { c in
            var out: (String, Double)?
            for try await r in try await c.query("SELECT holder, heartbeat FROM team_leader WHERE connection = \(key)", logger: TeamTables.logger)
                .decode((String, Double).self) { out = r }
            return out
        }
        leader = row.map { ($0.0, Date(timeIntervalSince1970: $0.1)) }
        let stale = row.map { Date().timeIntervalSince1970 - $0.1 > 20 } ?? true
        let reason = stale ? "No partnerhub serve is polling" + (row.map { " (the last one, \(Sanitizer.oneLine($0.0, max: 60)), was seen at \(Timestamp.format(Date(timeIntervalSince1970: $0.1))))" } ?? "")
            + "; showing the last data" : nil
        set(problem: reason)
    }

    func set(problem new: String?) {
        guard new != problem else { return }
        problem = new
        if let new {
            sink.yield(.liveStatusChanged(shown(LiveStatus(phase: .backingOff(reason: new, retryAt: nil), lastSuccess: leaderStatus.lastSuccess,
                                                           sources: leaderStatus.sources))))
        } else {
            sink.yield(.liveStatusChanged(shown(leaderStatus)))
        }
    }

    /// The poller's status with a row for the poller itself: who it is and when it last said so.
    func shown(_ s: LiveStatus) -> LiveStatus {
        guard let leader else { return s }
        var out = s
        out.sources.append(SourceStatus(name: "team poller \(Sanitizer.oneLine(leader.holder, max: 40))", lastSuccess: leader.heartbeat,
                                        budget: "heartbeat every ≤ 5 s", stopped: problem?.hasPrefix("No partnerhub serve") == true))
        return out
    }

    func down(_ error: Error) {
        if case TeamDatabaseError.unreadable = error { return } // waiting for a first snapshot
        let since = lastGood.map { " since \(Timestamp.format($0))" } ?? ""
        set(problem: "The team database is unreachable\(since) (\(Sanitizer.oneLine(String(describing: error), max: 160))); showing the last data, changes are off until it is back")
    }

    func recovered() {
        lastGood = Date()
        if let p = problem, p.hasPrefix("The team database") { set(problem: nil) }
    }

    // MARK: what the agent does

    public func setPaused(_ p: Bool) async {
        paused = p
        leaderStatus.phase = p ? .paused : .idle
        sink.yield(.liveStatusChanged(shown(leaderStatus)))
        if !p { try? await catchUp() }
    }

    public func refreshNow() async -> Date? {
        await control(.refresh)
        return nil
    }

    public func settlementStarted() async { await control(.settlement) }

    public func followReview(wabaAccountId: String, name: String) async {
        await control(TeamControl(.followTemplate, connection: connection ?? "", waba: wabaAccountId, name: name))
    }

    public func watchBalances(_ clients: Set<String>, focused: String?) {
        interest.clients = clients.union(focused.map { [$0] } ?? [])
        interest.focused = focused
        scheduleInterest()
    }

    public func watchFunds(_ channels: Set<String>) {
        interest.funds = channels
        scheduleInterest()
    }

    func control(_ kind: TeamControl.Kind) async {
        await control(TeamControl(kind, connection: connection ?? ""))
    }

    func control(_ c: TeamControl) async {
        guard connection != nil, let payload = try? TeamTables.json(c) else { return }
        _ = try? await db.run { conn in try await conn.query("SELECT pg_notify(\(TeamChannel.control), \(payload))", logger: TeamTables.logger) }
    }

    /// The agent's screen as interest: written 300 ms after the last change (a held arrow key
    /// is one write), then renewed every minute.
    func scheduleInterest() {
        interestTask?.cancel()
        interestTask = Task {
            try? await Task.sleep(for: .milliseconds(300))
            while !Task.isCancelled {
                await self.writeInterest()
                try? await Task.sleep(for: .seconds(60))
            }
        }
    }

    func writeInterest() async {
        guard let key = connection else { return }
        let session = self.session, i = interest, t = Date().timeIntervalSince1970
        guard let clients = try? TeamTables.json(i.clients.sorted()), let funds = try? TeamTables.json(i.funds.sorted()),
              let note = try? TeamTables.json(TeamControl(.interest, connection: key)) else { return }
        _ = try? await db.run { c in
            try await c.query("""
                INSERT INTO team_interest (session, connection, agent, clients, focused, funds, updated_at)
                VALUES (\(session), \(key), session_user, \(clients), \(i.focused), \(funds), \(t))
                ON CONFLICT (session) DO UPDATE SET clients = excluded.clients, focused = excluded.focused, funds = excluded.funds, updated_at = excluded.updated_at
                """, logger: TeamTables.logger)
            try await c.query("SELECT pg_notify(\(TeamChannel.control), \(note))", logger: TeamTables.logger)
        }
    }
}

extension TeamFeed: LiveSource {
    public func watch(_ interest: Interest) async {
        watchBalances(interest.clients, focused: interest.focused)
        watchFunds(interest.funds)
    }

    /// Templates are read by the agent with their own credentials (not polled by the team).
    public func templates(of wabaAccountId: String) async throws -> [Template]? { nil }
}
