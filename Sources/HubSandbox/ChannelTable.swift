import Foundation
import HubCore

/// The world's channels by ID, remembering which ones were written since the engine last
/// looked (`takeTouched`). The order by `modified_at` is then kept up to date with the few that
/// changed instead of re-sorting 50,000 channels whenever anything changes (issue 14).
public struct ChannelTable: Sendable, Sequence {
    var storage: [String: SandboxChannel] = [:]
    /// Written since the last `takeTouched` (possibly removed since).
    var touched: Set<String> = []

    public init() {}

    public subscript(id: String) -> SandboxChannel? {
        get { storage[id] }
        set {
            touched.insert(id)
            storage[id] = newValue
        }
        _modify {
            touched.insert(id)
            yield &storage[id]
        }
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: Dictionary<String, SandboxChannel>.Keys { storage.keys }
    public var values: Dictionary<String, SandboxChannel>.Values { storage.values }

    public func makeIterator() -> Dictionary<String, SandboxChannel>.Iterator { storage.makeIterator() }

    /// The IDs written since the last call.
    mutating func takeTouched() -> Set<String> {
        defer { touched = [] }
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

    private(set) var keys: [Key] = [] { didSet { idsCache = nil } }
    private var current: [String: Date?] = [:]
    /// The IDs in order, made again only after a change.
    private var idsCache: [String]?

    init() {}

    /// Everything at once (the first request, or after a bulk change).
    init(_ items: some Sequence<(id: String, modified: Date?)>) {
        for item in items { current[item.id] = .some(item.modified) } // kept even when the date is nil
        keys = current.map { Key(modified: $0.value, id: $0.key) }.sorted()
    }

    /// An item's new date (nil `modified`: it is gone when `present` is false).
    mutating func update(id: String, modified: Date?, present: Bool) {
        if let old = current[id] {
            if present, old == modified { return }
            let k = Key(modified: old, id: id)
            let i = position(of: k)
            if i < keys.count, keys[i] == k { keys.remove(at: i) }
            current[id] = nil
        }
        guard present else { return }
        let k = Key(modified: modified, id: id)
        keys.insert(k, at: position(of: k))
        current[id] = .some(modified)
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
