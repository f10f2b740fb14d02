import Foundation
import HubCore
import HubLive
import Testing
import HubSandbox
@testable import HubTeam

/// Issue 27: one storage suite for both stores. The operation ledger, the health-check windows,
/// the snapshot and the notifications are ports (`OperationLedger`, `HealthCheckStore`,
/// `SnapshotStore`, `NotificationStore`) with two implementations, the agent's SQLite file and
/// the team's PostgreSQL; each is held to the same contract here.
/// SQLite always; PostgreSQL when `PARTNERHUB_TEST_POSTGRES` is set (always in CI).
@Suite(.serialized) struct StorageContractTests {
    enum Backend: String, CaseIterable, Sendable { case sqlite, postgres }

    struct Stores {
        let ledger: any OperationLedger
        let health: any HealthCheckStore
        /// The snapshot and the notifications, as their writer (the poller, in a team) sees them.
        let feed: any FeedStore
        let close: @Sendable () async -> Void
    }

    /// Fresh stores of `backend`, or nil when PostgreSQL is not available here.
    static func stores(_ backend: Backend) async throws -> Stores? {
        switch backend {
        case .sqlite:
            let path = NSTemporaryDirectory() + "contract-\(UUID().uuidString).sqlite"
            let db = try HubDatabase.open(path: path).0
            return Stores(ledger: db, health: db, feed: db, close: { try? FileManager.default.removeItem(atPath: path) })
        case .postgres:
            guard TestPostgres.available else { return nil }
            // A deployed team: the stores as the agent ana sees them (her role, her grants).
            let admin = try await TestPostgres.fresh()
            try await TestPostgres.initTeam(admin)
            let db = TeamDatabase(url: try await TestPostgres.role("ana", on: admin))
            let poller = TeamDatabase(url: try await TestPostgres.role("poller", on: admin, group: .poller))
            // abandonedAfter 0: this agent's unsettled rows are listed at once, as SQLite lists them.
            return Stores(ledger: TeamLedger(db: db, abandonedAfter: 0), health: TeamHealthStore(db: db), feed: TeamSnapshotStore(db: poller),
                          close: { await db.close(); await poller.close() })
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_764_000_000)

    @Test(arguments: Backend.allCases) func theLedgerKeepsOneRowPerKeyAndItsAuditRow(_ backend: Backend) async throws {
        guard let s = try await Self.stores(backend) else { return }
        defer { Task { await s.close() } }
        let l = s.ledger, t0 = Self.t0
        // Written before sending: the audit row (no result yet) and the pending row, together.
        let seq = try await l.beginOperation(connection: "c", key: "k1", kind: "refund", target: "1CH", payload: #"{"a":1}"#, actor: "ana", at: t0)
        #expect(seq > 0)
        let row = try #require(try await l.operation(key: "k1"))
        #expect(row.state == .sending && row.target == "1CH" && row.kind == "refund" && row.connection == "c" && row.auditSeq == seq)
        #expect(try await l.auditLog(connection: "c", limit: 10).map(\.result) == [nil])
        // The same key again (a retry) is the same operation: its target does not change.
        _ = try await l.beginOperation(connection: "c", key: "k1", kind: "refund", target: "OTHER", payload: "{}", actor: "ana", at: t0 + 1)
        #expect(try await l.operation(key: "k1")?.target == "1CH")
        // Unsettled rows of this connection, by state; others' connections are not listed.
        _ = try await l.beginOperation(connection: "other", key: "k2", kind: "add-funds", target: "2CH", payload: "{}", actor: "ana", at: t0 + 2)
        #expect(try await l.operations(connection: "c", states: OperationState.unsettled).map(\.idempotencyKey) == ["k1"])
        // Settled: the pending row and the latest audit row of the key carry the result.
        try await l.settleOperation(key: "k1", state: .succeeded, result: "accepted RF1", at: t0 + 3)
        #expect(try await l.operation(key: "k1")?.state == .succeeded)
        #expect(try await l.operation(key: "k1")?.result == "accepted RF1")
        #expect(try await l.operations(connection: "c", states: OperationState.unsettled).isEmpty)
        #expect(try await l.auditLog(connection: "c", limit: 10).last?.result == "accepted RF1")
        // The log: oldest first, the newest `limit`, one connection or all.
        for i in 0..<5 {
            _ = try await l.beginOperation(connection: "c", key: "m\(i)", kind: "max-channels", target: "cl\(i)", payload: "{}", actor: "ana", at: t0 + 10 + Double(i))
        }
        #expect(try await l.auditLog(connection: "c", limit: 3).map(\.target) == ["cl2", "cl3", "cl4"])
        #expect(try await l.auditLog(connection: nil, limit: 100).count == 8)
        #expect(try await l.auditLog(connection: "other", limit: 100).map(\.action) == ["add-funds"])
    }

    @Test(arguments: Backend.allCases) func theHealthWindowIsClaimedOncePerKey(_ backend: Backend) async throws {
        guard let s = try await Self.stores(backend) else { return }
        defer { Task { await s.close() } }
        let h = s.health, t0 = Self.t0
        let first = try await h.claim(apiKey: "key-a", at: t0, window: 300)
        #expect(first.claimed && first.last == nil)
        // Inside the window: not claimed again (by this or any agent on the store).
        #expect(try await h.claim(apiKey: "key-a", at: t0 + 10, window: 300).claimed == false)
        // Another key has its own window.
        #expect(try await h.claim(apiKey: "key-b", at: t0 + 10, window: 300).claimed)
        // The answer is kept and given back inside the window.
        let record = HealthRecord(requestedAt: t0, problem: "timeout")
        try await h.save(apiKey: "key-a", record)
        let again = try await h.claim(apiKey: "key-a", at: t0 + 20, window: 300)
        #expect(!again.claimed && again.last?.problem == "timeout")
        // After the window: claimed again.
        #expect(try await h.claim(apiKey: "key-a", at: t0 + 301, window: 300).claimed)
    }

    @Test(arguments: Backend.allCases) func theSnapshotComesBackAsSavedWithItsChanges(_ backend: Backend) async throws {
        guard let s = try await Self.stores(backend) else { return }
        defer { Task { await s.close() } }
        let f = s.feed, t0 = Self.t0
        var config = SandboxConfig()
        config.clients = 6
        let engine = SandboxEngine(config: config)
        let channels = try await engine.allChannels(query: ListQuery()), clients = try await engine.allClients(query: ListQuery())
        let partner = try await engine.partner()
        #expect(try await f.loadSnapshot(connection: "c") == nil, "nothing kept yet")
        #expect(try await f.loadSnapshotHead(connection: "c", limit: 5) == nil)

        try await f.saveSnapshot(connection: "c", partner: partner, clients: clients, channels: channels, asOf: t0,
                                 previousChannels: nil, previousClients: nil, fingerprints: [:])
        let all = try #require(try await f.loadSnapshot(connection: "c"))
        #expect(all.channels == channels.sorted { $0.id < $1.id }, "every channel, whole, by ID")
        #expect(all.clients.map(\.id) == clients.map(\.id).sorted() && all.partner == partner && all.asOf == t0)
        // The head: a screenful by ID, with those numbers' clients, and the whole count.
        let head = try #require(try await f.loadSnapshotHead(connection: "c", limit: 5))
        #expect(head.channels.map(\.id) == Array(all.channels.prefix(5).map(\.id)) && head.total == channels.count)
        #expect(Set(head.clients.map(\.id)) == Set(head.channels.compactMap(\.resolvedClientId)))

        // One poll's changes: one gone, one new; only those rows.
        let gone = all.channels[0].id
        var added = all.channels[1]
        added.id = "zzzNEWCH"
        try await f.saveChanges(connection: "c", partner: partner, clients: ListDelta(), channels: ListDelta(upserted: [added], removed: [gone]),
                                fingerprints: [:], asOf: t0 + 30)
        let changed = try #require(try await f.loadSnapshot(connection: "c"))
        #expect(!changed.channels.contains { $0.id == gone } && changed.channels.last == added && changed.asOf == t0 + 30)
        #expect(try await f.loadSnapshotHead(connection: "c", limit: 1)?.total == channels.count, "one out, one in")
        // A whole snapshot again replaces it; another connection is its own.
        try await f.saveSnapshot(connection: "c", partner: partner, clients: clients, channels: Array(channels.prefix(2)), asOf: t0 + 60,
                                 previousChannels: nil, previousClients: nil, fingerprints: [:])
        #expect(try await f.loadSnapshot(connection: "c")?.channels.map(\.id) == channels.prefix(2).map(\.id).sorted())
        #expect(try await f.loadSnapshot(connection: "other") == nil)
    }

    @Test(arguments: Backend.allCases) func notificationsNewestFirstAndTheSameIDReplaced(_ backend: Backend) async throws {
        guard let s = try await Self.stores(backend) else { return }
        defer { Task { await s.close() } }
        let f = s.feed, t0 = Self.t0
        try await f.record(HubNotification(id: "op-k1", level: .warning, time: t0, channelId: "1CH", text: "Refund: unknown: no answer"), connection: "c")
        try await f.record(HubNotification(id: "n2", level: .info, time: t0 + 1, text: "+49 151 1 is live"), connection: "c")
        try await f.record(HubNotification(id: "n3", level: .info, time: t0 + 2, text: "elsewhere"), connection: "other")
        #expect(try await f.notifications(connection: "c", limit: 10).map(\.id) == ["n2", "op-k1"])
        // Reconciled later: the same ID carries the truer line.
        try await f.record(HubNotification(id: "op-k1", level: .info, time: t0 + 5, channelId: "1CH", text: "Refund: ok (checked after a restart)"), connection: "c")
        let notes = try await f.notifications(connection: "c", limit: 10)
        #expect(notes.map(\.id) == ["op-k1", "n2"] && notes.first?.text == "Refund: ok (checked after a restart)" && notes.first?.level == .info)
        #expect(notes.first?.channelId == "1CH")
        #expect(try await f.notifications(connection: "c", limit: 1).count == 1)
    }
}
