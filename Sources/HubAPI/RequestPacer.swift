import Foundation

/// Keeps the app under the documented rate limits so it never causes a 429 itself: calls
/// reserve a slot, and wait for it when the budget is spent.
struct RequestPacer: Sendable {
    private var lastByKey: [String: Date] = [:]
    private var windows: [String: [Date]] = [:]

    /// At most one call per `interval` for `key`; returns how long to wait before sending.
    mutating func reserveSpaced(_ key: String, interval: TimeInterval, now: Date) -> TimeInterval {
        let slot = max(now, (lastByKey[key] ?? .distantPast) + interval)
        lastByKey[key] = slot
        return slot.timeIntervalSince(now)
    }

    /// At most `limit` calls per `window` seconds for `key`.
    mutating func reserveWindowed(_ key: String, limit: Int, window: TimeInterval, now: Date) -> TimeInterval {
        var times = (windows[key] ?? []).filter { now.timeIntervalSince($0) < window || $0 > now }
        var slot = now
        if times.count >= limit { slot = max(now, times[times.count - limit] + window) }
        times.append(slot)
        windows[key] = times
        return slot.timeIntervalSince(now)
    }
}
