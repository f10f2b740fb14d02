import Foundation
import HubCore
import PostgresNIO

/// The roles of a deployed team (docs/team.md, "Deployment"): `partnerhub team init` creates
/// the schema and two group roles with only the grants each needs; `team add-agent NAME` and
/// `team add-poller NAME` create login roles in them. The row-level policies and the settle
/// function themselves are part of the schema (SharedSchema.teamSecurity).
public enum TeamSecurity {
    public enum Group: String, Sendable, CaseIterable {
        /// An agent's TUI or `watch`: reads the team's data, appends its own audit rows and
        /// operations, settles only its own, writes its own screen's interest.
        case agent = "partnerhub_agent"
        /// `partnerhub serve`: writes the snapshot, events, balances and notifications; reads
        /// what the agents look at. It cannot touch the audit log or anyone's operations.
        case poller = "partnerhub_poller"
    }

    static let agentReads = ["snapshot_meta", "snapshot_channel", "snapshot_client", "notification", "team_event", "team_balance",
                             "team_leader", "schema_migrations", "audit_log", "pending_operation", "team_interest", "health_check"]
    static let pollerWrites = ["snapshot_meta", "snapshot_channel", "snapshot_client", "notification", "team_event", "team_balance", "team_leader"]

    /// Every statement `team init` runs after the schema, in order. Safe to run again: the
    /// roles are created once and the grants start from nothing each time.
    static var grants: [String] {
        let agent = Group.agent.rawValue, poller = Group.poller.rawValue
        return Group.allCases.map { "DO $$ BEGIN CREATE ROLE \($0.rawValue) NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$" } + [
            "DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO \(agent), \(poller)', current_database()); END $$",
            "GRANT USAGE ON SCHEMA public TO \(agent), \(poller)",
            "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM \(agent), \(poller)",
            "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM \(agent), \(poller)",
            "GRANT SELECT ON \(agentReads.joined(separator: ", ")) TO \(agent)",
            "GRANT INSERT ON audit_log, pending_operation TO \(agent)",
            "GRANT INSERT, UPDATE, DELETE ON team_interest TO \(agent)",
            "GRANT INSERT, UPDATE ON health_check TO \(agent)",
            "GRANT USAGE ON SEQUENCE audit_log_seq_seq TO \(agent)",
            "GRANT EXECUTE ON FUNCTION partnerhub_settle_operation(text, text, text, double precision, bigint), partnerhub_operation_holder(text, text, text) TO \(agent)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(pollerWrites.joined(separator: ", ")) TO \(poller)",
            "GRANT SELECT ON team_interest, schema_migrations TO \(poller)",
            "GRANT USAGE ON SEQUENCE team_event_seq_seq TO \(poller)",
        ]
    }

    /// `partnerhub team init`: the schema, the group roles and their grants. Run as the role
    /// that is to own the tables (it needs CREATEROLE, or to be a superuser).
    public static func initialize(_ db: TeamDatabase) async throws {
        try await db.migrate()
        try await db.transaction { c in
            for sql in grants { try await c.query(PostgresQuery(unsafeSQL: sql), logger: TeamTables.logger) }
        }
    }

    public struct InvalidName: Error, CustomStringConvertible {
        public let description: String
    }

    /// A role name as PostgreSQL takes it unquoted-safe: letters, digits, `_`, `.`, `-`;
    /// not a reserved `pg_` name; at most 63 bytes.
    public static func checkName(_ name: String) throws -> String {
        let ok = !name.isEmpty && name.utf8.count <= 63 && !name.hasPrefix("pg_")
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "_.-".unicodeScalars.contains($0) }
        guard ok else {
            throw InvalidName(description: "a role name is letters, digits, '_', '.' or '-', at most 63 characters, not starting with pg_ (got \(Sanitizer.oneLine(name, max: 80)))")
        }
        return name
    }

    /// `team add-agent NAME` / `team add-poller NAME`: a login role in the group (created if
    /// missing; an existing role is added to the group). Returns whether it was created.
    @discardableResult
    public static func addMember(_ db: TeamDatabase, name: String, group: Group) async throws -> Bool {
        let role = "\"\(try checkName(name))\""
        return try await db.transaction { c in
            var exists = false
            for try await _ in try await c.query("SELECT 1 FROM pg_roles WHERE rolname = \(name)", logger: TeamTables.logger).decode(Int.self) { exists = true }
            if !exists { try await c.query(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN"), logger: TeamTables.logger) }
            try await c.query(PostgresQuery(unsafeSQL: "GRANT \(group.rawValue) TO \(role)"), logger: TeamTables.logger)
            return !exists
        }
    }
}
