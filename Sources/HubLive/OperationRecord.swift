import Foundation
import HubCore

/// Where an operation is: its pending row's state in either store (the column holds the raw
/// value; a value this version does not know reads as `unreadable`).
public enum OperationState: String, Sendable, CaseIterable {
    /// Sent, or about to be; not yet known to have happened or not.
    case sending
    /// No answer that says whether it acted: reconciled with the server on the next start.
    case unknown
    case succeeded
    case failed
    /// The public API lacks the step: finished in the Hub.
    case handedToHub = "handed-to-hub"
    /// Reconciled: the server says it did not happen (never sent again).
    case notApplied = "not-applied"
    /// The stored request could not be read back.
    case unreadable

    /// Sent (or about to be) and not yet known to have happened or not.
    public static let unsettled: [OperationState] = [.sending, .unknown]

    /// The state a settled outcome leaves.
    public init(_ outcome: MutationOutcome) {
        switch outcome {
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .handedToHub: self = .handedToHub
        case .unknown: self = .unknown
        }
    }

    /// A stored value; one written by a later version reads as unreadable, never as settled well.
    public init(stored: String) { self = OperationState(rawValue: stored) ?? .unreadable }
}

/// One pending-operation row, as either store (`OperationLedger`) returns it.
public struct OperationRecord: Sendable, Equatable {
    public var idempotencyKey: String
    public var connection: String
    public var kind: String
    public var target: String
    public var payload: String
    public var state: OperationState
    public var result: String?
    public var auditSeq: Int64?
    public var createdAt: Date

    public init(idempotencyKey: String, connection: String, kind: String, target: String, payload: String, state: OperationState,
                result: String?, auditSeq: Int64?, createdAt: Date) {
        self.idempotencyKey = idempotencyKey
        self.connection = connection
        self.kind = kind
        self.target = target
        self.payload = payload
        self.state = state
        self.result = result
        self.auditSeq = auditSeq
        self.createdAt = createdAt
    }
}
