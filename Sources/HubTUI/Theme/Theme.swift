import Foundation
import HubCore
import TOMLKit

/// How roles look: colours (−1 = the terminal's default) and attributes.
public struct Paint: Hashable, Sendable {
    public var fg: Int = -1
    public var bg: Int = -1
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false

    public init(fg: Int = -1, bg: Int = -1, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }
}

public struct ThemeError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let key: String?
    public let message: String

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let key { s += ": \(key)" }
        return s + ": " + message
    }
}

/// A theme file (`themes/*.toml`, user themes in `$XDG_CONFIG_HOME/partnerhub/themes/`).
public struct Theme: Sendable {
    public let name: String
    /// Colours the theme uses: 256, 16, 8 or 0 (mono).
    public let colors: Int
    public let paints: [Role: Paint]

    public var isMonochrome: Bool { colors == 0 }

    public func paint(_ role: Role) -> Paint { paints[role] ?? paints[.normal] ?? Paint() }

    static let colorNames: [String: Int] = [
        "default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "gray": 8, "grey": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11, "bright-blue": 12,
        "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    static func roleKey(_ r: Role) -> String {
        var out = ""
        for c in r.rawValue { if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) } }
        return out
    }

    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let lines = text.components(separatedBy: "\n")
        func lineOf(_ key: String) -> Int? {
            lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + " ") || $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + "=") }.map { $0 + 1 }
        }
        if let p = TOMLPreflight.problem(in: text) { throw ThemeError(file: file, line: p.line, key: nil, message: p.message) }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw ThemeError(file: file, line: e.source.begin.line, key: nil, message: e.description)
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, message: "not valid TOML")
        }
        let name = table["name"]?.string ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let colors = table["colors"]?.int ?? 256
        guard [0, 8, 16, 256].contains(colors) else { throw ThemeError(file: file, line: lineOf("colors"), key: "colors", message: "must be 0, 8, 16 or 256") }
        guard let roles = table["roles"]?.table else { throw ThemeError(file: file, line: nil, key: "roles", message: "a [roles] table is required") }
        let known = Dictionary(uniqueKeysWithValues: Role.allCases.map { (roleKey($0), $0) })
        var paints: [Role: Paint] = [:]
        for (key, value) in roles {
            guard let role = known[key] else { throw ThemeError(file: file, line: lineOf(key), key: "roles.\(key)", message: "unknown role") }
            guard let spec = value.table else { throw ThemeError(file: file, line: lineOf(key), key: "roles.\(key)", message: "expected { fg = ..., bg = ..., bold = true }") }
            var p = Paint()
            for (attr, v) in spec {
                let where_ = "roles.\(key).\(attr)"
                switch attr {
                case "fg", "bg":
                    let c: Int
                    if let n = v.int, (0...255).contains(n) { c = n }
                    else if let s = v.string, let n = colorNames[s.lowercased()] { c = n }
                    else { throw ThemeError(file: file, line: lineOf(key), key: where_, message: "colour must be a name (red, bright-blue, default ...) or 0-255") }
                    if colors != 256 && c > 15 { throw ThemeError(file: file, line: lineOf(key), key: where_, message: "colour \(c) needs colors = 256") }
                    if attr == "fg" { p.fg = c } else { p.bg = c }
                case "bold", "dim", "reverse", "underline":
                    guard let b = v.bool else { throw ThemeError(file: file, line: lineOf(key), key: where_, message: "must be true or false") }
                    switch attr {
                    case "bold": p.bold = b
                    case "dim": p.dim = b
                    case "reverse": p.reverse = b
                    default: p.underline = b
                    }
                default:
                    throw ThemeError(file: file, line: lineOf(key), key: where_, message: "unknown attribute (fg, bg, bold, dim, reverse, underline)")
                }
            }
            paints[role] = p
        }
        return Theme(name: name, colors: colors, paints: paints)
    }

    /// The same theme for a terminal with fewer colours: 256 -> 16 by nearest colour, 16 -> 8
    /// by dropping brightness (keeping it as bold), 0 -> attributes only.
    public func adapted(toColors available: Int) -> Theme {
        if available >= colors { return self }
        let mapped = paints.mapValues { p -> Paint in
            var q = p
            if available == 0 {
                q.fg = -1
                q.bg = -1
                if p.bg >= 0 && p.bg != 0 { q.reverse = true }
                return q
            }
            q.fg = ColorDowngrade.map(p.fg, to: available)
            q.bg = ColorDowngrade.map(p.bg, to: available)
            if available == 8 && p.fg >= 8 && p.fg < 16 { q.bold = true }
            if q.fg >= 0 && q.fg == q.bg { q.fg = q.bg == 0 ? 7 : 0 } // never invisible
            return q
        }
        return Theme(name: name, colors: available, paints: mapped)
    }

    public static let monochromeFallback: Theme = (try? parse(BuiltinThemes.sources["mono"] ?? "", file: "mono.toml"))
        ?? Theme(name: "mono", colors: 0, paints: [:])
}

enum ColorDowngrade {
    /// xterm-256 index -> RGB.
    static func rgb(_ i: Int) -> (Int, Int, Int) {
        let base16 = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                      (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if i < 16 { return base16[i] }
        if i >= 232 { let v = 8 + (i - 232) * 10; return (v, v, v) }
        let n = i - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[n / 36], steps[(n / 6) % 6], steps[n % 6])
    }

    static func map(_ c: Int, to available: Int) -> Int {
        guard c >= 0 else { return -1 }
        if available >= 256 || (available >= 16 && c < 16) { return c }
        if available == 8 && c < 16 { return c % 8 }
        let (r, g, b) = rgb(c)
        let candidates = available >= 16 ? 0..<16 : 0..<8
        return candidates.min { a, b2 in dist(rgb(a), (r, g, b)) < dist(rgb(b2), (r, g, b)) } ?? 7
    }

    static func dist(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 3 + dg * dg * 4 + db * db * 2
    }
}

/// Finds themes: the bundled ones, then the user's directory (a user theme of the same name wins).
public struct ThemeStore: Sendable {
    public let userDirectory: String?

    public init(userDirectory: String?) { self.userDirectory = userDirectory }

    public var names: [String] {
        var all = Set(BuiltinThemes.sources.keys)
        if let dir = userDirectory, let files = try? FileManager.default.contentsOfDirectory(atPath: dir) {
            for f in files where f.hasSuffix(".toml") { all.insert(String(f.dropLast(5))) }
        }
        return all.sorted()
    }

    /// The theme, or the default and the reason it was not used.
    public func load(_ name: String) -> (theme: Theme, error: ThemeError?) {
        if let dir = userDirectory {
            let path = dir + "/" + name + ".toml"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                do { return (try Theme.parse(text, file: path), nil) } catch { return (fallback, error) }
            }
        }
        guard let text = BuiltinThemes.sources[name] else {
            return (fallback, ThemeError(file: name, line: nil, key: nil, message: "no such theme (\(names.joined(separator: ", ")))"))
        }
        do { return (try Theme.parse(text, file: "themes/\(name).toml"), nil) } catch { return (fallback, error) }
    }

    var fallback: Theme {
        (try? Theme.parse(BuiltinThemes.sources["default"] ?? "", file: "themes/default.toml")) ?? Theme.monochromeFallback
    }
}
