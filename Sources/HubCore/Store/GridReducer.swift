import Foundation

/// The cards: moving the selection (by ID), sorting, and the order that stays put while the
/// agent reads. The grid's columns and page size come from the layout at the current size.
extension AppState {
    mutating func reduceGrid(_ action: GridAction) -> [Effect] {
        switch action {
        case .move(let direction): return move(direction)
        case .select(let id):
            guard records[id] != nil else { return [] }
            let effects = select(id)
            keepGridScroll()
            return effects
        case .toggleGroupByClient:
            groupByClient.toggle()
            orderFrozenUntil = nil
            reorder(resort: true)
            keepGridScroll()
            flash(.info, groupByClient ? "Grouped by client: each client's numbers together, under its name." : "Not grouped by client.")
            return []
        case .cycleSort:
            sort = sort.next
            orderFrozenUntil = nil
            reorder(resort: true)
            keepGridScroll()
            return []
        }
    }

    mutating func move(_ direction: Action.Direction) -> [Effect] {
        guard !visible.isEmpty else { return [] }
        let layout = self.layout
        let cols = max(1, layout.columns), rows = max(1, layout.visibleRows)
        let current = selection.flatMap { visible.firstIndex(of: $0) } ?? 0
        let last = visible.count - 1
        let target: Int
        switch direction {
        case .up: target = current - cols >= 0 ? current - cols : current
        case .down: target = current + cols <= last ? current + cols : (current / cols < last / cols ? last : current)
        case .left: target = max(0, current - 1)
        case .right: target = min(last, current + 1)
        case .pageUp: target = max(0, current - cols * rows)
        case .pageDown: target = min(last, current + cols * rows)
        case .first: target = 0
        case .last: target = last
        }
        orderFrozenUntil = now.addingTimeInterval(orderFreezeInterval)
        let effects = select(visible[target])
        selectionIndexHint = target
        keepGridScroll(index: target)
        return effects
    }

    /// The stored scroll, moved just enough to show the selection at the current size.
    /// `index`: the selection's place when the caller knows it (saves a scan of 50,000 IDs).
    mutating func keepGridScroll(index known: Int? = nil) {
        let index = known ?? selection.flatMap { visible.firstIndex(of: $0) }
        gridScrollRow = layout.firstRow(selectionIndex: index, stored: gridScrollRow, total: visible.count)
    }

    /// Moves the selection (its client becomes the focused one: `reduce` tells the engine),
    /// and an open details pane loads what it shows.
    mutating func select(_ id: String) -> [Effect] {
        guard selection != id, let record = records[id] else { return [] }
        selection = id
        details.scroll = 0
        return details.open ? detailEffects(record) : []
    }

    /// Recomputes the grid order. `resort` redoes the full sort (data or sort key changed);
    /// while the order is frozen, existing cards keep their places.
    mutating func reorder(resort: Bool) {
        if resort || sortedAll.count != records.count {
            sortedAll = Selectors.sortedIDs(records, by: sort, grouped: groupByClient)
            sortedSearch = sortedAll.map { records[$0]?.searchBytes ?? [] }
        }
        let fresh = freshVisible()
        if let until = orderFrozenUntil, now < until {
            setVisible(Selectors.frozen(previous: visible, fresh: fresh))
        } else {
            setVisible(fresh)
        }
        keepSelectionVisible()
    }

    /// Moves only the changed records to their new places: a few binary searches instead of
    /// sorting 50,000 channels again.
    mutating func reorder(updating changed: Set<String>) {
        guard !changed.isEmpty, sortedAll.count == records.count else {
            if !changed.isEmpty || sortedAll.count != records.count { reorder(resort: true) }
            return
        }
        var ids = sortedAll.filter { !changed.contains($0) }
        for id in changed.sorted() {
            guard let r = records[id] else { continue }
            var lo = 0, hi = ids.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if let m = records[ids[mid]], Selectors.areInOrder(m, r, by: sort, grouped: groupByClient) { lo = mid + 1 } else { hi = mid }
            }
            ids.insert(id, at: lo)
        }
        sortedAll = ids
        sortedSearch = ids.map { records[$0]?.searchBytes ?? [] }
        reorder(resort: false)
    }

    /// A new filter applies at once: the agent asked for it.
    mutating func refilter() {
        setVisible(freshVisible())
        keepSelectionVisible()
        keepGridScroll(index: selection == nil ? nil : selectionIndexHint)
    }

    /// The filter's matches in order; only one client's while its cards are shown.
    func freshVisible() -> [String] {
        var ids = Selectors.visibleIDs(sorted: sortedAll, search: sortedSearch, query: filterText)
        if stateFilter != .all { ids = ids.filter { records[$0].map(stateFilter.matches) ?? false } }
        guard let scope = clientScope else { return ids }
        return ids.filter { records[$0]?.channel.resolvedClientId == scope }
    }

    mutating func keepSelectionVisible() {
        if let id = selection, selectionIndexHint < visible.count, visible[selectionIndexHint] == id { return }
        if let id = selection, let index = visible.firstIndex(of: id) {
            selectionIndexHint = index
            return
        }
        if visible.isEmpty { selection = nil; return }
        // The selected card went away: take the one now at its place.
        selection = visible[min(selectionIndexHint, visible.count - 1)]
    }
}
