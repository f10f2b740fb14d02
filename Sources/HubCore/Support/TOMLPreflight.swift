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
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            for s in raw.unicodeScalars where (s.value < 0x20 && s != "\t" && s != "\r") || s.value == 0x7F {
                return Problem(line: line, message: "control character U+\(hex(s.value)) is not allowed in TOML")
            }
            var rest = Substring(raw).drop { $0 == " " || $0 == "\t" }
            guard rest.first == "[" else { continue }
            rest = rest.dropFirst()
            if rest.first == "[" { rest = rest.dropFirst() }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.unicodeScalars.first, first != "]" else { continue }
            let bare = (first.value < 0x80 && (first.properties.isAlphabetic || ("0"..."9").contains(first))) || first == "_" || first == "-"
            if !bare && first != "\"" && first != "'" {
                return Problem(line: line, message: "a table name must start with a letter, a digit, _, - or a quote (not \"\(Character(first).isASCII ? String(first) : "U+" + hex(first.value))\")")
            }
        }
        return nil
    }

    static func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}
