import Foundation
import HubCore
import TOMLKit

/// `config.toml` (read by the executable; here beside the keymap and themes it configures, and
/// where the tests can feed it generated input). Every table and key is checked against the schema below: a wrong type, an
/// unknown key or table (with the key it probably meant), or an invalid value is an error naming
/// the file, the line and the key (exit 2). Secrets (api_key, password) are only read from a
/// file nobody else can read.
public struct ConfigFile: Sendable {
    public var apiBase: String?
    public var partnerId: String?
    public var apiKey: String?
    public var username: String?
    public var password: String?
    /// `[connection] payment_model`: "direct" or "partner" (the partner account's, reference §14).
    public var paymentModel: String?
    public var theme: String?
    public var readOnly = false
    /// `[ui] osc52_clipboard`: copy (a new API key) with OSC 52. Off by default: a terminal
    /// that allows it lets any program write the clipboard, so the agent decides.
    public var osc52Clipboard = false
    /// `[ui] mouse`: clicks select, double click opens details, the wheel scrolls. On by default.
    public var mouse = true
    /// `[database] url`: the team's PostgreSQL (docs/team.md); nil: this agent's own SQLite.
    public var databaseURL: String?
    /// `[keys]`: action name -> keys.
    public var keys: [String: [String]] = [:]

    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    enum Kind {
        case string, bool
    }

    /// The tables, their keys and what each holds.
    static let schema: [String: [String: Kind]] = [
        "connection": ["api_base": .string, "partner_id": .string, "api_key": .string, "username": .string,
                       "password": .string, "payment_model": .string],
        "ui": ["theme": .string, "read_only": .bool, "osc52_clipboard": .bool, "mouse": .bool],
        "database": ["url": .string],
        "keys": [:], // any action name; its value is checked
    ]

    public static func load(path: String) throws -> ConfigFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LoadError(description: "\(path): cannot be read (it must be UTF-8 text)")
        }
        if let p = TOMLPreflight.problem(in: text) { throw LoadError(description: "\(path):\(p.line): \(p.message)") }
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw LoadError(description: "\(path):\(e.source.begin.line): \(Sanitizer.oneLine(e.description, max: 200))")
        } catch {
            throw LoadError(description: "\(path): not valid TOML")
        }
        let lines = SourceLines(text)
        var problems: [String] = []
        func problem(_ table: String?, _ key: String, _ what: String) {
            let line = lines.line(of: key, in: table).map { ":\($0)" } ?? ""
            problems.append("\(path)\(line): \(table.map { "\($0)." } ?? "")\(Sanitizer.oneLine(key, max: 60)): \(what)")
        }

        var c = ConfigFile()
        for (name, value) in table {
            guard let keys = schema[name] else {
                problem(nil, name, "unknown " + (value.type == .table ? "table" : "key") + suggestion(name, among: Array(schema.keys)))
                continue
            }
            guard let sub = value.table else {
                problem(nil, name, "must be a table ([\(name)])")
                continue
            }
            for (key, v) in sub {
                if name == "keys" {
                    if let one = v.string { c.keys[key] = [one] }
                    else if let many = v.array, many.allSatisfy({ $0.string != nil }) { c.keys[key] = many.compactMap { $0.string } }
                    else { problem(name, key, "must be a key or a list of keys (strings), not \(v.type)") }
                    continue
                }
                guard let kind = keys[key] else {
                    problem(name, key, "unknown key" + suggestion(key, among: Array(keys.keys)))
                    continue
                }
                switch kind {
                case .string:
                    guard let s = v.string else { problem(name, key, "must be a string, not \(v.type)"); continue }
                    if s.trimmingCharacters(in: .whitespaces).isEmpty { problem(name, key, "is empty"); continue }
                    switch key {
                    case "api_base": c.apiBase = s
                    case "partner_id": c.partnerId = s
                    case "api_key": c.apiKey = s
                    case "username": c.username = s
                    case "password": c.password = s
                    case "payment_model":
                        if PaymentModel(rawValue: s.lowercased()).isKnown { c.paymentModel = s } else { problem(name, key, "must be \"direct\" or \"partner\"") }
                    case "theme": c.theme = s
                    case "url": c.databaseURL = s
                    default: break
                    }
                case .bool:
                    guard let b = v.bool else { problem(name, key, "must be true or false, not \(v.type)"); continue }
                    if key == "read_only" { c.readOnly = b }
                    if key == "osc52_clipboard" { c.osc52Clipboard = b }
                    if key == "mouse" { c.mouse = b }
                }
            }
        }
        if c.username != nil, c.password == nil { problem("connection", "password", "missing: username needs a password") }
        if c.password != nil, c.username == nil { problem("connection", "username", "missing: password needs a username") }
        if !problems.isEmpty { throw LoadError(description: problems.joined(separator: "\n")) }
        // A database URL with a password in it is a secret too.
        let urlHasPassword = c.databaseURL.flatMap { URLComponents(string: $0)?.password } != nil
        if c.apiKey != nil || c.password != nil || urlHasPassword {
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                throw LoadError(description: "\(path) holds a secret and others can read it; run: chmod 600 \(path)")
            }
        }
        return c
    }

    /// ", did you mean api_key?" for a typo of a known key (apikey, api-key, Api_Key, api_kye).
    static func suggestion(_ key: String, among known: [String]) -> String {
        func squash(_ s: String) -> String { s.lowercased().filter { $0.isLetter || $0.isNumber } }
        let best = known.map { ($0, distance(squash(key), squash($0))) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let (name, d) = best, d <= 2 else { return " (known: \(known.sorted().joined(separator: ", ")))" }
        return ", did you mean \(name)?"
    }

    /// Levenshtein distance, for suggestions between short names.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var prev = row[0]
            row[0] = i
            for j in 1...b.count {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }
}

/// Where a key is written, for messages (TOMLKit gives values, not positions).
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The 1-based line of `key = ...` inside `[table]` (nil table: the top level, or a table header).
    func line(of key: String, in table: String?) -> Int? {
        var current: String?
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: "#").first.map(String.init)?
                    .trimmingCharacters(in: .whitespaces)
                if table == nil, name == key { return i + 1 }
                current = name
                continue
            }
            guard current == table else { continue }
            let lhs = line.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if lhs == key || lhs == "\"\(key)\"" { return i + 1 }
        }
        return nil
    }
}
