import Foundation
import GRDB
import Testing
@testable import HubLive

/// The SQLite file's GRDB migrations are made from the one schema description the team's
/// PostgreSQL is created from (SharedSchema); this holds the file that results to it.
@Suite struct SharedSchemaTests {
    @Test func sqliteMatchesTheDescription() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ph-schema-\(UUID().uuidString)")
        let (db, _) = try HubDatabase.open(path: dir.appendingPathComponent("p.sqlite").path)
        let actual: [String: [String]] = try db.pool.read { d in
            var out: [String: [String]] = [:]
            for table in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'") {
                out[table] = try Row.fetchAll(d, sql: "PRAGMA table_info(\(table))").map { r in
                    let type: String = r["type"], notNull: Bool = r["notnull"]
                    return "\(r["name"] as String) \(type.uppercased())\(notNull ? " NOT NULL" : "")"
                }
            }
            return out
        }
        let described = SharedSchema.finalColumns(for: .sqlite).mapValues { cols in
            cols.map { c -> String in
                let type: String
                switch c.kind {
                case .text: type = "TEXT"
                case .integer, .serial: type = "INTEGER"
                case .real: type = "DOUBLE"
                case .blob: type = "BLOB"
                }
                return "\(c.name) \(type)\(c.notNull ? " NOT NULL" : "")"
            }
        }
        #expect(Set(actual.keys) == Set(described.keys))
        for (table, cols) in described { #expect(actual[table] == cols, "\(table)") }
        #expect(SharedSchema.migrations.filter { $0.backends.contains(.sqlite) }.map(\.id) == HubDatabase.migrator.migrations)
    }

    /// The description's own SQLite statements build the same tables (the renderer is right
    /// for both backends, not only for the one in use).
    @Test func renderedSQLiteStatementsRun() throws {
        let queue = try DatabaseQueue()
        try queue.write { d in
            for m in SharedSchema.migrations where m.backends.contains(.sqlite) {
                for sql in SharedSchema.sql(m, for: .sqlite) { try d.execute(sql: sql) }
            }
        }
        let tables = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") }
        #expect(Set(tables) == Set(SharedSchema.finalColumns(for: .sqlite).keys))
    }
}
