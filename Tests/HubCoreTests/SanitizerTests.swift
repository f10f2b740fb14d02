import Testing
@testable import HubCore

@Suite struct SanitizerTests {
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
