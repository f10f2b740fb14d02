import Foundation

/// What changed in a list between two polls: the items that are new or different, and the
/// IDs of those that left. The live engine hands these to the store and the database, so a
/// poll costs in proportion to what changed (issue 14).
public struct ListDelta<Item: ListItem & Equatable>: Sendable {
    public var upserted: [Item]
    public var removed: [String]

    public init(upserted: [Item] = [], removed: [String] = []) {
        self.upserted = upserted
        self.removed = removed
    }

    public var isEmpty: Bool { upserted.isEmpty && removed.isEmpty }

    /// The difference from `old` to a full list.
    public static func between(_ old: [String: Item], _ new: [Item]) -> ListDelta {
        var delta = ListDelta()
        var seen = Set<String>()
        seen.reserveCapacity(new.count)
        for item in new where seen.insert(item.id).inserted {
            if old[item.id] != item { delta.upserted.append(item) }
        }
        if seen.count != old.count || delta.upserted.contains(where: { old[$0.id] == nil }) {
            delta.removed = old.keys.filter { !seen.contains($0) }.sorted()
        }
        return delta
    }

    /// Adds a later change to this one (the later wins).
    public mutating func merge(_ later: ListDelta) {
        guard !later.isEmpty else { return }
        let gone = Set(later.removed), replaced = Set(later.upserted.map(\.id))
        upserted.removeAll { gone.contains($0.id) || replaced.contains($0.id) }
        upserted.append(contentsOf: later.upserted)
        removed.removeAll { replaced.contains($0) }
        removed.append(contentsOf: later.removed.filter { !removed.contains($0) })
    }

    /// Applies the change to a table of items by ID.
    public func apply(to table: inout [String: Item]) {
        for id in removed { table[id] = nil }
        for item in upserted { table[item.id] = item }
    }
}

/// Lists the live engine can ask for by `-modified_at` (what changed first).
public protocol ModifiedListItem: ListItem, Equatable {
    var modifiedAt: Date? { get }
}

extension Channel: ModifiedListItem {}
extension Client: ModifiedListItem {}

/// The team's poller sends each poll's changes to every agent as they are (HubTeam).
extension ListDelta: Codable where Item: Codable {}
