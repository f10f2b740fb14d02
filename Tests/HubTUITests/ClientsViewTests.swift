import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// The clients view and group-by-client (issue 12): the reducer, the keys, golden frames and
/// the view in the running app.
@Suite struct ClientsViewReducerTests {
    static func state(size: (Int, Int) = (120, 40)) -> AppState {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        return s
    }

    func route(_ s: inout AppState, _ keys: String...) {
        for k in keys {
            for a in KeyRouter.route(Key(k), state: s, context: Fixtures.context) { _ = reduce(&s, a) }
        }
    }

    @Test func oneRowPerClientWithItsCountsAndTheSelectionFollows() throws {
        var s = Self.state()
        route(&s, "C")
        #expect(s.mainView == .clients)
        let rows = s.clientsView.rows
        #expect(Set(rows.map(\.id)) == Set(s.clients.keys))
        // The counts add up to the cards, and each row's numbers are that client's.
        #expect(rows.reduce(0) { $0 + $1.numbers } == s.records.count)
        for row in rows {
            #expect(row.numbers == s.records.values.filter { $0.channel.resolvedClientId == row.id }.count)
            #expect(row.needingAction == s.records.values.filter { $0.channel.resolvedClientId == row.id && $0.needsAction }.count)
            #expect(row.directPayment == (s.clients[row.id]?.isDirectPayment ?? false))
            if !row.directPayment { #expect(row.balance == nil) }
        }
        // Needs action first: never a client with fewer needing action above one with more.
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.needingAction >= $1.needingAction })
        route(&s, "j")
        let second = try #require(s.clientsView.selectedRow)
        #expect(second.id == rows[s.clientsView.shown[1]].id)
        // The selected number is the client's first: max channels acts on this client.
        #expect(s.selectedClientId == second.id)
        route(&s, "M")
        #expect(s.dialogs.top?.owned(by: MaxChannelsForm.self)?.clientId == second.id)
    }

    @Test func filterAndSortAreTheCardsKeys() throws {
        var s = Self.state()
        route(&s, "C")
        let target = try #require(s.clientsView.rows.last)
        let word = String(target.company.split(separator: " ").first ?? "")
        route(&s, "/")
        #expect(KeyRouter.takesText(s))
        for ch in word { route(&s, String(ch)) }
        #expect(!s.clientsView.shown.isEmpty)
        #expect(s.clientsView.shown.allSatisfy { SearchFolding.fold(s.clientsView.rows[$0].company).contains(SearchFolding.fold(word)) || s.clientsView.rows[$0].id.contains(word) })
        route(&s, "enter", "esc")
        #expect(s.clientsView.filter.field.text.isEmpty && s.mainView == .clients)
        route(&s, "s")
        #expect(s.clientsView.sort == .company)
        let names = s.clientsView.rows.map { SearchFolding.fold($0.company) }
        #expect(names == names.sorted())
        route(&s, "s", "s")
        #expect(s.clientsView.sort == .balance)
        let balances = s.clientsView.rows.compactMap { $0.balance?.minorUnits }
        #expect(balances == balances.sorted())
        route(&s, "esc")
        #expect(s.mainView == .cards)
    }

    @Test func enterShowsTheClientsNumbersAndEscComesBackWithTheFilterAsItWas() throws {
        var s = Self.state()
        _ = reduce(&s, .filter(.set("a")))
        _ = reduce(&s, .filter(.commit))
        let cardsFilter = s.filterText
        route(&s, "C")
        let row = try #require(s.clientsView.rows.first { $0.numbers > 1 })
        _ = reduce(&s, .clients(.select(clientId: row.id)))
        route(&s, "enter")
        #expect(s.mainView == .cards && s.clientScope == row.id)
        #expect(Set(s.visible) == Set(row.channelIds) && s.filterText.isEmpty)
        #expect(s.selection.map(row.channelIds.contains) == true)
        Golden.check(Screen.render(s, width: 120, height: 40, context: Fixtures.context), "clients-one-client-cards-120x40")
        route(&s, "esc")
        #expect(s.mainView == .clients && s.clientScope == nil && s.clientsView.selection == row.id)
        route(&s, "C")
        #expect(s.mainView == .cards && s.filterText == cardsFilter)
    }

    /// A poll while the view is shown updates only the rows it touched, and they come out as a
    /// whole refresh would make them, in the same places.
    @Test func aPollUpdatesTheTouchedRowsAsAFullRefreshWould() throws {
        var s = Self.state()
        _ = reduce(&s, .clients(.toggle))
        let rows = s.clientsView.rows
        let from = try #require(rows.first { $0.numbers > 2 })
        let to = try #require(rows.last { $0.id != from.id })
        // One number moves to another client, one changes its status, one client's balance moves.
        var moved = try #require(s.records[from.channelIds[0]]?.channel)
        moved.clientId = to.id
        moved.client = s.clients[to.id].map { ChannelClient(id: $0.id, name: $0.name) } ?? moved.client
        var renamed = try #require(s.records[from.channelIds[1]]?.channel)
        renamed.accountMode = renamed.accountMode == .live ? nil : .live
        _ = reduce(&s, .snapshotChanged(partner: nil, clients: ListDelta(), channels: ListDelta(upserted: [moved, renamed]), asOf: Fixtures.now + 1))
        let direct = try #require(rows.first { $0.directPayment })
        _ = reduce(&s, .balanceLoaded(clientId: direct.id, ClientBalance(currency: .usd, balance: Money(minorUnits: -500, currency: .usd))))
        var fresh = s
        fresh.refreshClientRows()
        #expect(s.clientsView.rows == fresh.clientsView.rows)
        #expect(s.clientsView.rows.first { $0.id == to.id }?.channelIds.contains(moved.id) == true)
        #expect(s.clientsView.rows.first { $0.id == direct.id }?.balance?.minorUnits == -500)
    }

    @Test func groupByClientKeepsAClientsNumbersTogether() {
        var s = Self.state()
        route(&s, "b")
        #expect(s.groupByClient)
        // Every client's cards are one run in the order.
        var seen = Set<String>(), last: String?
        for id in s.visible {
            let c = s.records[id]?.channel.resolvedClientId ?? ""
            if c != last { #expect(!seen.contains(c), "client \(c) appears in two places"); seen.insert(c); last = c }
        }
        // Within a client, the sort key still applies: needs action first.
        let groups = Dictionary(grouping: s.visible, by: { s.records[$0]?.channel.resolvedClientId ?? "" })
        for (_, ids) in groups {
            let flags = ids.map { s.records[$0]!.needsAction }
            #expect(flags == flags.sorted { $0 && !$1 })
        }
        // A change to one card keeps the groups (the incremental insert uses the same order).
        let id = s.visible[3]
        var ch = s.records[id]!.channel
        ch.setupInfo?.phoneName = "Renamed"
        _ = reduce(&s, .snapshotChanged(partner: nil, clients: ListDelta(), channels: ListDelta(upserted: [ch], removed: []), asOf: Fixtures.now + 1))
        #expect(s.visible == Selectors.sortedIDs(s.records, by: s.sort, grouped: true))
        route(&s, "b")
        #expect(!s.groupByClient && s.visible == Selectors.sortedIDs(s.records, by: s.sort))
    }
}

