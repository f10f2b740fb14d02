import Foundation
import HubLive
import PostgresNIO
import Testing
@testable import HubTeam

@Suite(.serialized, .tags(.postgres), .enabled(if: TestPostgres.available, TestPostgres.skipReason))
struct TeamSchemaTests {
    /// The PostgreSQL tables are those of the description, column for column; migrating
    /// again changes nothing.
    @Test func postgresFollowsTheDescription() async throws {
        let url = try await TestPostgres.fresh()
        let db = TeamDatabase(url: url)
        try await db.migrate()
        try await db.migrate()
        let columns = try await db.run { c in
            var out: [String: [String]] = [:]
            for try await (table, column, nullable) in try await c.query("""
                SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position
                """, logger: TeamTables.logger).decode((String, String, String).self) {
                out[table, default: []].append("\(column)\(nullable == "NO" ? " not null" : "")")
            }
            return out
        }
        let described = SharedSchema.finalColumns(for: .postgres).mapValues { cols in
            cols.map { "\($0.name)\($0.notNull || $0.kind == .serial || Self.isKey($0.name, cols) ? " not null" : "")" }
        }
        #expect(Set(columns.keys) == Set(described.keys))
        for (table, cols) in described { #expect(columns[table] == cols, "\(table)") }
        let applied = try await db.run { c in
            var n = 0
            for try await _ in try await c.query("SELECT id FROM schema_migrations", logger: TeamTables.logger).decode(String.self) { n += 1 }
            return n
        }
        #expect(applied == SharedSchema.migrations.filter { $0.backends.contains(.postgres) }.count)
        await db.close()
    }

    /// Primary key columns are NOT NULL in PostgreSQL whatever the description says.
    static func isKey(_ name: String, _ cols: [SchemaColumn]) -> Bool {
        for m in SharedSchema.migrations {
            for case .createTable(let t) in m.steps where t.columns.map(\.name) == Array(cols.prefix(t.columns.count)).map(\.name) && t.primaryKey.contains(name) {
                return true
            }
        }
        return false
    }

    /// A database set up by a newer partnerhub is refused with a clear message, not altered.
    @Test func newerSchemaIsRefused() async throws {
        let url = try await TestPostgres.fresh()
        let db = TeamDatabase(url: url)
        try await db.migrate()
        try await db.run { c in try await c.query("INSERT INTO schema_migrations (id, applied_at) VALUES ('team-99', 0)", logger: TeamTables.logger) }
        await #expect(throws: TeamDatabaseError.self) { try await db.migrate() }
        do { try await db.migrate() } catch { #expect(String(describing: error).contains("newer partnerhub")) }
        await db.close()
    }

    /// An unreachable server is a typed error that names the URL without the password.
    @Test func unreachableIsClear() async throws {
        let db = TeamDatabase(url: try TeamDatabaseURL("postgres://agent:s3cret@127.0.0.1:1/none"))
        do {
            try await db.migrate()
            Issue.record("connected to port 1")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("127.0.0.1:1"))
            #expect(!text.contains("s3cret"))
        }
    }
}
