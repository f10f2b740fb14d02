import Foundation
import HubCore
import HubLive
import HubSandbox
import Logging
import PostgresNIO
import Testing
@testable import HubTeam

@Suite(.serialized, .tags(.postgres), .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct TeamOutageTests {
    /// Runs `sql` on the test server's admin database.
    static func admin(_ sql: String) async throws {
        let base = try TeamDatabaseURL(TestPostgres.admin ?? "")
        let c = try await base.connect(id: 9, logger: TeamTables.logger)
        try await c.query(PostgresQuery(unsafeSQL: sql), logger: TeamTables.logger)
        try await c.close()
    }

    /// The database goes away: the agent's screen says so and keeps the last data, a change
    /// is refused before anything is sent; once it is back, the data flows again and the
    /// poller polls again.
    @Test func databaseDownKeepsTheLastDataAndRefusesChanges() async throws {
        let h = try await TeamHarness.make()
        let name = try #require(h.url.database)
        let roles = RoleLog()
        let (_, serviceTask) = h.service("P", roles: roles)
        let (feed, seen, feedTask) = await h.feed("ana")
        #expect(await eventually(15) { await !seen.channels.isEmpty })
        let shown = await seen.channels

        try await Self.admin("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
        try await Self.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)'")
        let told = await eventually(10) {
            guard case .backingOff(let reason, _)? = await seen.lastStatus?.phase else { return false }
            return reason.contains("The team database is unreachable") && reason.contains("changes are off")
        }
        let status = await seen.lastStatus
        #expect(told, "the agent is told: \(String(describing: status))")
        #expect(await seen.channels == shown, "the last data stays on screen")

        let pipeline = OperationPipeline(service: h.engine, database: nil, ledger: TeamLedger(db: TeamDatabase(url: h.url)),
                                         connection: TeamHarness.key, agent: "ana")
        let client = try #require(try await h.engine.allClients(query: ListQuery()).first)
        let outcome = await pipeline.perform(MutationRequest(mutation: .setMaxChannels(clientId: client.id, partnerPayload: "", maxChannels: 7), idempotencyKey: "k-\(UUID())", correlation: 1))
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message.contains("nothing was sent"))
        #expect(try await h.engine.allClients(query: ListQuery()).first { $0.id == client.id }?.maxChannels != 7)

        try await Self.admin("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
        let back = await eventually(15) {
            if case .backingOff? = await seen.lastStatus?.phase { return false }
            return true
        }
        let after = await seen.lastStatus
        #expect(back, "back: \(String(describing: after))")
        let before = await seen.notes.count
        h.advance(7200)
        #expect(await eventually(20) { await seen.notes.count > before }, "changes flow again")
        #expect(await roles.log.contains { if case .databaseDown = $0.1 { return true } else { return false } })

        await feed.stop(); feedTask.cancel()
        serviceTask.cancel()
        await serviceTask.value
    }
}
