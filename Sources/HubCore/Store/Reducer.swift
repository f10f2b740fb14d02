import Foundation

/// How long the grid keeps its order after a keypress, so the card under the cursor stays put.
public let orderFreezeInterval: TimeInterval = 3

/// The one place state changes. Pure and synchronous: the same state and action always give
/// the same state and effects.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case let .snapshotLoaded(partner, clients, channels, asOf, fromCache):
        // A late answer older than what is shown is dropped; a cache never replaces live data.
        if let shown = state.dataAsOf, !state.dataFromCache, fromCache || asOf < shown { return [] }
        let (changed, membership) = state.replaceData(partner: partner, clients: clients, channels: channels)
        state.dataAsOf = asOf
        state.dataFromCache = fromCache
        if membership { state.reorder(resort: true) } else { state.reorder(updating: changed) }
        return []

    case let .balanceLoaded(clientId, balance):
        let changed = state.setBalance(balance, clientId: clientId)
        state.reorder(updating: changed)
        return []

    case let .templatesLoaded(waba, templates):
        state.templates[waba] = templates
        return []

    case let .paymentsLoaded(channelId, payments):
        state.payments[channelId] = payments
        return []

    case let .permissionsLoaded(clientId, ids):
        state.permissions[clientId] = Set(ids)
        return []

    case .themeChanged(let name):
        state.themeName = name
        return []

    case .togglePaneFocus:
        state.detailsFocused = state.detailsOpen && !state.detailsFocused
        return []

    case .scrollDetails(let delta):
        state.detailScroll = max(0, state.detailScroll + delta)
        return []

    case .liveStatusChanged(let status):
        state.live = status
        return []

    case .notify(let n):
        state.notifications.push(n)
        return []

    case .notificationsRestored(let older):
        state.notifications.restore(older)
        return []

    case let .flash(level, text):
        state.notifications.flashOnly(HubNotification(id: "flash-\(state.now.timeIntervalSince1970)", level: level, time: state.now, text: text))
        return []

    case .tick(let now):
        state.now = now
        state.notifications.expire(now: now)
        state.highlightedUntil = state.highlightedUntil.filter { $0.value > now }
        if let until = state.orderFrozenUntil, now >= until {
            state.orderFrozenUntil = nil
            state.reorder(resort: false)
        }
        return []

    case let .move(direction, columns, pageRows):
        guard !state.visible.isEmpty else { return [] }
        let cols = max(1, columns)
        let current = state.selection.flatMap { state.visible.firstIndex(of: $0) } ?? 0
        let last = state.visible.count - 1
        let target: Int
        switch direction {
        case .up: target = current - cols >= 0 ? current - cols : current
        case .down: target = current + cols <= last ? current + cols : (current / cols < last / cols ? last : current)
        case .left: target = max(0, current - 1)
        case .right: target = min(last, current + 1)
        case .pageUp: target = max(0, current - cols * max(1, pageRows))
        case .pageDown: target = min(last, current + cols * max(1, pageRows))
        case .first: target = 0
        case .last: target = last
        }
        state.orderFrozenUntil = state.now.addingTimeInterval(orderFreezeInterval)
        let row = target / cols, rows = max(1, pageRows)
        if row < state.gridScrollRow { state.gridScrollRow = row }
        if row >= state.gridScrollRow + rows { state.gridScrollRow = row - rows + 1 }
        return state.select(state.visible[target])

    case .select(let id):
        guard state.records[id] != nil else { return [] }
        return state.select(id)

    case .openDetails:
        guard let record = state.selectedRecord else { return [] }
        state.detailsOpen = true
        return detailEffects(record, state)

    case .closeDetails:
        state.detailsOpen = false
        state.detailsFocused = false
        return []

    case .setTab(let tab):
        guard state.detailsOpen else { return [] }
        state.detailTab = tab
        state.detailScroll = 0
        return []

    case .nextTab, .previousTab:
        guard state.detailsOpen else { return [] }
        let all = AppState.DetailTab.allCases
        let step = { if case .nextTab = action { return 1 } else { return all.count - 1 } }()
        state.detailTab = all[(state.detailTab.rawValue + step) % all.count]
        state.detailScroll = 0
        return []

    case .beginFilter:
        state.filterEditing = true
        state.overlay = nil
        return []

    case .setFilter(let text):
        state.filterText = text
        state.filterEditing = true
        state.refilter()
        return []

    case .commitFilter:
        state.filterEditing = false
        return []

    case .clearFilter:
        state.filterText = ""
        state.filterEditing = false
        state.refilter()
        return []

    case .cycleSort:
        state.sort = state.sort.next
        state.orderFrozenUntil = nil
        state.reorder(resort: true)
        return []

    case .openOverlay(let overlay):
        state.overlay = overlay
        if overlay == .notifications { state.notifications.markRead() }
        return []

    case .closeOverlay:
        state.overlay = nil
        return []

    case .refreshNow:
        return [.refreshNow]

    case .togglePause:
        let pause = state.live.phase != .paused
        state.live.phase = pause ? .paused : .idle
        return [.setPaused(pause)]

    case .quit:
        state.quitRequested = true
        return [.quit]
    }
}

private func detailEffects(_ record: ChannelRecord, _ state: AppState) -> [Effect] {
    var effects: [Effect] = []
    if let clientId = record.channel.resolvedClientId { effects.append(.loadBalance(clientId: clientId)) }
    if let waba = record.channel.wabaAccount?.id ?? record.channel.wabaAccountId { effects.append(.loadTemplates(wabaAccountId: waba)) }
    effects.append(.loadPayments(channelId: record.id))
    if let clientId = record.channel.resolvedClientId { effects.append(.loadPermissions(clientId: clientId)) }
    return effects
}

extension AppState {
    /// Moves the selection; the focused client jumps the balance queue, and an open details
    /// pane loads what it shows.
    mutating func select(_ id: String) -> [Effect] {
        guard selection != id, let record = records[id] else { return [] }
        selection = id
        detailScroll = 0
        var effects: [Effect] = [.focusClient(record.channel.resolvedClientId)]
        if detailsOpen { effects += detailEffects(record, self) }
        return effects
    }

    /// Recomputes the grid order. `resort` redoes the full sort (data or sort key changed);
    /// while the order is frozen, existing cards keep their places.
    mutating func reorder(resort: Bool) {
        if resort || sortedAll.count != records.count {
            sortedAll = Selectors.sortedIDs(records, by: sort)
            sortedSearch = sortedAll.map { records[$0]?.searchBytes ?? [] }
        }
        let fresh = Selectors.visibleIDs(sorted: sortedAll, search: sortedSearch, query: filterText)
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
                if let m = records[ids[mid]], Selectors.areInOrder(m, r, by: sort) { lo = mid + 1 } else { hi = mid }
            }
            ids.insert(id, at: lo)
        }
        sortedAll = ids
        sortedSearch = ids.map { records[$0]?.searchBytes ?? [] }
        reorder(resort: false)
    }

    /// A new filter applies at once: the agent asked for it.
    mutating func refilter() {
        setVisible(Selectors.visibleIDs(sorted: sortedAll, search: sortedSearch, query: filterText))
        keepSelectionVisible()
    }

    mutating func keepSelectionVisible() {
        if let id = selection, let index = visible.firstIndex(of: id) {
            selectionIndexHint = index
            return
        }
        if visible.isEmpty { selection = nil; return }
        // The selected card went away: take the one now at its place.
        selection = visible[min(selectionIndexHint, visible.count - 1)]
    }
}
