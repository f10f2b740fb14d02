import HubConfig
import Foundation
import HubCore
import Testing
@testable import HubTUI

/// Issue 26: the mouse as xterm reports it (SGR 1006, and X10 where ncurses leaves it undecoded):
/// a click selects, a double click opens details, the wheel scrolls, tabs and buttons click.
@Suite struct MouseDecoderTests {
    static let esc = "\u{1B}"

    func decode(_ text: String) -> [Key] {
        CursesTerminal.keys(from: text.unicodeScalars.map { (false, $0.value) })
    }

    @Test func sgrReportsAreMouseEventsInZeroBasedCells() {
        #expect(decode(Self.esc + "[<0;10;5M").map(\.mouse) == [MouseEvent(.press, x: 9, y: 4)])
        #expect(decode(Self.esc + "[<0;10;5m").map(\.mouse) == [MouseEvent(.release, x: 9, y: 4)])
        #expect(decode(Self.esc + "[<64;3;4M").map(\.mouse) == [MouseEvent(.wheelUp, x: 2, y: 3)])
        #expect(decode(Self.esc + "[<65;3;4M").map(\.mouse) == [MouseEvent(.wheelDown, x: 2, y: 3)])
        // Ctrl/Shift/Alt bits on the left button are still the left button.
        #expect(decode(Self.esc + "[<16;1;1M").map(\.mouse) == [MouseEvent(.press, x: 0, y: 0)])
        // Right and middle buttons, motion and the horizontal wheel: swallowed, never typed.
        for seq in ["[<2;5;5M", "[<1;5;5M", "[<32;5;5M", "[<35;5;5M", "[<66;5;5M", "[<0;5M"] {
            #expect(decode(Self.esc + seq).isEmpty, "ESC \(seq)")
        }
        // Among typing: the text around it is kept.
        #expect(decode("ab" + Self.esc + "[<0;2;3Mc").map(\.description) == ["paste", "mouse", "c"])
    }

    @Test func x10ReportsAreMouseEventsNotTypedText() {
        func x10(_ b: Int, _ x: Int, _ y: Int) -> String {
            Self.esc + "[M" + String(UnicodeScalar(UInt8(32 + b))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        #expect(decode(x10(0, 9, 4)).map(\.mouse) == [MouseEvent(.press, x: 9, y: 4)])
        #expect(decode(x10(3, 9, 4)).map(\.mouse) == [MouseEvent(.release, x: 9, y: 4)])
        #expect(decode(x10(64, 0, 0)).map(\.mouse) == [MouseEvent(.wheelUp, x: 0, y: 0)])
        #expect(decode(x10(65, 0, 0) + "q").map(\.name) == ["mouse", "q"])
        // Cut short (the rest in the next read): swallowed, never "[M" typed.
        #expect(decode(Self.esc + "[M ").isEmpty)
    }

    /// Under TERM=xterm-256color the terminfo's kmous is `\E[<`: ncurses returns KEY_MOUSE for
    /// those three bytes and hands over the rest of the report as text (seen on this machine).
    @Test func theRestOfAReportAfterKeyMouseIsTheReportNotTypedText() {
        let keyMouse = CursesTerminal.keyMouseCode
        let tail = "0;10;5M".unicodeScalars.map { (false, $0.value) }
        #expect(CursesTerminal.keys(from: [(true, keyMouse)] + tail).map(\.mouse) == [MouseEvent(.press, x: 9, y: 4)])
        let wheel = "65;1;2Mq".unicodeScalars.map { (false, $0.value) }
        #expect(CursesTerminal.keys(from: [(true, keyMouse)] + wheel).map(\.name) == ["mouse", "q"])
        // Where kmous is `\E[` (some entries), the "<" comes too; X10 where it is `\E[M`.
        let withLess = "<0;1;1m".unicodeScalars.map { (false, $0.value) }
        #expect(CursesTerminal.keys(from: [(true, keyMouse)] + withLess).map(\.mouse) == [MouseEvent(.release, x: 0, y: 0)])
        let x10 = " !!".unicodeScalars.map { (false, $0.value) }
        #expect(CursesTerminal.keys(from: [(true, keyMouse)] + x10).map(\.mouse) == [MouseEvent(.press, x: 0, y: 0)])
    }

    @Test func aSecondPressOnTheSameCellSoonIsADoubleClick() {
        var c = ClickCounter()
        #expect(c.count(MouseEvent(.press, x: 3, y: 3), at: 10).clicks == 1)
        #expect(c.count(MouseEvent(.press, x: 3, y: 3), at: 10.2).clicks == 2)
        #expect(c.count(MouseEvent(.press, x: 3, y: 3), at: 10.3).clicks == 1, "a third press starts again")
        #expect(c.count(MouseEvent(.press, x: 4, y: 3), at: 10.4).clicks == 1, "another cell")
        #expect(c.count(MouseEvent(.press, x: 4, y: 3), at: 11.0).clicks == 1, "too slow")
        #expect(c.count(MouseEvent(.wheelDown, x: 4, y: 3), at: 11.1).clicks == 1)
    }

    @Test func configTurnsTheMouseOff() throws {
        let path = NSTemporaryDirectory() + "ph-mouse-\(UUID().uuidString).toml"
        try "[ui]\nmouse = false\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ConfigFile.load(path: path)?.mouse == false)
        try "[ui]\ntheme = \"default\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ConfigFile.load(path: path)?.mouse == true, "on by default")
    }
}

/// The mouse through the real app: where the agent clicks on what is drawn.
@Suite(.serialized) @MainActor struct MouseFlowTests {
    /// Where `text` is drawn (its first cell), read from the screen as the agent sees it.
    func position(of text: String, in h: Harness) -> (x: Int, y: Int)? {
        for (y, line) in h.screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: text) { return (DisplayWidth.of(String(line[..<r.lowerBound])), y) }
        }
        return nil
    }

