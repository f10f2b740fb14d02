import Foundation
import GRDB
import HubCore

/// The rows the operation pipeline writes: an audit row and a pending-operation row together,
/// before the request leaves, and both settled together when the answer comes.
extension HubDatabase {
    /// Writes the audit row and the pending row in one transaction; returns the audit row's seq.
    public func beginOperation(connection: String, key: String, kind: String, target: String, payload: String,
                               actor: String, at time: Date) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO audit_log (time, actor, action, target, request, result, connection) VALUES (?, ?, ?, ?, ?, NULL, ?)",
                           arguments: [time.timeIntervalSince1970, actor, kind, target, payload, connection])
            let seq = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO pending_operation (idempotency_key, kind, target, payload, state, created_at, updated_at, connection, audit_seq)
                VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, ?)
                ON CONFLICT(idempotency_key) DO UPDATE SET state = 'sending', updated_at = excluded.updated_at, audit_seq = excluded.audit_seq
                """, arguments: [key, kind, target, payload, time.timeIntervalSince1970, time.timeIntervalSince1970, connection, seq])
            return seq
        }
    }

    /// Settles the pending row and writes the outcome into its audit row.
    public func settleOperation(key: String, state: OperationState, result: String, at time: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE pending_operation SET state = ?, result = ?, updated_at = ? WHERE idempotency_key = ?",
                           arguments: [state.rawValue, result, time.timeIntervalSince1970, key])
            try db.execute(sql: "UPDATE audit_log SET result = ? WHERE seq = (SELECT audit_seq FROM pending_operation WHERE idempotency_key = ?)",
                           arguments: [result, key])
        }
    }

    public func operation(key: String) throws -> OperationRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pending_operation WHERE idempotency_key = ?", arguments: [key]).map(Self.operationRow)
        }
    }

    /// Operations of a connection in the given states, oldest first.
    public func operations(connection: String, states: [OperationState]) throws -> [OperationRecord] {
        try pool.read { db in
            let marks = states.map { _ in "?" }.joined(separator: ", ")
            let args = StatementArguments([connection] + states.map(\.rawValue))
            return try Row.fetchAll(db, sql: "SELECT * FROM pending_operation WHERE connection = ? AND state IN (\(marks)) ORDER BY created_at",
                                    arguments: args).map(Self.operationRow)
        }
    }

    static func operationRow(_ r: Row) -> OperationRecord {
        OperationRecord(idempotencyKey: r["idempotency_key"], connection: r["connection"], kind: r["kind"], target: r["target"],
                     payload: r["payload"], state: OperationState(stored: r["state"]), result: r["result"], auditSeq: r["audit_seq"],
                     createdAt: Date(timeIntervalSince1970: r["created_at"]))
    }
}
