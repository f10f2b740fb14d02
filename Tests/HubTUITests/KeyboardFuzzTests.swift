import Foundation
import HubSandbox
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 26: random keys with dialogs open (2,000 in the suite; `scripts/keyboard-fuzz.sh` runs
/// 50,000): no crash, no hang, every frame renders, and in read-only not one change is asked for
/// (the random-key run that approved a request and toggled auto-approve 108 times).
@Suite struct KeyboardFuzzTests {
    static var events: Int { Int(ProcessInfo.processInfo.environment["PARTNERHUB_FUZZ_EVENTS"] ?? "") ?? 2_000 }

    /// Keys weighted toward what opens and drives dialogs: every command key, the dialog keys,
    /// text, and the escape sequences of the common terminals (through the real decoder).
    static let alphabet: [String] = {
        var keys = Keymap().bindings.values.flatMap { $0.map(\.name) }
        keys += ["enter", "enter", "esc", "tab", "tab", "backtab", "up", "down", "left", "right", "pgup", "pgdn", "home", "end",
                 "backspace", "delete", "space", "ctrl-u", "ctrl-w", "ctrl-k", "ctrl-a", "ctrl-e", "f1", "ctrl-p", "y", "n", "a", "1", "2", "3", "4"]
        keys += "abcxyzPA0123456789+/:?".map(String.init)
        return keys
    }()
    static let sequences = ["\u{1B}[1~", "\u{1B}[4~", "\u{1B}[3~", "\u{1B}[5~", "\u{1B}OH", "\u{1B}[Z", "\u{1B}[<0;3;4M", "\u{1B}[15~", "\u{1B}[99~"]

    func run(readOnly: Bool, seed: UInt64, events: Int) -> (mutations: [Mutation], frames: Int, withDialog: Int) {
        var rng = SeededRandom(seed: seed)
        var s = Fixtures.state(readOnly: readOnly)
        _ = reduce(&s, .resized(width: 100, height: 30))
        let context = RenderContext(glyphs: .unicode, monochrome: false, keymap: Keymap(readOnly: readOnly),
                                    themes: ["default"], timeZone: TimeZone(identifier: "UTC")!)
        var mutations: [Mutation] = []
        var frames = 0, withDialog = 0
        for i in 0..<events {
            if !s.dialogs.isEmpty || s.overlay != nil { withDialog += 1 }
            var keys: [Key]
            if Int.random(in: 0..<10, using: &rng) == 0 {
                let seq = Self.sequences[Int.random(in: 0..<Self.sequences.count, using: &rng)]
                keys = CursesTerminal.keys(from: seq.unicodeScalars.map { (false, $0.value) })
            } else {
                keys = [Key(Self.alphabet[Int.random(in: 0..<Self.alphabet.count, using: &rng)])]
            }
            // Now and then the screen size changes, down to a tiny terminal.
            if i % 97 == 0 { keys.append(Key("resize")); _ = reduce(&s, .resized(width: [40, 80, 100, 120][i / 97 % 4], height: [12, 24, 30, 40][i / 97 % 4])) }
            for key in keys where key.name != "resize" {
                for action in KeyRouter.route(key, state: s, context: context) {
                    if case .quit = action { continue } // keep going
                    for effect in reduce(&s, action) {
                        if case .mutate(let request) = effect { mutations.append(request.mutation) }
                    }
                }
            }
            if i % 25 == 0 {
                _ = Screen.render(s, width: s.layout.width, height: s.layout.height, context: context)
                frames += 1
            }
        }
        return (mutations, frames, withDialog)
    }

    @Test func readOnlyRandomKeysAskForNoChange() {
        let started = Date()
        let (mutations, frames, withDialog) = run(readOnly: true, seed: 26, events: Self.events)
        #expect(mutations.isEmpty, "read-only asked for: \(mutations.prefix(5))")
        #expect(frames > 0 && withDialog > Self.events / 10, "dialogs and overlays were open for \(withDialog) of \(Self.events) keys")
        #expect(Date().timeIntervalSince(started) < 120, "no hang")
    }

    @Test func randomKeysWithDialogsOpenNeverTrap() {
        // Not read-only: changes may be asked for (each one typed or confirmed); it must not
        // crash or hang, and nothing irreversible goes out without its typed confirmation.
        let (mutations, frames, withDialog) = run(readOnly: false, seed: 7, events: Self.events)
        #expect(frames > 0 && withDialog > Self.events / 10, "dialogs were open for \(withDialog) of \(Self.events) keys")
        let irreversible = mutations.filter { if case .requestRefund = $0 { return true }; if case .submitPartnerChange = $0 { return true }; return false }
        #expect(irreversible.isEmpty, "random keys typed a number or a Partner ID: \(irreversible)")
    }
}
