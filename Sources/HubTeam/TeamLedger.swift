import Foundation
import HubCore
import HubLive
import PostgresNIO

/// The operation pipeline's rows in the team's PostgreSQL: every agent's audit rows in one
/// log, and a unique partial index (`one_open_operation`, SharedSchema) that admits one open
/// refund per number and one open partner change per WABA across the team. The second
/// agent's begin fails on it, before anything is sent, and is told who holds the target.
///
/// Who the agent is, is the database's to say: the audit actor and an operation's owner are
/// `session_user`, the role this connection logged in as (SharedSchema.teamSecurity). The
/// `actor` the pipeline passes is not written; an agent cannot begin, settle or reconcile an
/// operation as anyone else.
public struct TeamLedger: OperationLedger {
    let db: TeamDatabase
    /// Rows untouched this long are taken as abandoned by a crash (a live agent settles its
    /// row within its request's retries, well under this).
    let abandonedAfter: TimeInterval

    public init(db: TeamDatabase, abandonedAfter: TimeInterval = 120) {
        self.db = db
        self.abandonedAfter = abandonedAfter
    }

    public func operation(key: String) async throws -> OperationRecord? {
        try await db.run { c in try await Self.rows(c, "WHERE idempotency_key = $1", [key]).first }
    }

    public func beginOperation(connection: String, key: String, kind: String, target: String, payload: String,
                               actor: String, at time: Date) async throws -> Int64 {
        let t = time.timeIntervalSince1970
        do {
            return try await db.transaction { c in
                var seq: Int64 = 0
                for try await s in try await c.query("""
                    INSERT INTO audit_log (time, actor, action, target, request, result, connection)
                    VALUES (\(t), session_user, \(kind), \(target), \(payload), NULL, \(connection)) RETURNING seq
                    """, logger: TeamTables.logger).decode(Int64.self) { seq = s }
                var inserted = false
                for try await _ in try await c.query("""
                    INSERT INTO pending_operation (idempotency_key, kind, target, payload, state, created_at, updated_at, connection, audit_seq, agent)
                    VALUES (\(key), \(kind), \(target), \(payload), 'sending', \(t), \(t), \(connection), \(seq), session_user)
                    ON CONFLICT (idempotency_key) DO NOTHING RETURNING 1
                    """, logger: TeamTables.logger).decode(Int.self) { inserted = true }
                if !inserted {
                    // The same intent again (a resend of an unknown outcome): sending anew.
                    try await Self.drain(c.query("SELECT partnerhub_settle_operation(\(key), 'sending', NULL, \(t), \(seq))", logger: TeamTables.logger))
                }
                return seq
            }
        } catch let e as TeamDatabaseError where e.isUniqueViolation {
            let holder = try await db.run { c in
                var out: (String?, Double)?
                for try await row in try await c.query("SELECT actor, created_at FROM partnerhub_operation_holder(\(connection), \(kind), \(target))",
                                                       logger: TeamTables.logger).decode((String?, Double).self) { out = row }
                return out
            }
            throw OperationConflict(kind: kind, target: target, actor: holder?.0 ?? "another agent",
                                    startedAt: Date(timeIntervalSince1970: holder?.1 ?? t))
        }
    }

    public func settleOperation(key: String, state: OperationState, result: String, at time: Date) async throws {
        let t = time.timeIntervalSince1970
        try await db.transaction { c in
            try await Self.drain(c.query("SELECT partnerhub_settle_operation(\(key), \(state.rawValue), \(result), \(t))", logger: TeamTables.logger))
        }
    }

    /// This agent's unsettled rows that nobody touched for `abandonedAfter` (another agent's
    /// request in flight is theirs to settle).
    public func operations(connection: String, states: [OperationState]) async throws -> [OperationRecord] {
        let cutoff = Date().timeIntervalSince1970 - abandonedAfter
        return try await db.run { c in
            try await Self.rows(c, """
                WHERE p.connection = $1 AND p.state = ANY($2::text[]) AND p.updated_at < $3 AND p.agent = session_user
                """, [connection, states.map(\.rawValue), cutoff])
        }
    }

    public func auditLog(connection: String?, limit: Int) async throws -> [AuditEntry] {
        try await db.run { c in
            var out: [AuditEntry] = []
            let rows = try await c.query("""
                SELECT time, actor, action, target, request, result FROM
                (SELECT * FROM audit_log WHERE \(connection == nil) OR connection = \(connection ?? "") ORDER BY seq DESC LIMIT \(limit)) AS newest ORDER BY seq
                """, logger: TeamTables.logger)
            for try await (time, actor, action, target, request, result) in rows.decode((Double, String, String, String, String, String?).self) {
                out.append(AuditEntry(time: Date(timeIntervalSince1970: time), actor: actor, action: action, target: target, request: request, result: result))
            }
            return out
        }
    }

    /// A function's error arrives with its rows: a SELECT whose rows are not read would drop it.
    static func drain(_ rows: PostgresRowSequence) async throws {
        for try await _ in rows {}
    }

    static func rows(_ c: PostgresConnection, _ condition: String, _ args: [any PostgresEncodable & Sendable]) async throws -> [OperationRecord] {
        var binds = PostgresBindings()
        for a in args { try binds.append(a) }
        var out: [OperationRecord] = []
        let rows = try await c.query(PostgresQuery(unsafeSQL: """
            SELECT p.idempotency_key, p.connection, p.kind, p.target, p.payload, p.state, p.result, p.audit_seq, p.created_at
            FROM pending_operation p \(condition) ORDER BY p.created_at
            """, binds: binds), logger: TeamTables.logger)
        for try await (key, conn, kind, target, payload, state, result, seq, created) in rows.decode((String, String, String, String, String, String, String?, Int64?, Double).self) {
            out.append(OperationRecord(idempotencyKey: key, connection: conn, kind: kind, target: target, payload: payload, state: OperationState(stored: state),
                                                result: result, auditSeq: seq, createdAt: Date(timeIntervalSince1970: created)))
        }
        return out
    }
}
