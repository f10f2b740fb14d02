import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 26: the refund dialog at 40x12 overwrote its own title and hid the plan, yet could
/// arm. Too small says so and never arms; at 80x24 and up it works as before.
@Suite struct SmallRefundTests {
    @Test func tooSmallSaysSoAndNeverArms() async throws {
        let d = DialogSnapshotTests()
        var s = try await d.scenarioState((40, 12))
        _ = reduce(&s, .grid(.select(channelId: "acme3CH")))
        _ = reduce(&s, .open(.refund))
        _ = reduce(&s, .fundsLoaded(s.funds["acme3CH"]!))
        let text = d.render(s, (40, 12)).text
        #expect(text.contains("Too small: enlarge the terminal"), "\(text)")
        Golden.check(d.render(s, (40, 12)), "dialog-refund-40x12")
        var effects: [Effect] = []
        for k: EditKey in [.insert("0000"), .pageDown, .pageDown, .pageDown, .enter] { effects += reduce(&s, .dialog(.key(k))) }
        #expect(!effects.contains { if case .mutate = $0 { return true } else { return false } }, "never armed")
    }
}
