import Foundation

/// One row of the audit log: who asked for what, on what, when, and how it ended.
public struct AuditEntry: Sendable, Equatable, Hashable {
    public var time: Date
    public var actor: String
    public var action: String
    public var target: String
    public var request: String
    public var result: String?

    public init(time: Date, actor: String, action: String, target: String, request: String, result: String? = nil) {
        self.time = time
        self.actor = actor
        self.action = action
        self.target = target
        self.request = request
        self.result = result
    }
}
