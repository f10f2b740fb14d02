import Foundation
import Testing
@testable import HubTUI
import HubCore

/// Issue 26: keys of the common terminals that ncurses leaves undecoded (their terminfo entry
/// does not list them under the TERM in use) arrive as ESC and text. Home as `ESC [ 1 ~` was read
/// as Esc plus "[1~": a form closed with its input. Every sequence is its key; unknown ones are
/// swallowed, never an Esc.
@Suite struct KeyDecoderTests {
    static let esc = "\u{1B}"

    /// What each terminal sends, by key (xterm in normal and application mode, rxvt, screen and
    /// tmux, the Linux console, PuTTY in its default ESC [n~ mode and in its xterm mode).
    static let terminals: [String: [(String, String)]] = [
        "xterm": [("home", "[H"), ("end", "[F"), ("home", "OH"), ("end", "OF"), ("insert", "[2~"), ("delete", "[3~"),
                  ("pgup", "[5~"), ("pgdn", "[6~"), ("up", "[A"), ("down", "[B"), ("right", "[C"), ("left", "[D"),
                  ("up", "OA"), ("down", "OB"), ("right", "OC"), ("left", "OD"), ("backtab", "[Z"),
                  ("f1", "OP"), ("f2", "OQ"), ("f3", "OR"), ("f4", "OS"), ("f5", "[15~"), ("f6", "[17~"), ("f7", "[18~"),
                  ("f8", "[19~"), ("f9", "[20~"), ("f10", "[21~"), ("f11", "[23~"), ("f12", "[24~"),
                  // modifiers: Ctrl-Home, Shift-End, Ctrl-Up, Ctrl-Delete, Shift-F1, Ctrl-F5
                  ("home", "[1;5H"), ("end", "[1;2F"), ("up", "[1;5A"), ("delete", "[3;5~"), ("f1", "[1;2P"), ("f5", "[15;5~"), ("enter", "OM")],
        "rxvt": [("home", "[7~"), ("end", "[8~"), ("insert", "[2~"), ("delete", "[3~"), ("pgup", "[5~"), ("pgdn", "[6~"),
                 ("f1", "[11~"), ("f2", "[12~"), ("f3", "[13~"), ("f4", "[14~"), ("f5", "[15~"), ("f12", "[24~"),
                 ("home", "[7^"), ("end", "[8$"), ("home", "[7@"), ("up", "[a"), ("left", "Od")],
        "screen": [("home", "[1~"), ("end", "[4~"), ("insert", "[2~"), ("delete", "[3~"), ("pgup", "[5~"), ("pgdn", "[6~"),
                   ("f1", "OP"), ("f4", "OS"), ("f5", "[15~"), ("up", "OA"), ("down", "[B")],
        "linux": [("home", "[1~"), ("end", "[4~"), ("insert", "[2~"), ("delete", "[3~"), ("pgup", "[5~"), ("pgdn", "[6~"),
                  ("f1", "[[A"), ("f2", "[[B"), ("f3", "[[C"), ("f4", "[[D"), ("f5", "[[E"), ("f6", "[17~"), ("f12", "[24~")],
        "putty": [("home", "[1~"), ("end", "[4~"), ("insert", "[2~"), ("delete", "[3~"), ("pgup", "[5~"), ("pgdn", "[6~"),
                  ("f1", "[11~"), ("f4", "[14~"), ("f5", "[15~"), ("f10", "[21~"), ("up", "OA"), ("left", "[D")],
    ]

    func decode(_ text: String) -> [Key] {
        CursesTerminal.keys(from: text.unicodeScalars.map { (false, $0.value) })
    }

    @Test(arguments: ["xterm", "rxvt", "screen", "linux", "putty"])
    func everySequenceIsItsKeyNeverEsc(_ terminal: String) {
        for (name, seq) in Self.terminals[terminal] ?? [] {
            #expect(decode(Self.esc + seq).map(\.name) == [name], "\(terminal): ESC \(seq)")
            // In a batch with typing around it, as a fast typist or a paste sends it.
            #expect(decode("ab" + Self.esc + seq + "c").map(\.description) == ["paste", name, "c"], "\(terminal): ESC \(seq) inside text")
        }
    }

