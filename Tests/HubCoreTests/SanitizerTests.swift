import Testing
@testable import HubCore

@Suite struct SanitizerTests {
    /// Issue 28: a URL's user and password never reach stderr, the log or the screen.
    @Test func credentialsInURLsAreMasked() {
        #expect(Sanitizer.withoutCredentials("GET https://agent:pa55@hub.example/api/v2 failed") == "GET https://***@hub.example/api/v2 failed")
        #expect(Sanitizer.withoutCredentials("postgres://ana:x@y@db:5432/ph and http://u@h") == "postgres://***@db:5432/ph and http://***@h")
        #expect(Sanitizer.withoutCredentials("mail ops@acme.example, see https://hub.example/a@b") == "mail ops@acme.example, see https://hub.example/a@b")
        #expect(Sanitizer.oneLine("timeout at http://u:secret@127.0.0.1:9/x").contains("secret") == false)
    }

    @Test func removesEscapeSequencesAndControls() {
        #expect(Sanitizer.terminalSafe("Acme\u{1B}[2J\u{1B}[H Corp") == "Acme Corp")
        #expect(Sanitizer.terminalSafe("\u{1B}]0;pwned\u{07}Shop") == "Shop")
        #expect(Sanitizer.terminalSafe("\u{1B}]8;;http://x\u{1B}\\link") == "link")
        #expect(Sanitizer.terminalSafe("bell\u{07}\u{08}") == "bell")
        #expect(Sanitizer.terminalSafe("a\nb\tc") == "a b c")
        #expect(Sanitizer.terminalSafe("\u{9B}31mred") == "red")
        #expect(Sanitizer.terminalSafe("rtl\u{202E}txet") == "rtltxet")
    }

    @Test func keepsUnicodeText() {
        for s in ["Café Müller", "北京科技", "شركة الأمل", "👩‍🔬 Lab", "⚠️"] {
            #expect(Sanitizer.terminalSafe(s) == s)
        }
    }
}

/// The fast path of `DisplayWidth.of` for the screen's own symbols gives what the general
/// rules give, for every scalar it covers.
@Suite struct DisplayWidthFastPathTests {
    @Test func everyNarrowSymbolIsOneCellByTheGeneralRules() {
        var checked = 0
        for range in DisplayWidth.narrowSymbols {
            for v in range {
                guard let s = Unicode.Scalar(v) else { continue }
                let p = s.properties
                let mark = [.nonspacingMark, .enclosingMark, .format].contains(p.generalCategory)
                #expect(!mark && !p.isEmojiPresentation && !DisplayWidth.isWide(v) && !Sanitizer.isUnsafe(s), "U+\(String(v, radix: 16))")
                #expect(DisplayWidth.of(Character(s)) == 1)
                checked += 1
            }
        }
        #expect(checked > 300)
        // Strings measured scalar by scalar give what measuring them character by character gives,
        // with combining marks, emoji, CJK, controls and the symbols mixed in.
        let pool: [String] = ["a", "Z", " ", "\t", "\r\n", "é", "e\u{301}", "─", "│", "•", "…", "→", "中", "🌮", "👍🏽", "\u{200D}", "ß", "ø", "\u{7F}", "▏", "◽"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pool.randomElement(using: &rng)! }.joined()
            #expect(DisplayWidth.of(s) == DisplayWidth.characterWidths(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Next to the ranges: the emoji squares and a combining mark on a box line are not one cell.
        #expect(DisplayWidth.of(Character("\u{25FD}")) == 2)
    }
}
