import Foundation

/// Text from the API on its way to a terminal: control characters and escape sequences are
/// removed, so a company name cannot move the cursor or retitle the window.
public enum Sanitizer {
    public static func terminalSafe(_ text: String) -> String {
        var needsWork = false
        for s in text.unicodeScalars where isUnsafe(s) { needsWork = true; break }
        guard needsWork else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            if s == "\u{1B}" || s == "\u{9B}" {
                skipEscape(after: s, &scalars)
                continue
            }
            if s == "\n" || s == "\t" || s == "\r" { out.append(" "); continue }
            if isUnsafe(s) { continue }
            out.append(s)
        }
        return String(out)
    }

    /// Server text for one line of output (stderr, the header, a log line): terminal-safe and
    /// at most `max` characters, cut with an ellipsis.
    public static func oneLine(_ text: String, max: Int = 200) -> String {
        let safe = withoutCredentials(terminalSafe(text))
        guard safe.count > max else { return safe }
        return String(safe.prefix(Swift.max(0, max - 1))) + "…"
    }

    /// Any URL's user and password (`https://u:pw@host`, `postgres://agent:pw@db`) as `***`: an
    /// error that quotes a URL never prints the secret in it (stderr, the log, `info`).
    public static func withoutCredentials(_ text: String) -> String {
        guard text.contains("@"), text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // The authority ends at "/", "?", "#" or white space; userinfo ends at its last "@".
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" || $0.isWhitespace } ?? rest.endIndex
            if let at = rest[..<end].lastIndex(of: "@") {
                out += "***"
                rest = rest[at...]
            }
        }
        return out + rest
    }

    /// JSON text for a terminal, with the same meaning: C1 controls, bidi controls and line
    /// separators inside strings are written as `\uXXXX` escapes (JSONEncoder escapes C0 only),
    /// so a machine reads the same strings and a terminal shows no reordering or escapes.
    public static func terminalSafeJSON(_ data: Data) -> Data {
        guard let text = String(data: data, encoding: .utf8) else { return data }
        var needsWork = false
        for s in text.unicodeScalars where s.value >= 0x80 && isUnsafe(s) { needsWork = true; break }
        guard needsWork else { return data }
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            if s.value >= 0x80 && isUnsafe(s) { out += String(format: "\\u%04X", s.value) } else { out.unicodeScalars.append(s) }
        }
        return Data(out.utf8)
    }

    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        // Bidi controls that could reorder what follows on the line.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return true }
        // Line and paragraph separators break a line where a terminal or a log reader does not expect it.
        if v == 0x2028 || v == 0x2029 { return true }
        return false
    }

    /// Drops the rest of an ESC/CSI sequence: CSI up to its final byte, OSC/DCS up to BEL or ST.
    private static func skipEscape(after first: Unicode.Scalar, _ it: inout String.UnicodeScalarView.Iterator) {
        var kind: Unicode.Scalar? = first == "\u{9B}" ? "[" : it.next()
        if kind == nil { return }
        switch kind! {
        case "[":
            while let c = it.next() { if (0x40...0x7E).contains(c.value) { return } }
        case "]", "P", "X", "^", "_":
            var prevEsc = false
            while let c = it.next() {
                if c == "\u{07}" { return }
                if prevEsc && c == "\\" { return }
                prevEsc = c == "\u{1B}"
            }
        default:
            kind = nil // two-byte sequence: ESC + one character, already consumed
        }
    }
}
