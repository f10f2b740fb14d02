import Foundation
import HubAPI
import HubCore
import HubLive
import HubSandbox
import Testing
@testable import HubTeam

@Suite(.serialized, .tags(.postgres), .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct TeamLedgerTests {
    /// A number with money to refund, the sandbox behind HTTP with some latency (a request
    /// in flight long enough for a second agent to confirm meanwhile).
    static func refundable(_ engine: SandboxEngine) async throws -> String {
        for ch in try await engine.allChannels(query: ListQuery()) {
            if case .refundable? = try? await engine.funds(channelId: ch.id).refundDecision { return ch.id }
        }
        throw ServiceError.notFound("no refundable number in the sandbox")
    }

    /// Two agents confirm a refund of the same number at the same moment, each with their own
    /// credentials and audit identity: exactly one is sent; the other is told who started the
    /// first one and when, and nothing of theirs reached the server.
    @Test func oneOpenRefundPerNumberAcrossTheTeam() async throws {
        let url = try await TestPostgres.fresh()
        var config = SandboxConfig()
        config.clients = 30
        let engine = SandboxEngine(config: config)
        let server = SandboxServer(engine: engine, faults: try FaultConfig.parse("latency=400ms"))
        let (api, serverTask) = try await serveSandbox(server)
        defer { serverTask.cancel() }
        let channel = try await Self.refundable(engine)

        let db = TeamDatabase(url: url)
        try await TestPostgres.initTeam(url)
        let roles = ["ana": try await TestPostgres.role("ana", on: url), "ben": try await TestPostgres.role("ben", on: url)]
        func agent(_ name: String) -> OperationPipeline {
            OperationPipeline(service: HTTPPartnerService(config: api), database: nil, ledger: TeamLedger(db: TeamDatabase(url: roles[name] ?? url)),
                              connection: "live:test", agent: "typed-by-\(name)")
        }
        let ana = agent("ana"), ben = agent("ben")
        let refund = Mutation.requestRefund(channelId: channel, expectedTotal: nil)
        async let a = ana.perform(MutationRequest(mutation: refund, idempotencyKey: "ana-\(UUID())", correlation: 1))
        async let b = ben.perform(MutationRequest(mutation: refund, idempotencyKey: "ben-\(UUID())", correlation: 2))
        let outcomes = await [("ana", a), ("ben", b)]
        let succeeded = outcomes.filter { if case .succeeded = $0.1 { return true } else { return false } }
        #expect(succeeded.count == 1, "\(outcomes)")
        guard let winner = succeeded.first?.0, let loser = outcomes.first(where: { $0.0 != winner }) else { return }
        guard case .failed(let message, _) = loser.1 else { Issue.record("the second agent: \(loser.1)"); return }
        #expect(message.contains("already under way") && message.contains(winner), "\(message)")
        #expect(message.contains("Nothing was sent"))
        #expect(try await engine.refunds(channelId: channel).count == 1, "one refund reached the server")

        // Both attempts are in the one audit log, each with the role that logged in (never
        // the name the client passed).
        let log = try await TeamLedger(db: db).auditLog(connection: "live:test", limit: 10)
        #expect(Set(log.map(\.actor)) == ["ana"] || Set(log.map(\.actor)) == ["ana", "ben"] || Set(log.map(\.actor)) == ["ben"])
        #expect(log.filter { $0.action == "refund" && $0.actor == winner }.count == 1)

        // Settled: the number is free again for the next refund (which the server then judges).
        let again = await agent(loser.0).perform(MutationRequest(mutation: refund, idempotencyKey: "again-\(UUID())", correlation: 3))
        if case .failed(let m, _) = again { #expect(!m.contains("already under way"), "\(m)") }
        await db.close()
    }

    /// A partner change of a WABA: the same rule, per WABA; other kinds are not held.
    @Test func constraintIsPerKindAndTarget() async throws {
        let url = try await TestPostgres.fresh()
        try await TestPostgres.initTeam(url)
        func ledger(_ name: String) async throws -> TeamLedger {
            TeamLedger(db: TeamDatabase(url: try await TestPostgres.role(name, on: url)), abandonedAfter: -1)
        }
        let ana = try await ledger("ana"), ben = try await ledger("ben"), chloe = try await ledger("chloe")
        let t = Date()
        _ = try await ana.beginOperation(connection: "c", key: "k1", kind: "partner-change", target: "waba W1", payload: "{}", actor: "ana", at: t)
        let conflict = await #expect(throws: OperationConflict.self) {
            _ = try await ben.beginOperation(connection: "c", key: "k2", kind: "partner-change", target: "waba W1", payload: "{}", actor: "ben", at: t)
        }
        #expect(conflict?.actor == "ana", "named from the row's owner, which ben cannot read himself")
        // Another WABA, another kind, the same key again (a retry of one intent): all fine.
        _ = try await ben.beginOperation(connection: "c", key: "k3", kind: "partner-change", target: "waba W2", payload: "{}", actor: "ben", at: t)
        _ = try await ben.beginOperation(connection: "c", key: "k4", kind: "set-max-channels", target: "client C1", payload: "{}", actor: "ben", at: t)
        _ = try await chloe.beginOperation(connection: "c", key: "k5", kind: "set-max-channels", target: "client C1", payload: "{}", actor: "chloe", at: t)
        _ = try await ana.beginOperation(connection: "c", key: "k1", kind: "partner-change", target: "waba W1", payload: "{}", actor: "ana", at: t)
        // Settled (failed or done): the WABA is free.
        try await ana.settleOperation(key: "k1", state: .failed, result: "refused", at: t)
        _ = try await ben.beginOperation(connection: "c", key: "k6", kind: "partner-change", target: "waba W1", payload: "{}", actor: "ben", at: t)
        // Reconcile after a restart takes only this agent's abandoned rows.
        let mine = try await ben.operations(connection: "c", states: OperationState.unsettled)
        #expect(Set(mine.map(\.idempotencyKey)) == ["k3", "k4", "k6"])
        for l in [ana, ben, chloe] { await l.db.close() }
    }

    /// C15 across the team: two agents asking for one key's health at once send one request.
    @Test func healthWindowHoldsAcrossAgents() async throws {
        let url = try await TestPostgres.fresh()
        let db = TeamDatabase(url: url)
        try await db.migrate()
        let engine = SandboxEngine(config: SandboxConfig())
        var issued: String?
        for ch in try await engine.allChannels(query: ListQuery()) where issued == nil {
            issued = try? await engine.createChannelAPIKey(channelId: ch.id).apiKey
        }
        let key = try #require(issued)
        func healthCalls() async -> Int { await engine.requests().filter { $0.operation == "health" }.count }
        let a = HealthChecks(service: engine, store: TeamHealthStore(db: TeamDatabase(url: url)))
        let b = HealthChecks(service: engine, store: TeamHealthStore(db: TeamDatabase(url: url)))
        async let ra = a.check(apiKey: key, platform: .onPremise)
        async let rb = b.check(apiKey: key, platform: .onPremise)
        let reports = await [ra, rb]
        #expect(await healthCalls() == 1, "one request for two agents")
        #expect(reports.filter { !$0.fromCache }.count == 1)
        // Later, within the window, a third agent gets the stored answer.
        let c = HealthChecks(service: engine, store: TeamHealthStore(db: TeamDatabase(url: url)))
        let third = await c.check(apiKey: key, platform: .onPremise)
        #expect(third.fromCache && third.health != nil)
        #expect(await healthCalls() == 1)
        // The key itself is not in the database.
        let stored = try await db.run { conn in
            var all = ""
            for try await (h, p) in try await conn.query("SELECT key_hash, COALESCE(phone_number, '') FROM health_check", logger: TeamTables.logger).decode((String, String).self) { all += h + p }
            return all
        }
        #expect(!stored.contains(key))
        await db.close()
    }
}

/// Serves `server` on 127.0.0.1 (a free port) until the task is cancelled.
func serveSandbox(_ server: SandboxServer) async throws -> (api: APIConfiguration, task: Task<Void, Error>) {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let task = Task { try await server.run(host: "127.0.0.1", port: 0) { portSink.yield($0) } }
    var it = ports.makeAsyncIterator()
    guard let port = await it.next() else { task.cancel(); throw ServiceError.transport("the sandbox did not start") }
    return (APIConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v2", partnerId: "sandboxPA", credentials: .apiKey("sandbox-key")), task)
}
