import Foundation

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
