import Foundation

/// Work in flight: a label, a spinner, and a count when the work knows its size.
public struct ProgressLine: Equatable, Sendable {
    public var label: String
    public var done: Int?
    public var total: Int?
    public var startedAt: Date

    public init(_ label: String, done: Int? = nil, total: Int? = nil, startedAt: Date) {
        self.label = label
        self.done = done
        self.total = total
        self.startedAt = startedAt
    }

    /// The spinner's frame at `now` (10 a second), so render stays a function of the state.
    public func frame(at now: Date, count: Int) -> Int {
        max(0, Int(now.timeIntervalSince(startedAt) * 10)) % max(1, count)
    }

    /// Thousands with commas, the same on every locale (snapshots stay stable).
    public static func grouped(_ n: Int) -> String {
        var digits = String(abs(n)), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + digits + out
    }

    /// "1,200 of 48,439" when the size is known.
    public var countText: String? {
        guard let done, let total else { return nil }
        return "\(Self.grouped(done)) of \(Self.grouped(total))"
    }
}

/// A message inside a dialog: what went wrong, or what to know before going on.
public struct Notice: Equatable, Sendable {
    public enum Level: String, Equatable, Sendable { case info, success, warning, error }

    public var level: Level
    public var text: String

    public init(_ level: Level, _ text: String) {
        self.level = level
        self.text = text
    }
}
