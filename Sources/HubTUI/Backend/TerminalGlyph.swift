/// Maps a grapheme cluster to what curses can draw in exactly the cells the layout gave it.
/// Curses measures with `wcwidth` per character; our layout measures per cluster (VS16 and ZWJ
/// sequences are two cells). Where the two disagree, draw the base character and pad, so a
/// card border never moves.
public enum TerminalGlyph {
    public struct Drawing: Equatable, Sendable {
        /// A spacing character followed by combining ones (at most 5 in all).
        public var scalars: [UInt32]
        /// The cell to the right must be written as a blank (curses thinks this is one cell wide).
        public var padRight: Bool
    }

    public static func drawing(for cluster: String, cells: Int, wcwidth: (UInt32) -> Int32) -> Drawing {
        let scalars = Array(cluster.unicodeScalars)
        guard let first = scalars.first else { return Drawing(scalars: [0x20], padRight: false) }
        let base = first.value
        let baseWidth = Int(wcwidth(base))
        guard baseWidth >= 1 else { return Drawing(scalars: [0xFFFD], padRight: cells == 2) }
        // Keep combining marks (width 0) after the base; drop joiners, selectors and further emoji.
        var out: [UInt32] = [base]
        for s in scalars.dropFirst() where out.count < 5 {
            let v = s.value
            if v == 0x200D || v == 0xFE0F || v == 0xFE0E { continue }
            if wcwidth(v) == 0, s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
                out.append(v)
            } else if s.properties.isEmoji || wcwidth(v) != 0 {
                break
            }
        }
        return Drawing(scalars: out, padRight: cells == 2 && baseWidth < 2)
    }
}

extension TerminalGlyph {
    /// What a cell shows on a terminal whose locale is not UTF-8 (LANG=C): the common symbols
    /// as the ASCII character nearest in meaning, in the same one cell, and "?" for the rest
    /// (a CJK character keeps its two cells as "??" via the right-hand pad). Currency symbols
    /// never get here: money is written with its ISO code in ASCII contexts (`RenderContext.money`).
    public static func ascii(_ cluster: String) -> String {
        if cluster.unicodeScalars.allSatisfy(\.isASCII) { return cluster }
        switch cluster {
        case "·", "•": return "."
        case "—", "–", "─", "━", "‐": return "-"
        case "│", "┃": return "|"
        case "╭", "╮", "╰", "╯", "┌", "┐", "└", "┘", "┼", "├", "┤", "┬", "┴": return "+"
        case "→", "▶", "›", "»": return ">"
        case "←", "◀", "‹", "«": return "<"
        case "↑", "▲": return "^"
        case "↓", "▼", "▾": return "v"
        case "…": return "."
        case "✓", "✔": return "+"
        case "✗", "✘", "×": return "x"
        case "●", "◆", "★": return "*"
        case "○", "◯": return "o"
        case "⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏": return "*"
        case "▏", "▕": return "|"
        case "“", "”", "„": return "\""
        case "‘", "’": return "'"
        default: return "?"
        }
    }
}
