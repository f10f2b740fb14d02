import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 26: under LANG=C, € ¥ · — arrows and box drawing became "?". Money is written with its
/// ISO code and every glyph has an ASCII stand-in of the same width; goldens of what the
/// terminal shows at 80x24 and 120x40.
@Suite struct AsciiLocaleTests {
    static let context = RenderContext(glyphs: .ascii, monochrome: false, keymap: Keymap(),
                                       themes: ["default"], timeZone: TimeZone(identifier: "UTC")!)

    /// What a non-UTF-8 terminal draws: each cell through the backend's ASCII mapping.
    static func asTerminal(_ buf: CellBuffer) -> String {
        var lines: [String] = []
        for y in 0..<buf.height {
            var line = ""
            for x in 0..<buf.width {
                let cell = buf[x, y]
                line += cell.isContinuation ? "?" : TerminalGlyph.ascii(cell.text)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: [(80, 24), (120, 40)]) func cardsAndDetailsInASCII(_ size: (Int, Int)) throws {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        var text = Self.asTerminal(Screen.render(s, width: size.0, height: size.1, context: Self.context))
        #expect(!text.contains("€") && !text.contains("$?") && text.contains(" EUR") , "money with ISO codes")
        _ = reduce(&s, .details(.open))
        text += Self.asTerminal(Screen.render(s, width: size.0, height: size.1, context: Self.context))
        // Only text from the data (CJK, Arabic names) may still be "?": no symbol of ours is.
        for symbol in ["€", "¥", "·", "—", "→", "▶", "╭", "│", "✓", "…"] { #expect(!text.contains(symbol)) }
        var golden = CellBuffer(width: size.0, height: size.1)
        for (y, line) in Self.asTerminal(Screen.render(s, width: size.0, height: size.1, context: Self.context)).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            golden.put(String(line), x: 0, y: y, style: Style(.normal))
        }
        Golden.check(golden, "lang-c-details-\(size.0)x\(size.1)")
    }

    @Test func theMappingKeepsOneCell() {
        for (glyph, ascii) in [("·", "."), ("—", "-"), ("→", ">"), ("↑", "^"), ("✓", "+"), ("✗", "x"), ("╭", "+"), ("│", "|"), ("中", "?"), ("a", "a")] {
            #expect(TerminalGlyph.ascii(glyph) == ascii, "\(glyph)")
        }
        #expect(Self.context.money(Money(minorUnits: 5000, currency: .eur)) == "50.00 EUR")
    }
}
