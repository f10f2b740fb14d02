import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Details as text (`D`, Features/DetailsText): the Copy details text in a dialog, to select
/// with the terminal; `c` copies it only when the agent allowed OSC 52.
@Suite struct DetailsTextTests {
    static let sizes = [(80, 24), (120, 40)]

    func state(clipboard: Bool, size: (Int, Int) = (120, 40)) -> AppState {
        var env = Fixtures.environment
        env.clipboard = clipboard
        var s = Fixtures.state(environment: env)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        return s
    }

    func press(_ key: String, _ s: inout AppState) -> [Effect] {
        KeyRouter.route(Key(key), state: s, context: Fixtures.context).flatMap { reduce(&s, $0) }
    }

    @Test(arguments: sizes) func theDialog(_ size: (Int, Int)) {
        var s = state(clipboard: true, size: size)
        _ = press("D", &s)
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: Fixtures.context), "dialog-details-text-\(size.0)x\(size.1)")
    }

    @Test func showsTheCopyDetailsTextAndCopiesOnlyWhenAllowed() throws {
        var s = state(clipboard: false)
        let record = try #require(s.selectedRecord)
        #expect(press("D", &s).isEmpty)
        let d = try #require(s.dialogs.top)
        guard case .text(let t) = d.body else { Issue.record("not a text: \(d.body)"); return }
        #expect(t.paragraphs == CopyDetails.text(record, s).split(separator: "\n").map(String.init))
        #expect(t.paragraphs.first == "Number: \(record.phone)", "people first")
        // Copying off: nothing reaches the terminal; the dialog says how to turn it on.
        #expect(reduce(&s, .dialog(.key(.insert("c")))).isEmpty)
        #expect(s.dialogs.top?.notice?.text.contains("osc52_clipboard = true") == true)
        #expect(!DialogKeys.hints(s.dialogs.top!).contains { $0.key == "c" }, "no c in the footer while it cannot copy")

        var on = state(clipboard: true)
        _ = press("D", &on)
        #expect(DialogKeys.hints(on.dialogs.top!).first?.key == "c")
        let effects = reduce(&on, .dialog(.key(.insert("c"))))
        guard case .copyToClipboard(let text)? = effects.first else { Issue.record("nothing copied: \(effects)"); return }
        #expect(text.value == CopyDetails.text(record, on))
        _ = reduce(&on, .dialog(.key(.escape)))
        #expect(on.dialogs.isEmpty)
    }

    @Test func nothingSelectedSaysSo() {
        var s = AppState(mode: .sandbox, now: Fixtures.now, environment: Fixtures.environment)
        #expect(reduce(&s, .open(.detailsText)).isEmpty && s.dialogs.isEmpty)
        #expect(s.notifications.flash?.text == "No number selected to show.")
    }

    @MainActor @Test func inTheApp() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.press("D")
        let screen = await h.waitFor("Channel ID:")
        #expect(screen.contains("Details ·") && screen.contains("Hosting Platform Type:"))
        await h.press("esc")
        await h.waitFor("closed") { !$0.contains("Channel ID:") }
        #expect(h.app.state.dialogs.isEmpty)
    }
}