    func click(_ text: String, _ h: Harness, clicks: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) async {
        guard let p = position(of: text, in: h) else {
            Issue.record("\"\(text)\" is not on screen:\n\(h.screen)", sourceLocation: sourceLocation)
            return
        }
        h.terminal.press([Key(mouse: MouseEvent(.press, x: p.x, y: p.y, clicks: clicks)), Key(mouse: MouseEvent(.release, x: p.x, y: p.y))])
        await h.idle()
    }

    func wheel(_ down: Bool, at p: (x: Int, y: Int), _ h: Harness) async {
        h.terminal.press([Key(mouse: MouseEvent(down ? .wheelDown : .wheelUp, x: p.x, y: p.y))])
        await h.idle()
    }

    @Test func clickSelectsDoubleClickOpensDetailsTabsClickAndTheWheelScrolls() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme1CH")
        await h.press("esc") // every card again, the selection kept
        // A click on another card's number selects that card, by ID.
        await click("+49307654321", h)
        #expect(h.app.state.selection == "acme2CH")
        #expect(!h.app.state.detailsOpen, "one click only selects")
        // A double click opens its details.
        await click("+49305550000", h, clicks: 2)
        let (third, open) = (h.app.state.selection, h.app.state.detailsOpen)
        #expect(third == "acme3CH" && open)
        await h.waitFor("Show details")
        // Tabs click.
        await click("3 Billing", h)
        #expect(h.app.state.detailTab == .billing)
        let focused = h.app.state.detailsFocused
        #expect(focused, "a click in the details gives it the keyboard")
        await click("1 Overview", h)
        #expect(h.app.state.detailTab == .overview)
        // The wheel over the details scrolls them, over the cards it moves the selection.
        let layoutDetails = h.app.state.layout.details
        let details = try #require(layoutDetails)
        await wheel(true, at: (details.x + 5, details.y + 6), h)
        #expect(h.app.state.details.scroll > 0)
        await wheel(false, at: (details.x + 5, details.y + 6), h)
        #expect(h.app.state.details.scroll == 0)
        await click("+49301234567", h)
        let (selection, focusedAfter) = (h.app.state.selection, h.app.state.detailsFocused)
        #expect(selection == "acme1CH" && !focusedAfter, "the keyboard follows the click to the cards")
        let before = h.app.state.selection
        await wheel(true, at: (2, 4), h)
        #expect(h.app.state.selection != before, "the wheel moves the selection")
        // Help scrolls with the wheel; a click on nothing does nothing.
        await h.press("esc", "?")
        await h.waitFor("Help")
        await wheel(true, at: (10, 10), h)
        #expect(h.app.state.overlayScroll == MouseRouter.wheelLines)
        await h.press("esc")
    }

    @Test func buttonsClickAndATypedConfirmStillNeedsItsText() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme1CH")
        await h.press("R")
        await h.waitFor("Refund account funds?")
        // Confirm clicked with nothing typed: says what to type, refunds nothing.
        await click("Refund 55.00 EUR", h)
        var s = await h.waitFor("doesn't match")
        #expect(h.app.state.dialogs.top != nil && s.contains("Refund account funds?"))
        #expect(try await h.engine.refunds(channelId: "acme1CH").isEmpty)
        // A click outside the dialog does nothing.
        h.terminal.press([Key(mouse: MouseEvent(.press, x: 0, y: 3))])
        await h.idle()
        #expect(h.screen.contains("Refund account funds?"))
        // Typed, then the click confirms.
        await h.type("4567")
        await click("Refund 55.00 EUR", h)
        s = await h.waitFor("The API answered")
        #expect(try await h.engine.refunds(channelId: "acme1CH").count == 1)
        await click("OK", h)
        #expect(h.app.state.dialogs.isEmpty)

        // A form's submit button checks every field, as Enter on the last one does.
        await h.press("U")
        await h.waitFor("team members")
        await h.press("a")
        await h.waitFor("Add user")
        await click("Review", h)
        s = await h.waitFor("to fix")
        #expect(h.app.state.dialogs.top?.isOwned(by: AddUserForm.self) == true)
        await h.type("Mia Maus")
        await h.press("tab")
        await h.type("mia@partner.example")
        await click("Review", h)
        await h.waitFor("Add this user?")
        let users = try await h.engine.users().count
        await click("Cancel", h)
        #expect(!h.screen.contains("Add this user?"))
        #expect(try await h.engine.users().count == users, "Cancel clicked: nobody added")
    }
}
