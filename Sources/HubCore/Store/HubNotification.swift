import Foundation

public struct HubNotification: Hashable, Sendable, Codable, Identifiable {
    public enum Level: String, Hashable, Sendable, Codable, Comparable {
        case info, warning, error

        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
        var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    }

    /// Stable for the same change, so a change seen twice is notified once.
    public var id: String
    public var level: Level
    public var time: Date
    public var channelId: String?
    public var clientId: String?
    public var text: String

    public init(id: String, level: Level, time: Date, channelId: String? = nil, clientId: String? = nil, text: String) {
        self.id = id
        self.level = level
        self.time = time
        self.channelId = channelId
        self.clientId = clientId
        self.text = text
    }
}

/// The notification history plus the flash line (k9s: a level and a 6 s life).
public struct NotificationQueue: Hashable, Sendable {
    public static let flashDuration: TimeInterval = 6
    public static let historyLimit = 500

    /// Newest first.
    public private(set) var history: [HubNotification] = []
    public private(set) var flash: HubNotification?
    public private(set) var flashUntil: Date?
    public private(set) var unread = 0
    private var seen: Set<String> = []

    public init() {}

    /// Adds a notification unless one with the same id was already added; returns whether it was new.
    @discardableResult
    public mutating func push(_ n: HubNotification) -> Bool {
        guard seen.insert(n.id).inserted else { return false }
        history.insert(n, at: 0)
        if history.count > Self.historyLimit {
            let dropped = history.removeLast()
            seen.remove(dropped.id)
        }
        unread += 1
        // A more severe message is not replaced by a milder one while it shows.
        if let current = flash, let until = flashUntil, n.time < until, current.level > n.level { return true }
        flash = n
        flashUntil = n.time.addingTimeInterval(Self.flashDuration)
        return true
    }

    /// A transient message (validation, confirmations) that is flashed but not kept in the history.
    public mutating func flashOnly(_ n: HubNotification) {
        flash = n
        flashUntil = n.time.addingTimeInterval(Self.flashDuration)
    }

    /// The history kept from earlier runs: shown in the center, not flashed, not unread.
    public mutating func restore(_ older: [HubNotification]) {
        for n in older where seen.insert(n.id).inserted { history.append(n) }
        history.sort { $0.time > $1.time }
        if history.count > Self.historyLimit { history.removeLast(history.count - Self.historyLimit) }
    }

    public mutating func expire(now: Date) {
        if let until = flashUntil, now >= until { flash = nil; flashUntil = nil }
    }

    public mutating func dismissFlash() { flash = nil; flashUntil = nil }
    public mutating func markRead() { unread = 0 }
}
