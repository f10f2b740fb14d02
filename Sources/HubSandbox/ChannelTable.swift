import Foundation
import HubCore

/// The world's channels by ID, remembering which ones were written since the engine last
/// looked (`takeTouched`). The order by `modified_at` is then kept up to date with the few that
/// changed instead of re-sorting 50,000 channels whenever anything changes (issue 14).
public struct ChannelTable: Sendable, Sequence {
    var storage: [String: SandboxChannel] = [:]
    /// Written since the last `takeTouched` (possibly removed since), with what the order by
    /// `modified_at` knew of each before its first write: so that order need not keep its
    /// own table of 50,000 dates.
    var touched: [String: ModifiedOrder.Before] = [:]

    public init() {}

    public subscript(id: String) -> SandboxChannel? {
        get { storage[id] }
        set {
            noteWrite(id)
            storage[id] = newValue
        }
        _modify {
            noteWrite(id)
            yield &storage[id]
        }
    }

    private mutating func noteWrite(_ id: String) {
        guard touched[id] == nil else { return }
        let old = storage[id]
        touched[id] = ModifiedOrder.Before(present: old != nil, modified: old?.channel.modifiedAt)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: Dictionary<String, SandboxChannel>.Keys { storage.keys }
    public var values: Dictionary<String, SandboxChannel>.Values { storage.values }

    public func makeIterator() -> Dictionary<String, SandboxChannel>.Iterator { storage.makeIterator() }

    /// A channel of a world being made: nothing has looked at the table yet, so nothing is
    /// remembered as written (50,000 entries in `touched` for nothing).
    mutating func load(_ channel: SandboxChannel) {
        storage[channel.channel.id] = channel
    }

    mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(n) }

    /// The IDs written since the last call, with what they were before.
    mutating func takeTouched() -> [String: ModifiedOrder.Before] {
        defer { touched = [:] }
        return touched
    }
}

/// Items in `-modified_at` order (newest first; no date last; ties by ID), updated with the
/// items that changed: a binary search and an insertion each.
struct ModifiedOrder: Sendable {
    struct Key: Comparable, Sendable {
        var modified: Date?
        var id: String
        static func < (a: Key, b: Key) -> Bool {
            switch (a.modified, b.modified) {
            case let (x?, y?) where x != y: return x > y
            case (nil, .some): return false
            case (.some, nil): return true
            default: return a.id < b.id
            }
        }
    }

    /// An item as the order last saw it.
    struct Before: Sendable {
        var present: Bool
        var modified: Date?
    }

    private(set) var keys: [Key] = [] { didSet { idsCache = nil } }
    /// The IDs in order, made again only after a change.
    private var idsCache: [String]?

    init() {}

    /// Everything at once (the first request, or after a bulk change).
    init(_ items: some Sequence<(id: String, modified: Date?)>) {
        keys = items.map { Key(modified: $0.modified, id: $0.id) }.sorted()
    }

    /// An item's new date (`present` false: it is gone); `before`: what it was when the order
    /// last saw it.
    mutating func update(id: String, before: Before, modified: Date?, present: Bool) {
        if before.present {
            if present, before.modified == modified { return }
            let k = Key(modified: before.modified, id: id)
            let i = position(of: k)
            if i < keys.count, keys[i] == k { keys.remove(at: i) }
        }
        guard present else { return }
        let k = Key(modified: modified, id: id)
        keys.insert(k, at: position(of: k))
    }

    mutating func ids() -> [String] {
        if let idsCache { return idsCache }
        let ids = keys.map(\.id)
        idsCache = ids
        return ids
    }

    private func position(of k: Key) -> Int {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
