/// Terminal cell width of text, measured per grapheme cluster: CJK and emoji take two cells,
/// VS16 (⚠️) counts wide, ZWJ sequences (👩‍🔬) are one wide glyph, combining marks add nothing.
/// Pure Swift, so the same text measures the same in tests, the CLI and the TUI.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }
        if v < 0x300 { return 1 } // fast path: Latin, most punctuation
        // Fast path for what the screen itself draws (box lines, bullets, arrows, dots): one
        // cell, without two property lookups per cell of every frame (`narrowSymbols`).
        if narrowSymbols.contains(where: { $0.contains(v) }), scalars.count == 1 { return 1 }
        if scalars.count > 1 {
            for s in scalars where s.value == 0xFE0F || s.value == 0x200D { return 2 }
            if (0x1F1E6...0x1F1FF).contains(v) { return 2 } // flag: regional indicator pair
        }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if first.properties.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    public static func of(_ s: some StringProtocol) -> Int {
        var w = 0
        for u in s.unicodeScalars {
            guard isOneCell(u) else { return characterWidths(s) }
            if u.value >= 0x20 && u.value != 0x7F { w += 1 }
        }
        return w
    }

    static func characterWidths(_ s: some StringProtocol) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// A scalar that is a character of its own and one cell wide (or an ASCII control: none):
    /// nothing combines with anything below U+0300 or in `narrowSymbols`. Text made only of
    /// these is measured and drawn scalar by scalar, without grapheme breaking (most of a frame).
    public static func isOneCell(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return true }
        if v >= 0xA0 && v < 0x300 { return true }
        return narrowSymbols.contains { $0.contains(v) }
    }

    /// One cell each, and neither marks, format characters nor emoji: dashes, quotes, bullets
    /// and the ellipsis; arrows; box drawing, blocks and geometric shapes up to U+25FC (U+25FD
    /// and U+25FE are emoji). A test checks every scalar here against the general rules.
    public static let narrowSymbols: [ClosedRange<UInt32>] = [0x2010...0x2027, 0x2190...0x21FF, 0x2500...0x25FC]

    /// East Asian Wide and Fullwidth ranges (Unicode 15, abridged to what occurs in names).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts `text` to at most `width` cells, ending with `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let ew = of(ellipsis)
        guard width > ew else { return String(repeating: ".", count: width) }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - ew { break }
            out.append(c)
            used += w
        }
        return out + ellipsis
    }

    /// `text` cut or padded with spaces to exactly `width` cells.
    public static func fit(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        let t = truncate(text, to: width, ellipsis: ellipsis)
        return t + String(repeating: " ", count: max(0, width - of(t)))
    }
}
