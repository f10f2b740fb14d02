import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 29: the live overview (`O`): every number counted once by state, what waits, the last
/// hour; ←→ and Enter show a state's cards.
@Suite struct OverviewTests {
    func route(_ key: String, _ s: inout AppState) {
        for a in KeyRouter.route(Key(key), state: s, context: Fixtures.context) { _ = reduce(&s, a) }
    }

    @Test func everyNumberCountsOnceAndTheBarFillsTheWidth() {
        let s = Fixtures.state()
        let o = s.overview
        #expect(o.counts.map(\.count).reduce(0, +) + o.other == o.total && o.total == s.records.count)
        for seg in o.counts {
            #expect(seg.count == s.records.values.filter { Overview.state(of: $0) == seg.state }.count)
        }
        #expect(OverviewView.widths([5, 0, 1, 94], width: 40).reduce(0, +) == 40)
        #expect(OverviewView.widths([5, 0, 1, 94], width: 40)[2] == 1, "a state with numbers is never invisible")
        #expect(OverviewView.widths([0, 0], width: 40) == [0, 0])
    }

    @Test func enterOnAStateShowsItsCards() {
        var s = Fixtures.state()
        route("O", &s)
        #expect(s.overlay == .overview)
        route("right", &s)
        route("right", &s) // Live -> Pending -> Error
        route("enter", &s)
        #expect(s.overlay == nil && s.stateFilter == .error)
        #expect(s.visible.allSatisfy { s.records[$0].map { StateFilter.error.matches($0) } ?? false })
        route("O", &s)
        route("O", &s)
        #expect(s.overlay == nil, "its own key closes it")
    }

    @Test func theLastHourCountsNotificationsIn5MinuteSteps() {
        var s = Fixtures.state()
        for (i, age) in [10.0, 20, 400, 3500, 4000].enumerated() {
            _ = reduce(&s, .notify(HubNotification(id: "n\(i)", level: .info, time: Fixtures.now - age, text: "x")))
        }
        #expect(s.overview.lastHour.reduce(0, +) == 4 && s.overview.lastHour[11] == 2 && s.overview.lastHour[10] == 1 && s.overview.lastHour[0] == 1)
    }

    @Test(arguments: [(80, 24), (120, 40)]) func overviewGoldens(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        _ = reduce(&s, .notify(HubNotification(id: "a", level: .info, time: Fixtures.now - 60, text: "+4930609859535 (Shop Support) is live")))
        route("O", &s)
        route("right", &s)
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: Fixtures.context), "overview-\(size.0)x\(size.1)")
    }
}
