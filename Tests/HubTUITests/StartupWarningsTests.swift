import Foundation
import Testing
import HubCore
@testable import HubTUI

/// Several start-up warnings (a keymap problem, a database moved aside, ...): each is kept in
/// the notification center, and the flash says how many there are instead of hiding all but one.
@Suite(.serialized) @MainActor struct StartupWarningsTests {
    @Test func everyStartupWarningIsKept() async throws {
        let warnings = ["keys.quit: \"F13\" is not a key", "partnerhub.sqlite was not a readable database; moved aside", "theme \"neon\" not found"]
        let h = try Harness(startupMessages: warnings)
        defer { Task { await h.stop() } }
        let first = await h.waitFor("3 start-up warnings")
        #expect(first.contains("3 start-up warnings: n shows them all"))
        #expect(h.app.state.notifications.history.filter { $0.level == .warning }.map(\.text).sorted() == warnings.sorted())
        await h.press("n")
        let center = await h.waitFor("moved aside")
        for w in warnings { #expect(center.contains(w.prefix(30)), "\(w) in the notification center") }
    }
}
