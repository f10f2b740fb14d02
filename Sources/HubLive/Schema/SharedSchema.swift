import Foundation

/// The tables partnerhub keeps, described once for both backends: PostgreSQL (the team's
/// shared database, HubTeam) and the SQLite file's GRDB migrations (HubDatabase.migrator) are
/// both made from this description. A schema change is a new migration here, never an edit
/// of an old one.
public enum SchemaBackend: String, Sendable, CaseIterable { case sqlite, postgres }

public struct SchemaColumn: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text, integer, real, blob
        /// An integer key the database assigns, in insertion order.
        case serial
    }
    public var name: String
    public var kind: Kind
    public var notNull: Bool
    /// An SQL literal.
    public var defaultValue: String?

    public init(_ name: String, _ kind: Kind, notNull: Bool = false, default defaultValue: String? = nil) {
        self.name = name
        self.kind = kind
        self.notNull = notNull
        self.defaultValue = defaultValue
    }
}

public struct SchemaTable: Sendable {
    public var name: String
    public var columns: [SchemaColumn]
    public var primaryKey: [String]
}

public struct SchemaIndex: Sendable {
    public var name: String
    public var table: String
    public var columns: [String]
    public var unique: Bool
    /// A partial index's condition (SQL common to both backends).
    public var condition: String?
}

public enum SchemaStep: Sendable {
    case createTable(SchemaTable)
    case addColumn(table: String, SchemaColumn)
    case createIndex(SchemaIndex)
    /// A statement with no portable description (row-level security, functions): only in
    /// migrations of one backend.
    case sql(String)
}

public struct SchemaMigration: Sendable {
    public var id: String
    public var backends: Set<SchemaBackend>
    public var steps: [SchemaStep]
}

public enum SharedSchema {
    static func table(_ name: String, _ columns: [SchemaColumn], key: [String]) -> SchemaStep {
        .createTable(SchemaTable(name: name, columns: columns, primaryKey: key))
    }

    /// Oldest first; the IDs of the SQLite ones are those of HubDatabase.migrator.
    public static let migrations: [SchemaMigration] = [
        SchemaMigration(id: "v1", backends: [.sqlite, .postgres], steps: [
            table("snapshot_meta", [.init("connection", .text, notNull: true), .init("partner", .blob), .init("as_of", .real, notNull: true)], key: ["connection"]),
            table("snapshot_channel", [.init("connection", .text, notNull: true), .init("id", .text, notNull: true), .init("json", .blob, notNull: true)],
                  key: ["connection", "id"]),
            table("snapshot_client", [.init("connection", .text, notNull: true), .init("id", .text, notNull: true), .init("json", .blob, notNull: true)],
                  key: ["connection", "id"]),
            table("notification", [.init("id", .text, notNull: true), .init("connection", .text, notNull: true), .init("level", .text, notNull: true),
                                   .init("time", .real, notNull: true), .init("channel_id", .text), .init("client_id", .text),
                                   .init("text", .text, notNull: true)], key: ["id"]),
            table("audit_log", [.init("seq", .serial), .init("time", .real, notNull: true), .init("actor", .text, notNull: true),
                                .init("action", .text, notNull: true), .init("target", .text, notNull: true),
                                .init("request", .text, notNull: true), .init("result", .text)], key: ["seq"]),
            table("pending_operation", [.init("idempotency_key", .text, notNull: true), .init("kind", .text, notNull: true), .init("target", .text, notNull: true),
                                        .init("payload", .text, notNull: true), .init("state", .text, notNull: true),
                                        .init("created_at", .real, notNull: true), .init("updated_at", .real, notNull: true)],
                  key: ["idempotency_key"]),
        ]),
        SchemaMigration(id: "v2", backends: [.sqlite, .postgres], steps: [
            .addColumn(table: "pending_operation", .init("connection", .text, notNull: true, default: "''")),
            .addColumn(table: "pending_operation", .init("audit_seq", .integer)),
            .addColumn(table: "pending_operation", .init("result", .text)),
            .addColumn(table: "audit_log", .init("connection", .text, notNull: true, default: "''")),
        ]),
        SchemaMigration(id: "v3", backends: [.sqlite, .postgres], steps: [
            table("partner_change_wizard", [.init("connection", .text, notNull: true), .init("waba", .text, notNull: true),
                                            .init("state", .text, notNull: true), .init("updated_at", .real, notNull: true)],
                  key: ["connection", "waba"]),
        ]),
        SchemaMigration(id: "v4", backends: [.sqlite, .postgres], steps: [
            .addColumn(table: "snapshot_channel", .init("fingerprint", .integer)),
        ]),
        SchemaMigration(id: "v5", backends: [.sqlite, .postgres], steps: [
            table("health_check", [.init("key_hash", .text, notNull: true), .init("requested_at", .real, notNull: true), .init("answer", .blob),
                                   .init("problem", .text), .init("phone_number", .text)], key: ["key_hash"]),
        ]),
        SchemaMigration(id: "v6", backends: [.sqlite, .postgres], steps: [
            .addColumn(table: "snapshot_meta", .init("channel_count", .integer)),
        ]),
        // The team's own (docs/team.md): what the poller announced, in order; what each agent's
        // screen shows (the balances the service polls); the balances as last polled; who polls.
        // One open refund per number and one open partner change per WABA, whoever starts it.
        SchemaMigration(id: "team-1", backends: [.postgres], steps: [
            table("team_event", [.init("seq", .serial), .init("connection", .text, notNull: true), .init("time", .real, notNull: true),
                                 .init("kind", .text, notNull: true), .init("payload", .blob, notNull: true)], key: ["seq"]),
            .createIndex(SchemaIndex(name: "team_event_by_connection", table: "team_event", columns: ["connection", "seq"], unique: false, condition: nil)),
            table("team_interest", [.init("session", .text, notNull: true), .init("connection", .text, notNull: true), .init("agent", .text, notNull: true),
                                    .init("clients", .text, notNull: true), .init("focused", .text), .init("funds", .text, notNull: true),
                                    .init("updated_at", .real, notNull: true)], key: ["session"]),
            table("team_balance", [.init("connection", .text, notNull: true), .init("client_id", .text, notNull: true),
                                   .init("json", .blob, notNull: true), .init("as_of", .real, notNull: true)], key: ["connection", "client_id"]),
            table("team_leader", [.init("connection", .text, notNull: true), .init("holder", .text, notNull: true), .init("since", .real, notNull: true),
                                  .init("heartbeat", .real, notNull: true)], key: ["connection"]),
            .createIndex(SchemaIndex(name: "one_open_operation", table: "pending_operation", columns: ["connection", "kind", "target"], unique: true,
                                     condition: "state IN ('sending', 'unknown') AND kind IN ('refund', 'partner-change')")),
        ]),
        teamSecurity,
        // The snapshot rows become HubBinary (an agent reads 48,439 channels in under a second).
        // A partnerhub from before cannot read them: this migration makes it say so and stop.
        SchemaMigration(id: "team-3", backends: [.postgres], steps: [
            .sql("COMMENT ON COLUMN snapshot_channel.json IS 'the channel in HubBinary (first byte 0xB1); JSON from a partnerhub before team-3'"),
            .sql("COMMENT ON COLUMN snapshot_client.json IS 'the client in HubBinary (first byte 0xB1); JSON from a partnerhub before team-3'"),
        ]),
    ]

