import Foundation
import Testing
@testable import HubCore

/// What the live engine polls is derived from the state (one selector) and told once per
/// change, focus first; nothing else keeps a copy (issue 27: "visible/focused held once").
extension StoreTests {
    static func watches(_ effects: [Effect]) -> [Interest] {
        effects.compactMap { if case .watch(let i) = $0 { i } else { nil } }
    }

    @Test func theEngineIsToldWhatTheScreenShows() {
        var s = loaded()
        // The three cards are on screen; none is known to be partner-paid: all three balances
        // and funds are watched, the selected card's client first.
        #expect(s.watching == Interest(clients: ["aCL", "mCL", "zCL"], focused: "mCL", funds: ["1CH", "2CH", "3CH"]))
        // Told once: a tick changes nothing on screen, so nothing is told.
        #expect(Self.watches(reduce(&s, .tick(testNow + 1))).isEmpty)
        // A move changes the focus only, and the `.watch` comes before the details' requests.
        _ = reduce(&s, .details(.open))
        let moved = reduce(&s, .grid(.select(channelId: "3CH")))
        #expect(Self.watches(moved) == [Interest(clients: ["aCL", "mCL", "zCL"], focused: "zCL", funds: ["1CH", "2CH", "3CH"])])
        if case .watch? = moved.first {} else { Issue.record("the focus is told first: \(moved)") }
        _ = reduce(&s, .details(.close))
        // Too small for any card: the balances stay watched as they were (they come back as
        // they were when the screen grows), not dropped and asked again.
        let tiny = reduce(&s, .resized(width: 12, height: 5))
        #expect(Self.watches(tiny).allSatisfy { $0.clients == ["aCL", "mCL", "zCL"] })
        #expect(s.watching.clients == ["aCL", "mCL", "zCL"])
        _ = reduce(&s, .resized(width: 110, height: 20))
        // A client known to be partner-paid shows no balance: not watched.
        var partnerPaid = clients
        partnerPaid[1].paymentModel = .partner
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: partnerPaid, channels: s.records.values.map(\.channel), asOf: testNow + 2, fromCache: false))
        #expect(!s.watching.clients.contains("mCL") && !s.watching.funds.contains("2CH"), "\(s.watching)")
    }
}
