import Foundation
import HubCore
import HubLive
import Logging
import PostgresNIO

/// `partnerhub serve`: the live engine (the same scheduler, budgets and change detection as
/// one agent's) polling once for the whole team, writing to PostgreSQL. Several may run:
/// each waits for the advisory lock of the connection, and the one that holds it polls. The
/// lock is its database session's, so a poller that dies (or loses its connection) lets the
/// next one in; the standby asks every `takeoverCheck` seconds.
public actor TeamService {
    public struct Options: Sendable {
        public var settings: LiveFeed.Settings
        /// Seconds between a standby's attempts to take the lock (at most a third of the poll
        /// interval: a standby takes over within one interval).
        public var takeoverCheck: Double
        /// Who this poller is, for `team_leader` and the agents' status line.
        public var holder: String
        /// Events older than this are deleted (an agent further behind reads the tables anew).
        public var keepEvents: TimeInterval = 3600
        /// `--webhook-listen HOST:PORT`: the leader receives partner webhook events there. Only
        /// the leader listens; a standby binds the address when it takes the lock (docs/team.md).
        public var webhookListen: WebhookListener?

        public init(settings: LiveFeed.Settings, holder: String = TeamService.defaultHolder) {
            self.settings = settings
            self.holder = holder
            takeoverCheck = max(0.25, min(5, settings.channels.interval / 3))
        }
    }

    public enum Role: Sendable, Equatable {
        case connecting
        case standby(leader: String?)
        case polling
        case databaseDown(String)
    }

    /// What became of `--webhook-listen` while this one leads (a report, not a role).
    public enum WebhookReport: Sendable, Equatable {
        /// The leader receives webhook events on this port.
        case listening(port: Int)
        /// The address could not be bound; polling goes on (it is the source of truth).
        case failed(String)
    }

    public static var defaultHolder: String {
        "\(ProcessInfo.processInfo.hostName):\(getpid())"
    }

    let url: TeamDatabaseURL
    let service: any PartnerService
    let connection: String
    let options: Options
    let logger: Logger
    let report: @Sendable (Role) -> Void
    let webhookReport: @Sendable (WebhookReport) -> Void
    public private(set) var role: Role = .connecting
    /// The engine while this one polls (tests and benchmarks look at it).
    public private(set) var feed: LiveFeed?

    public init(url: TeamDatabaseURL, service: any PartnerService, connection: String, options: Options,
                logger: Logger = .silent, report: @escaping @Sendable (Role) -> Void = { _ in },
                webhookReport: @escaping @Sendable (WebhookReport) -> Void = { _ in }) {
        self.webhookReport = webhookReport
        self.url = url
        self.service = service
        self.connection = connection
        self.options = options
        self.logger = logger
        self.report = report
    }

    func set(_ r: Role) {
        guard r != role else { return }
        role = r
        report(r)
    }

    /// Until cancelled: wait for the lock, poll while holding it, start over when the
    /// database connection breaks.
    public func run() async {
        while !Task.isCancelled {
            let db = TeamDatabase(url: url, logger: logger)
            do {
                try await db.migrate()
                try await waitForLock(db)
                set(.polling)
                try await lead(db)
            } catch is CancellationError {
                await db.close()
                break
            } catch {
                let reason = Sanitizer.oneLine(String(describing: error), max: 300)
                logger.error("team: \(reason)")
                set(.databaseDown(reason))
            }
            await db.close()
            if let feed { await feed.stop(); self.feed = nil }
            try? await Task.sleep(for: .seconds(1))
        }
        if let feed { await feed.stop(); self.feed = nil }
    }

    func waitForLock(_ db: TeamDatabase) async throws {
        let key = connection
        while true {
            try Task.checkCancellation()
            let got = try await db.run { c in
                var ok = false
                for try await b in try await c.query("SELECT pg_try_advisory_lock(hashtextextended(\(key), 7343))", logger: TeamTables.logger).decode(Bool.self) { ok = b }
                return ok
            }
            if got { return }
            let leader = try await db.run { c in
                var holder: String?
                for try await h in try await c.query("SELECT holder FROM team_leader WHERE connection = \(key)", logger: TeamTables.logger).decode(String.self) { holder = h }
                return holder
            }
            set(.standby(leader: leader))
            try await Task.sleep(for: .seconds(options.takeoverCheck))
        }
    }

    /// Polls while the connection holding the lock lives; throws when it breaks.
    func lead(_ db: TeamDatabase) async throws {
        let key = connection, holder = options.holder
        let seed = try await db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ") { c in
            try await TeamTables.loadSnapshot(c, key, notificationLimit: 0)
        }
        try await heartbeat(db, since: Date())
        let feed = LiveFeed(service: service, settings: options.settings, logger: logger)
        self.feed = feed
        // Changes since the last poller's last write are notified on the first poll, once.
        if let seed { await feed.seed(channels: seed.channels, clients: seed.clients) }
        let publisher = TeamPublisher(db: db, connection: key, seed: seed)
        logger.info("team: \(holder) polls \(key)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await action in feed.actions { try await publisher.handle(action) }
                throw CancellationError()
            }
            group.addTask { [options] in
                var pruned = Date(), interest = Date()
                while true {
                    try await Task.sleep(for: .seconds(min(5, max(0.5, options.settings.channels.interval / 2))))
                    try await self.heartbeat(db, since: nil)
                    if Date().timeIntervalSince(pruned) > 600 {
                        pruned = Date()
                        let cutoff = Date().timeIntervalSince1970 - options.keepEvents
                        try await db.run { c in try await c.query("DELETE FROM team_event WHERE connection = \(key) AND time < \(cutoff)", logger: TeamTables.logger) }
                    }
                    // Sessions that stopped renewing their rows drop out.
                    if Date().timeIntervalSince(interest) > 60 {
                        interest = Date()
                        try await self.applyInterest(db, feed)
                    }
                }
            }
            group.addTask { [url] in
                try await TeamListener.listen(url, channel: TeamChannel.control) { payload in
                    guard let control = try? HubJSON.decode(TeamControl.self, from: Data(payload.utf8)), control.connection == key else { return }
                    await self.handle(control, db, feed)
                }
            }
            if let listener = options.webhookListen {
                group.addTask { await self.listen(listener, feed, publisher) }
            }
            try await applyInterest(db, feed)
            await feed.start()
            try await group.next()
            group.cancelAll()
        }
    }

    /// Webhook events while this one leads: each is translated as one agent's listener does
    /// (sanitised, the lists polled sooner), and its notification is written in the same
    /// transaction as the change it announces. Returns only when cancelled (leadership ended):
    /// a listener that cannot bind is reported and polling goes on.
    func listen(_ listener: WebhookListener, _ feed: LiveFeed, _ publisher: TeamPublisher) async {
        do {
            try await listener.run(onReady: { [webhookReport] port in webhookReport(.listening(port: port)) },
                                   deliver: { event in
                                       if let note = await feed.react(to: event) { await publisher.hold(webhook: note) }
                                   })
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            webhookReport(.failed("webhook listener on \(listener.host):\(listener.port) failed: \(Sanitizer.oneLine(String(describing: error), max: 200)); polling only"))
        }
        // Stay in the group until leadership ends (a finished child would end it).
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }

    func heartbeat(_ db: TeamDatabase, since: Date?) async throws {
        let key = connection, holder = options.holder, t = Date().timeIntervalSince1970
        try await db.run { c in
            if let since {
                try await c.query("""
                    INSERT INTO team_leader (connection, holder, since, heartbeat) VALUES (\(key), \(holder), \(since.timeIntervalSince1970), \(t))
                    ON CONFLICT (connection) DO UPDATE SET holder = excluded.holder, since = excluded.since, heartbeat = excluded.heartbeat
                    """, logger: TeamTables.logger)
            } else {
                try await c.query("UPDATE team_leader SET heartbeat = \(t) WHERE connection = \(key) AND holder = \(holder)", logger: TeamTables.logger)
            }
        }
    }

    func handle(_ control: TeamControl, _ db: TeamDatabase, _ feed: LiveFeed) async {
        switch control.kind {
        case .refresh: _ = await feed.refreshNow()
        case .settlement: await feed.settlementStarted()
        case .interest: try? await applyInterest(db, feed)
        case .followTemplate:
            if let waba = control.waba, let name = control.name { await feed.followReview(wabaAccountId: waba, name: name) }
        }
    }

    /// The balances and funds on any agent's screen (rows younger than 5 minutes; an agent
    /// renews its row every minute): polled once for all; every agent's focused client at the
    /// focused pace.
    func applyInterest(_ db: TeamDatabase, _ feed: LiveFeed) async throws {
        let key = connection, cutoff = Date().timeIntervalSince1970 - 300
        let rows = try await db.run { c in
            var out: [(String, String?, String)] = []
            for try await row in try await c.query("""
                SELECT clients, focused, funds FROM team_interest WHERE connection = \(key) AND updated_at > \(cutoff) ORDER BY updated_at DESC
                """, logger: TeamTables.logger).decode((String, String?, String).self) { out.append(row) }
            return out
        }
        var clients = Set<String>(), funds = Set<String>()
        for (c, _, f) in rows {
            clients.formUnion((try? HubJSON.decode([String].self, from: Data(c.utf8))) ?? [])
            funds.formUnion((try? HubJSON.decode([String].self, from: Data(f.utf8))) ?? [])
        }
        let focused = rows.compactMap(\.1)
        await feed.watchBalances(clients, focused: focused.first, alsoFocused: Set(focused.dropFirst()))
        await feed.watchFunds(funds)
    }
}