    /// The statements of one migration for one backend.
    public static func sql(_ migration: SchemaMigration, for backend: SchemaBackend) -> [String] {
        migration.steps.map { step in
            switch step {
            case .createTable(let t):
                var parts = t.columns.map { column($0, backend, soleKey: t.primaryKey == [$0.name]) }
                if !(t.primaryKey.count == 1 && t.columns.contains { $0.name == t.primaryKey[0] && $0.kind == .serial }) {
                    parts.append("PRIMARY KEY (\(t.primaryKey.joined(separator: ", ")))")
                }
                return "CREATE TABLE \(t.name) (\(parts.joined(separator: ", ")))"
            case .addColumn(let table, let c):
                return "ALTER TABLE \(table) ADD COLUMN \(column(c, backend, soleKey: false))"
            case .createIndex(let i):
                return "CREATE \(i.unique ? "UNIQUE " : "")INDEX \(i.name) ON \(i.table) (\(i.columns.joined(separator: ", ")))"
                    + (i.condition.map { " WHERE \($0)" } ?? "")
            case .sql(let statement):
                return statement
            }
        }
    }

    static func column(_ c: SchemaColumn, _ backend: SchemaBackend, soleKey: Bool) -> String {
        if c.kind == .serial {
            return backend == .sqlite ? "\(c.name) INTEGER PRIMARY KEY AUTOINCREMENT" : "\(c.name) BIGSERIAL PRIMARY KEY"
        }
        let type: String
        switch (c.kind, backend) {
        case (.text, _): type = "TEXT"
        case (.integer, .sqlite): type = "INTEGER"
        case (.integer, .postgres): type = "BIGINT"
        case (.real, .sqlite): type = "DOUBLE"
        case (.real, .postgres): type = "DOUBLE PRECISION"
        case (.blob, .sqlite): type = "BLOB"
        case (.blob, .postgres): type = "BYTEA"
        case (.serial, _): type = ""
        }
        return "\(c.name) \(type)" + (c.notNull ? " NOT NULL" : "") + (c.defaultValue.map { " DEFAULT \($0)" } ?? "")
    }

    /// Every table with its columns in order, after all migrations of a backend (the test that
    /// holds SQLite to the description compares this with the file's own schema).
    public static func finalColumns(for backend: SchemaBackend) -> [String: [SchemaColumn]] {
        var tables: [String: [SchemaColumn]] = [:]
        for m in migrations where m.backends.contains(backend) {
            for step in m.steps {
                switch step {
                case .createTable(let t): tables[t.name] = t.columns
                case .addColumn(let table, let c): tables[table, default: []].append(c)
                case .createIndex, .sql: break
                }
            }
        }
        return tables
    }
}