@Suite struct ClientsViewSnapshotTests {
    @Test(arguments: DialogSnapshotTests.sizes) func clientsViewAndGroupedCards(_ size: (Int, Int)) {
        var s = ClientsViewReducerTests.state(size: size)
        _ = reduce(&s, .clients(.toggle))
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: Fixtures.context), "clients-view-\(size.0)x\(size.1)")
        _ = reduce(&s, .clients(.filter(.begin)))
        _ = reduce(&s, .clients(.filter(.edit(.insert("gmbh")))))
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: Fixtures.context), "clients-view-filtered-\(size.0)x\(size.1)")
        _ = reduce(&s, .clients(.filter(.clear)))
        _ = reduce(&s, .clients(.toggle))
        _ = reduce(&s, .grid(.toggleGroupByClient))
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: Fixtures.context), "cards-grouped-by-client-\(size.0)x\(size.1)")
    }
}

@Suite(.serialized) @MainActor struct ClientsViewFlowTests {
    @Test func browseClientsOpenOneAndComeBack() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.press("C")
        var s = await h.waitFor("Company legal name")
        #expect(s.contains("Clients") && s.contains("Partner payload"))
        let row = try #require(h.app.state.clientsView.rows.first { $0.numbers > 0 })
        await h.press("/")
        await h.type(row.id)
        s = await h.waitFor("1 of")
        await h.press("enter", "enter")
        s = await h.waitFor("WhatsApp Accounts ·")
        #expect(Set(h.app.state.visible) == Set(row.channelIds))
        await h.press("esc")
        s = await h.waitFor("Company legal name")
        #expect(h.app.state.clientsView.selection == row.id)
        await h.press("C")
        await h.waitFor("WhatsApp Accounts") { !$0.contains("Company legal name") }
        #expect(h.app.state.visible.count == h.app.state.records.count)
    }
}
