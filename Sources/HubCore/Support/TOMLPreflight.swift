/// Checks a TOML text for what the TOML parser we use (toml++ in TOMLKit) does not survive:
/// found by fuzzing, a table header whose name starts with a character that cannot start a key
/// (`[é]`, `[` + a control character) trips an assertion and aborts the whole process. TOML
/// forbids control characters (but tab and line ends) everywhere, so those are refused too.
/// Run before handing user files (config.toml, themes) to the parser.
public enum TOMLPreflight {
    public struct Problem: Hashable, Sendable {
        public let line: Int
        public let message: String
    }

    public static func problem(in text: String) -> Problem? {
        var line = 1
        // Split per scalar: "\r\n" is one Character, so a Character split would miss CRLF lines.
        for scalars in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let raw = Substring(String(String.UnicodeScalarView(scalars)))
            defer { line += 1 }
            for s in raw.unicodeScalars where (s.value < 0x20 && s != "\t" && s != "\r") || s.value == 0x7F {
                return Problem(line: line, message: "control character U+\(hex(s.value)) is not allowed in TOML")
            }
            var rest = Substring(raw).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            // `[` alone on its line (found by fuzzing too): the parser reads the line end as a key.
            guard let first = rest.unicodeScalars.first else {
                return Problem(line: line, message: "a table header needs a name: [name]")
            }
            if first == "]" { continue }
            let bare = (first.value < 0x80 && (first.properties.isAlphabetic || ("0"..."9").contains(first))) || first == "_" || first == "-"
            if !bare && first != "\"" && first != "'" {
                let shown = first.value > 0x20 && first.value < 0x7F ? String(first) : "U+" + hex(first.value)
                return Problem(line: line, message: "a table name must start with a letter, a digit, _, - or a quote (not \(shown))")
            }
        }
        return brackets(in: text)
    }

    /// A closing bracket of the wrong kind inside a value (`[1, }]`, `{ a = ] }`): toml++ asserts
    /// on it (found by fuzzing). Strings and comments are skipped; table headers are the line check's.
    static func brackets(in text: String) -> Problem? {
        var stack: [Unicode.Scalar] = []
        var inValue = false, header = false, comment = false
        var quote: Unicode.Scalar? = nil, triple = false, escaped = false
        var line = 1
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            defer { i += 1 }
            if c == "\n" {
                line += 1
                comment = false
                header = false
                if quote != nil && !triple { quote = nil } // an unclosed string: the parser says so
                if stack.isEmpty { inValue = false }
                continue
            }
            if comment || header { continue }
            if let q = quote {
                if escaped { escaped = false; continue }
                if c == "\\" && q == "\"" { escaped = true; continue }
                if c == q {
                    if triple {
                        if i + 2 < s.count, s[i + 1] == q, s[i + 2] == q { quote = nil; triple = false; i += 2 }
                    } else { quote = nil }
                }
                continue
            }
            switch c {
            case "#": comment = true
            case "\"", "'":
                quote = c
                if i + 2 < s.count, s[i + 1] == c, s[i + 2] == c { triple = true; i += 2 }
            case "=": if stack.isEmpty { inValue = true }
            case "[":
                if inValue || !stack.isEmpty { stack.append(c) } else { header = true }
            case "{": stack.append(c)
            case "]":
                if stack.last == "{" { return Problem(line: line, message: "] where a } closes an inline table") }
                if !stack.isEmpty { stack.removeLast() }
            case "}":
                if stack.last == "[" { return Problem(line: line, message: "} where a ] closes an array") }
                if !stack.isEmpty { stack.removeLast() }
            default: break
            }
        }
        return nil
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
