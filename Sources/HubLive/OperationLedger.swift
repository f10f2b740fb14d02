import Foundation
import HubCore

/// Where the operation pipeline writes its audit rows and pending operations: the agent's own
/// SQLite file (HubDatabase), or the team's PostgreSQL (HubTeam), where one open refund per
/// number and one open partner change per WABA hold across every agent.
public protocol OperationLedger: Sendable {
    func operation(key: String) async throws -> OperationRecord?
    /// The audit row and the pending row together; throws `OperationConflict` when another
    /// open operation of the same kind holds the target.
    func beginOperation(connection: String, key: String, kind: String, target: String, payload: String,
                        actor: String, at time: Date) async throws -> Int64
    func settleOperation(key: String, state: OperationState, result: String, at time: Date) async throws
    func operations(connection: String, states: [OperationState]) async throws -> [OperationRecord]
    func auditLog(connection: String?, limit: Int) async throws -> [AuditEntry]
}

/// Another agent's operation of the same kind on the same target is still open: nothing was
/// sent, and the dialog says who started the first one and when.
public struct OperationConflict: Error, Sendable, CustomStringConvertible {
    public var kind: String
    public var target: String
    public var actor: String
    public var startedAt: Date

    public init(kind: String, target: String, actor: String, startedAt: Date) {
        self.kind = kind
        self.target = target
        self.actor = actor
        self.startedAt = startedAt
    }

    public var description: String {
        let what = kind == "refund" ? "A refund of this number" : kind == "partner-change" ? "A partner change of this WABA" : "A \(kind) of \(target)"
        return "\(what) is already under way: \(Sanitizer.oneLine(actor, max: 80)) started it at \(Self.when(startedAt)). Nothing was sent; it settles first."
    }

    /// "2026-11-29 11:00:00 UTC": a team may sit in several time zones.
    static func when(_ d: Date) -> String {
        Timestamp.format(d).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
    }
}

extension HubDatabase: OperationLedger {}
