import Foundation
import HubCore
import HubLive
import PostgresNIO
import Testing
@testable import HubTeam

/// A deployed team (`team init`, `team add-agent`): who an agent is comes from the database,
/// the audit log is append-only for agents, and an agent settles only their own operations.
/// Every forbidden attempt is refused by PostgreSQL itself, and asserted on its error.
@Suite(.serialized, .tags(.postgres), .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct TeamSecurityTests {
    struct Team {
        let admin: TeamDatabase
        let ana: TeamDatabase
        let ben: TeamDatabase
        let url: TeamDatabaseURL
        func close() async { for d in [admin, ana, ben] { await d.close() } }
    }

    static func team() async throws -> Team {
        let url = try await TestPostgres.fresh()
        try await TestPostgres.initTeam(url)
        return Team(admin: TeamDatabase(url: url), ana: TeamDatabase(url: try await TestPostgres.role("ana", on: url)),
                    ben: TeamDatabase(url: try await TestPostgres.role("ben", on: url)), url: url)
    }

    /// `sql` as the database's role, and the SQLSTATE and message it was refused with.
    static func refusal(_ db: TeamDatabase, _ sql: String) async -> (state: String, message: String)? {
        do {
            try await db.run { c in try await c.query(PostgresQuery(unsafeSQL: sql), logger: TeamTables.logger) }
            return nil
        } catch let TeamDatabaseError.server(state, message) {
            return (state, message)
        } catch {
            return ("?", "\(error)")
        }
    }

    static let insertAudit = "INSERT INTO audit_log (time, actor, action, target, request, connection) VALUES (1, %@, 'refund', 'channel X', '{}', 'c')"

    @Test func anAgentCannotWriteAsAnother() async throws {
        let t = try await Self.team()
        let forged = await Self.refusal(t.ana, Self.insertAudit.replacingOccurrences(of: "%@", with: "'ben'"))
        #expect(forged?.state == "42501", "\(String(describing: forged))")
        #expect(forged?.message.contains("row-level security") == true, "\(String(describing: forged))")
        // Her own name is accepted; so is none (the column's default is the login).
        #expect(await Self.refusal(t.ana, Self.insertAudit.replacingOccurrences(of: "%@", with: "'ana'")) == nil)
        // Through the ledger the client's own string is never written, whatever it says.
        _ = try await TeamLedger(db: t.ana).beginOperation(connection: "c", key: "k1", kind: "refund", target: "channel A", payload: "{}",
                                                          actor: "ben", at: Date())
        let actors = try await TeamLedger(db: t.admin).auditLog(connection: "c", limit: 10).map(\.actor)
        #expect(actors == ["ana", "ana"], "\(actors)")
        // Nor can she open an operation in his name.
        let row = await Self.refusal(t.ana, """
            INSERT INTO pending_operation (idempotency_key, kind, target, payload, state, created_at, updated_at, connection, agent)
            VALUES ('k9', 'refund', 'channel B', '{}', 'sending', 1, 1, 'c', 'ben')
            """)
        #expect(row?.state == "42501", "\(String(describing: row))")
        await t.close()
    }

    @Test func theAuditLogIsAppendOnlyForAgents() async throws {
        let t = try await Self.team()
        _ = try await TeamLedger(db: t.ana).beginOperation(connection: "c", key: "k1", kind: "refund", target: "channel A", payload: "{}",
                                                          actor: "ana", at: Date())
        for sql in ["UPDATE audit_log SET result = 'nothing happened'", "UPDATE audit_log SET actor = 'ben'",
                    "DELETE FROM audit_log", "TRUNCATE audit_log",
                    "UPDATE pending_operation SET state = 'done'", "DELETE FROM pending_operation"] {
            let refused = await Self.refusal(t.ana, sql)
            #expect(refused?.state == "42501", "\(sql): \(String(describing: refused))")
            #expect(refused?.message.contains("permission denied") == true, "\(sql): \(String(describing: refused))")
        }
        let log = try await TeamLedger(db: t.admin).auditLog(connection: "c", limit: 10)
        #expect(log.count == 1 && log.first?.actor == "ana" && log.first?.result == nil)
        await t.close()
    }

    @Test func anAgentSettlesOnlyTheirOwnOperations() async throws {
        let t = try await Self.team()
        let ana = TeamLedger(db: t.ana, abandonedAfter: -1), ben = TeamLedger(db: t.ben, abandonedAfter: -1)
        _ = try await ana.beginOperation(connection: "c", key: "ana-1", kind: "refund", target: "channel A", payload: "{\"amount\":1}",
                                         actor: "ana", at: Date())
        // Ben cannot settle it through the function, nor by hand, nor see it.
        await #expect {
            try await ben.settleOperation(key: "ana-1", state: .succeeded, result: "settled by ben", at: Date())
        } throws: { error in
            guard case TeamDatabaseError.server("42501", let message) = error else { return false }
            return message.contains("not yours to settle")
        }
        #expect(await Self.refusal(t.ben, "UPDATE pending_operation SET state = 'done' WHERE idempotency_key = 'ana-1'")?.state == "42501")
        #expect(try await ben.operation(key: "ana-1") == nil, "another agent's operation is not readable")
        #expect(try await ben.operations(connection: "c", states: OperationState.unsettled).isEmpty, "nor reconciled by him")
        #expect(try await ana.operation(key: "ana-1")?.state == .sending, "still hers, unchanged")
        // She can, and the result lands in her audit row.
        try await ana.settleOperation(key: "ana-1", state: .succeeded, result: "refund R1 requested", at: Date())
        #expect(try await ana.operation(key: "ana-1")?.state == .succeeded)
        let log = try await ana.auditLog(connection: "c", limit: 10)
        #expect(log.map(\.result) == ["refund R1 requested"], "\(log)")
        await t.close()
    }

    /// An agent's role cannot change the schema: on a database nobody set up, they are told
    /// who can, instead of a bare "permission denied".
    @Test func anAgentCannotMigrate() async throws {
        let url = try await TestPostgres.fresh()
        let ana = TeamDatabase(url: try await TestPostgres.role("ana", on: url))
        await #expect {
            try await ana.migrate()
        } throws: { error in
            guard case TeamDatabaseError.permission(let m) = error else { return false }
            return m.contains("partnerhub team init") && m.contains("ana may not")
        }
        await ana.close()
        // Once set up, her start needs nothing more than reading it.
        try await TestPostgres.initTeam(url)
        let again = TeamDatabase(url: try await TestPostgres.role("ana", on: url))
        try await again.migrate()
        await again.close()
    }

    /// The poller's role writes the team's data and nothing of the agents'.
    @Test func thePollerCannotTouchTheAuditLog() async throws {
        let t = try await Self.team()
        let poller = TeamDatabase(url: try await TestPostgres.role("poller", on: t.url, group: .poller))
        #expect(await Self.refusal(poller, Self.insertAudit.replacingOccurrences(of: "%@", with: "'poller'"))?.state == "42501")
        #expect(await Self.refusal(poller, "SELECT * FROM pending_operation")?.state == "42501")
        #expect(await Self.refusal(poller, "INSERT INTO team_leader (connection, holder, since, heartbeat) VALUES ('c', 'p', 1, 1)") == nil)
        // An agent cannot grant herself more (PostgreSQL grants nothing, with a warning).
        _ = await Self.refusal(t.ana, "GRANT UPDATE ON audit_log TO ana")
        #expect(await Self.refusal(t.ana, "UPDATE audit_log SET result = 'x'")?.state == "42501")
        await poller.close()
        await t.close()
    }

    /// The whole flow on the roles `team init` made: the poller's role publishes, the agent's
    /// role reads it, and her screen's interest is written under her name.
    @Test func aDeployedTeamRunsOnItsRoles() async throws {
        let h = try await TeamHarness.make()
        try await TestPostgres.initTeam(h.url)
        let poller = TeamHarness(url: try await TestPostgres.role("poller", on: h.url, group: .poller), time: h.time, engine: h.engine)
        let agent = TeamHarness(url: try await TestPostgres.role("ana", on: h.url), time: h.time, engine: h.engine)
        let (_, serviceTask) = poller.service("P")
        let (feed, seen, feedTask) = await agent.feed("ana")
        #expect(await eventually(15) { await !seen.channels.isEmpty }, "the poller's role publishes and the agent's role reads")
        let client = try #require(await seen.channels.values.first?.clientId)
        await feed.watchBalances([client], focused: client)
        let admin = TeamDatabase(url: h.url)
        #expect(await eventually(10) {
            (try? await admin.run { c in
                var agents: [String] = []
                for try await a in try await c.query("SELECT agent FROM team_interest", logger: TeamTables.logger).decode(String.self) { agents.append(a) }
                return agents == ["ana"]
            }) ?? false
        }, "her interest row, under her login")
        #expect(await eventually(15) { await seen.balances[client] != nil }, "and the poller polls what she looks at")
        serviceTask.cancel()
        feedTask.cancel()
        await feed.stop()
        await admin.close()
    }

    @Test func roleNamesAreChecked() {
        for bad in ["", "pg_monitor", "ana; DROP TABLE audit_log", "a\"b", String(repeating: "x", count: 64), "ana\u{1b}[2J"] {
            #expect(throws: TeamSecurity.InvalidName.self, "\(bad)") { _ = try TeamSecurity.checkName(bad) }
        }
        #expect((try? TeamSecurity.checkName("ana.lopez-2")) == "ana.lopez-2")
    }
}
