import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// The runtime's step: the implicit tick before an action keeps its effects (issue 27: they
/// were dropped, so the live engine was not told what a thawed order put on screen).
@Suite struct ClockStepTests {
    @Test func aThawedOrderTellsTheLiveEngineWhatIsOnScreen() throws {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: 80, height: 24))
        s.sort = .number
        s.reorder(resort: true)
        // A key freezes the order (htop); meanwhile a number at the bottom, of a client not on
        // screen, gets a number that sorts first: it would move to the top, but the order holds.
        _ = reduce(&s, .grid(.move(.down)))
        let frozen = try #require(s.orderFrozenUntil)
        let shown = s.watching.clients
        let far = try #require(s.visible.reversed().compactMap { s.records[$0] }.first {
            !shown.contains($0.channel.resolvedClientId ?? "")
        })
        var changed = far.channel
        changed.setupInfo?.phoneNumber = "+1000000001"
        _ = reduce(&s, .snapshotChanged(partner: nil, clients: ListDelta(), channels: ListDelta(upserted: [changed]), asOf: s.now))
        #expect(s.watching.clients == shown, "still frozen: the same cards")
        // The next action comes after the thaw: the tick before it reorders, and its `.watch` goes out.
        let before = s.watching
        let effects = TUIApp.step(&s, .flash(.info, "x"), now: frozen.addingTimeInterval(1))
        guard case .watch(let interest)? = effects.first else { Issue.record("no watch: \(effects)"); return }
        #expect(interest == s.watching && interest != before, "what the thawed order shows")
        #expect(s.visible.first == far.id)
    }
}

