import Foundation

public enum SortKey: String, CaseIterable, Sendable {
    case needsActionFirst = "needs action"
    case status
    case number
    case company
    case lastChange = "last change"

    public var next: SortKey {
        let all = SortKey.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// Pure selectors over the channel records: the filter and the sort of the grid.
public enum Selectors {
    /// Substring match over number, display name, company and client names and IDs; case- and
    /// accent-insensitive. A query with a leading `+` or spaces in a number still matches.
    /// The query as bytes to look for: folded; a number typed with spaces ("+49 30 6098") is
    /// looked up by its digits, which every search key carries.
    public static func needle(_ query: String) -> [UInt8] {
        let q = SearchFolding.fold(query.trimmingCharacters(in: .whitespaces))
        let digits = q.filter { $0.isNumber }
        if digits.count >= 3, q.allSatisfy({ $0.isNumber || $0 == " " || $0 == "+" || $0 == "-" || $0 == "(" || $0 == ")" }),
           q.contains(where: { !$0.isNumber }) {
            return Array(digits.utf8)
        }
        return Array(q.utf8)
    }

    public static func matches(_ record: ChannelRecord, needle: [UInt8]) -> Bool {
        SearchFolding.contains(record.searchBytes, needle)
    }

    public static func filter(_ records: some Sequence<ChannelRecord>, query: String) -> [ChannelRecord] {
        let n = needle(query)
        return records.filter { matches($0, needle: n) }
    }

    /// Grouped by client: the client (by company, then ID) first, then `key` within it.
    public static func areInOrder(_ a: ChannelRecord, _ b: ChannelRecord, by key: SortKey, grouped: Bool) -> Bool {
        if grouped {
            let ca = a.channel.resolvedClientId ?? "", cb = b.channel.resolvedClientId ?? ""
            if ca != cb {
                if a.companySortKey != b.companySortKey { return a.companySortKey < b.companySortKey }
                return ca < cb
            }
        }
        return areInOrder(a, b, by: key)
    }

    /// A strict weak order; ties are broken by channel ID so the order is total and stable.
    public static func areInOrder(_ a: ChannelRecord, _ b: ChannelRecord, by key: SortKey) -> Bool {
        func tie() -> Bool { a.id < b.id }
        switch key {
        case .needsActionFirst:
            if a.needsAction != b.needsAction { return a.needsAction }
            if a.lifecycle.urgency != b.lifecycle.urgency { return a.lifecycle.urgency < b.lifecycle.urgency }
            if a.companySortKey != b.companySortKey { return a.companySortKey < b.companySortKey }
            return tie()
        case .status:
            if a.lifecycle.urgency != b.lifecycle.urgency { return a.lifecycle.urgency < b.lifecycle.urgency }
            if a.lifecycle.label != b.lifecycle.label { return a.lifecycle.label < b.lifecycle.label }
            return tie()
        case .number:
            if a.phone != b.phone { return a.phone < b.phone }
            return tie()
        case .company:
            if a.companySortKey != b.companySortKey { return a.companySortKey < b.companySortKey }
            return tie()
        case .lastChange:
            let da = a.channel.lastChange ?? .distantPast, db = b.channel.lastChange ?? .distantPast
            if da != db { return da > db }
            return tie()
        }
    }

    /// Every channel ID in `key` order (the expensive part, redone only when data or sort change).
    /// (Sorted in place: a sorted copy of 50,000 records was another 6 MB at the peak of the
    /// first load.)
    public static func sortedIDs(_ records: [String: ChannelRecord], by key: SortKey, grouped: Bool = false) -> [String] {
        guard grouped else {
            var list = Array(records.values)
            list.sort { areInOrder($0, $1, by: key) }
            return list.map(\.id)
        }
        // Grouped: each client's place is worked out once (10,000 string comparisons, not one
        // per comparison of 48,000 cards), then the cards sort by that number first.
        var firstOfClient: [String: ChannelRecord] = [:]
        for r in records.values where firstOfClient[r.channel.resolvedClientId ?? ""] == nil { firstOfClient[r.channel.resolvedClientId ?? ""] = r }
        let order = firstOfClient.sorted { a, b in
            a.value.companySortKey != b.value.companySortKey ? a.value.companySortKey < b.value.companySortKey : a.key < b.key
        }
        var rank: [String: Int] = [:]
        rank.reserveCapacity(order.count)
        for (i, entry) in order.enumerated() { rank[entry.key] = i }
        var list = records.values.map { (rank: rank[$0.channel.resolvedClientId ?? ""] ?? 0, record: $0) }
        list.sort { $0.rank != $1.rank ? $0.rank < $1.rank : areInOrder($0.record, $1.record, by: key) }
        return list.map(\.record.id)
    }

    /// The grid's IDs: `sortedIDs` filtered by the query, keeping their order.
    public static func visibleIDs(sorted ids: [String], search: [[UInt8]], query: String) -> [String] {
        let n = needle(query)
        if n.isEmpty { return ids }
        var out: [String] = []
        for i in ids.indices where SearchFolding.contains(search[i], n) { out.append(ids[i]) }
        return out
    }

    /// While the order is frozen, keep the previous order of the IDs that are still there and
    /// append new ones at the end; nothing under the cursor moves.
    public static func frozen(previous: [String], fresh: [String]) -> [String] {
        let freshSet = Set(fresh)
        var kept = previous.filter { freshSet.contains($0) }
        let keptSet = Set(kept)
        kept.append(contentsOf: fresh.filter { !keptSet.contains($0) })
        return kept
    }
}

extension AppState {
    /// The channel IDs whose cards are on screen at `layout`: what the grid draws and whose
    /// balances the live engine keeps fresh (one selector, so the two never disagree).
    public func onScreenChannelIDs(_ layout: Layout) -> ArraySlice<String> {
        guard !layout.tooSmall, layout.visibleRows > 0, !layout.grid.isEmpty else { return [] }
        let selected = selection.flatMap { visible.firstIndex(of: $0) }
        let first = layout.firstRow(selectionIndex: selected, stored: gridScrollRow, total: visible.count) * layout.columns
        return visible.dropFirst(first).prefix(layout.visibleRows * layout.columns)
    }
}