    /// Generated input: every sequence of every terminal, joined in a random order with text,
    /// decodes to exactly its keys, and never to an Esc.
    @Test func generatedMixesDecodeExactly() {
        var rng = SystemRandomNumberGenerator()
        let all = Self.terminals.values.flatMap { $0 }
        for _ in 0..<500 {
            let picks = (0..<Int.random(in: 1...6, using: &rng)).map { _ in all.randomElement(using: &rng)! }
            let text = picks.map { Self.esc + $0.1 + "x" }.joined()
            let keys = decode(text).map(\.name)
            #expect(keys == picks.flatMap { [$0.0, "x"] }, "\(text.debugDescription)")
            #expect(!keys.contains("esc"))
        }
    }

    @Test func unknownSequencesAreSwallowedAndEscStaysEsc() {
        for seq in ["[99~", "[?1;2c", "[<2;10;5M", "[<64;3m", "[1;5X", "[>0;95;0c", "Oz"] {
            #expect(decode(Self.esc + seq).isEmpty, "ESC \(seq)")
        }
        #expect(decode(Self.esc).map(\.name) == ["esc"])
        #expect(decode(Self.esc + Self.esc).map(\.name) == ["esc", "esc"])
        // Esc and a key typed right after it in one read are both kept (Esc, then ? for help).
        #expect(decode(Self.esc + "?").map(\.name) == ["esc", "?"])
        // The bracketed paste still wins.
        #expect(decode(Self.esc + "[200~hi" + Self.esc + "[201~").map(\.pasted) == ["hi"])
    }
}

/// The reproduction of issue 26 through the real app: Home and End as PuTTY, rxvt, screen and
/// tmux send them no longer close a form with its input, leave the wizard, or clear the filter.
@Suite(.serialized) @MainActor struct UndecodedKeysFlowTests {
    static let esc = "\u{1B}"

    @Test func homeAndEndKeepTheFormTheWizardAndTheFilter() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        // The main screen's filter.
        await h.press("/")
        await h.type("acme")
        for seq in ["[1~", "[4~", "[7~", "[8~", "OH", "OF", "[H", "[F"] { await h.pressRaw(Self.esc + seq) }
        #expect(h.app.state.filterText == "acme" && h.app.state.filterEditing, "the filter is kept")
        await h.pressRaw(Self.esc + "[1~")
        await h.type("x") // Home put the cursor first: typed text goes in front
        #expect(h.app.state.filterText == "xacme")
        await h.press("esc")
        await h.press("esc")

        // The Add user form with a typed name.
        await h.press(":")
        await h.type("users")
        await h.press("enter")
        await h.waitFor("team members")
        await h.press("a")
        await h.waitFor("Add user")
        await h.type("Zoë")
        for seq in ["[1~", "[4~", "[2~", "[5~", "[6~", "[99~", "[<0;5;5M"] { await h.pressRaw(Self.esc + seq) }
        let s = await h.waitFor("Add user")
        #expect(h.app.state.dialogs.top?.isOwned(by: AddUserForm.self) == true, "the form is still open")
        #expect(h.app.state.dialogs.top?.form?["name"]?.textValue == "Zoë", "the typed name is kept: \(s)")

        // Esc over the typed name asks first; the second discards it; the third closes Users.
        await h.press("esc")
        #expect(h.app.state.dialogs.top?.isOwned(by: AddUserForm.self) == true && h.app.state.dialogs.top?.notice?.text.contains("Esc again discards") == true)
        await h.press("esc", "esc")
        #expect(h.app.state.dialogs.isEmpty)

        // The wizard stays open.
        await h.select("acme1CH")
        await h.press("c")
        await h.waitFor("Destination Partner ID")
        await h.type("manual")
        await h.pressRaw(Self.esc + "[4~")
        await h.pressRaw(Self.esc + "[1~")
        await h.waitFor("Destination Partner ID")
        #expect(h.app.state.dialogs.top?.form?["partner_id"]?.textValue == "manual")
    }
}
