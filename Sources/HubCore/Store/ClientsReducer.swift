import Foundation

public enum ClientsAction: Sendable {
    /// `clients`: the clients view, or back to the cards.
    case toggle
    case move(Action.Direction)
    /// Enter: the selected client's numbers as cards (Esc comes back).
    case open
    /// Esc on the cards of one client: back to the clients view.
    case back
    case filter(FilterAction)
    case cycleSort
    case select(clientId: String)
}

/// The clients view beside the cards (issue 12): one row per client, the same filter and sort
/// keys; Enter shows a client's numbers as cards, Esc comes back. While it is shown, the
/// selected channel is the selected client's first number, so every command that acts on "the
/// selected number's client" (max channels, Partner Settings ...) acts on that client.
extension AppState {
    public enum MainView: Equatable, Sendable { case cards, clients }

    mutating func reduceClients(_ action: ClientsAction) -> [Effect] {
        switch action {
        case .toggle:
            if mainView == .clients {
                mainView = .cards
                return []
            }
            clientScope = nil
            mainView = .clients
            details.open = false
            details.focused = false
            refreshClientRows()
            if clientsView.selection == nil || clientsView.selectedIndex == nil, let client = selectedClientId ?? firstShownClient {
                clientsView.selection = client
            }
            return followClientSelection()
        case .move(let direction):
            guard !clientsView.shown.isEmpty else { return [] }
            let page = max(1, layout.grid.height - 1)
            let current = clientsView.selectedIndex ?? 0
            let last = clientsView.shown.count - 1
            let target: Int
            switch direction {
            case .up, .left: target = max(0, current - 1)
            case .down, .right: target = min(last, current + 1)
            case .pageUp: target = max(0, current - page)
            case .pageDown: target = min(last, current + page)
            case .first: target = 0
            case .last: target = last
            }
            clientsView.selection = clientsView.rows[clientsView.shown[target]].id
            return followClientSelection()
        case .select(let id):
            guard clientsView.rows.contains(where: { $0.id == id }) else { return [] }
            clientsView.selection = id
            return followClientSelection()
        case .open:
            guard let row = clientsView.selectedRow else { return [] }
            guard !row.channelIds.isEmpty else {
                flash(.info, "\(row.company) has no numbers yet.")
                return []
            }
            clientScope = row.id
            mainView = .cards
            // The cards' own filter is kept for when the agent comes back to all numbers.
            scopedFilterBackup = filter
            filter = FilterState()
            reorder(resort: true)
            if selection.map({ !visible.contains($0) }) ?? true, let first = visible.first { _ = select(first) }
            keepGridScroll()
            return []
        case .back:
            guard clientScope != nil else { return [] }
            clientScope = nil
            filter = scopedFilterBackup ?? FilterState()
            scopedFilterBackup = nil
            mainView = .clients
            details.open = false
            details.focused = false
            reorder(resort: true)
            refreshClientRows()
            return followClientSelection()
        case .filter(let f):
            guard clientsView.filter.apply(f) else { return [] }
            applyClientFilter()
            return followClientSelection()
        case .cycleSort:
            clientsView.sort = clientsView.sort.next
            let sort = clientsView.sort
            clientsView.rows.sort { ClientRow.areInOrder($0, $1, by: sort) }
            applyClientFilter()
            return []
        }
    }

    /// The rows the clients view draws at `layout` (the balance watching reads the same).
    public func onScreenClientRows(_ layout: Layout) -> [ClientRow] {
        let v = clientsView
        let height = max(0, layout.grid.height - 1)
        let first = max(0, min(v.scroll, max(0, v.shown.count - height)))
        return v.shown.dropFirst(first).prefix(height).map { v.rows[$0] }
    }

    var firstShownClient: String? { clientsView.shown.first.map { clientsView.rows[$0].id } }

    /// The rows again from the records (the view was opened, a whole new snapshot, another
    /// sort); the selection stays.
    mutating func refreshClientRows() {
        let sort = clientsView.sort
        let (rows, members) = ClientRow.all(records: records, clients: clients, balances: balances)
        clientsView.rows = rows.sorted { ClientRow.areInOrder($0, $1, by: sort) }
        clientsView.members = members
        var clientOf: [String: String] = [:]
        clientOf.reserveCapacity(records.count)
        for (client, ids) in members { for id in ids { clientOf[id] = client } }
        clientsView.clientOf = clientOf
        applyClientFilter()
    }

    /// A poll's changes: only the rows of the clients they touched are made again and put in
    /// their places (a whole refresh of 10,000 clients was 300 ms, at every poll).
    mutating func updateClientRows(channels changed: Set<String>, clients changedClients: Set<String>) {
        guard !clientsView.rows.isEmpty || clientsView.members.isEmpty == false else { return refreshClientRows() }
        var touched = changedClients
        for id in changed {
            let old = clientsView.clientOf[id]
            let new = records[id]?.channel.resolvedClientId
            if let old { touched.insert(old) }
            if let new { touched.insert(new) }
            guard old != new else { continue }
            if let old { clientsView.members[old]?.removeAll { $0 == id } }
            if let new { clientsView.members[new, default: []].append(id) }
            clientsView.clientOf[id] = new
        }
        guard !touched.isEmpty else { return }
        let sort = clientsView.sort
        var rows = clientsView.rows.filter { !touched.contains($0.id) }
        for id in touched.sorted() where clients[id] != nil || !(clientsView.members[id] ?? []).isEmpty {
            let numbers = (clientsView.members[id] ?? []).compactMap { records[$0] }
            let row = ClientRow.make(id: id, numbers: numbers, client: clients[id], balance: balances[id])
            var lo = 0, hi = rows.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ClientRow.areInOrder(rows[mid], row, by: sort) { lo = mid + 1 } else { hi = mid }
            }
            rows.insert(row, at: lo)
        }
        clientsView.rows = rows
        applyClientFilter()
    }

    mutating func applyClientFilter() {
        let needle = Selectors.needle(clientsView.filter.field.text)
        clientsView.shown = needle.isEmpty ? Array(clientsView.rows.indices)
            : clientsView.rows.indices.filter { SearchFolding.contains(clientsView.rows[$0].searchBytes, needle) }
        if clientsView.selectedIndex == nil { clientsView.selection = firstShownClient }
        keepClientScroll()
    }

    mutating func keepClientScroll() {
        let page = max(1, layout.grid.height - 1)
        guard let i = clientsView.selectedIndex else { clientsView.scroll = 0; return }
        if i < clientsView.scroll { clientsView.scroll = i }
        if i >= clientsView.scroll + page { clientsView.scroll = i - page + 1 }
        clientsView.scroll = max(0, min(clientsView.scroll, max(0, clientsView.shown.count - page)))
    }

    /// The selected channel follows the selected client (its first number), for the commands.
    mutating func followClientSelection() -> [Effect] {
        keepClientScroll()
        guard let row = clientsView.selectedRow, let first = row.channelIds.first,
              row.channelIds.contains(selection ?? "") == false else { return [] }
        return select(first)
    }
}
