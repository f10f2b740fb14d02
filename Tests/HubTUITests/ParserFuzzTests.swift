import HubConfig
import Foundation
import Testing
import HubCore
import HubSandbox
@testable import HubTUI

/// The theme and keymap parsers read the user's files through TOMLKit (C++), which
/// scripts/fuzz.sh cannot build alone; here they get generated and mutated inputs instead: every
/// one must give a value or a typed error, never a trap. Deterministic (a seeded generator).
@Suite struct ParserFuzzTests {
    static let pieces = ["[colors]", "[theme]", "[roles]", "name = \"x\"", "fg = 1", "bg = -1", "bold = true", "statusLive = { fg = 2 }",
                         "header = { fg = 300, bg = \"red\" }", "= =", "\"", "[[a]]", "x = [1, \"2\"]", "\u{1B}[2J", "ok = 1e400",
                         "quit = \"q\"", "quit = [\"q\", \"C-c\"]", "refresh = 5", "help = [\"F99\"]", "\u{0}", "é = 1", "#"]

    /// Up to `lines` lines drawn from `pieces`, one in `oneIn` with a scalar replaced by an ASCII one.
    static func mutated(_ rng: inout SeededRandom, from pieces: [String] = pieces, lines: Int = 12, oneIn: Int = 4) -> String {
        var out: [String] = []
        for _ in 0..<(1 + rng.int(lines)) {
            var line = pieces[rng.int(pieces.count)]
            if rng.int(oneIn) == 0, !line.isEmpty {
                var chars = Array(line.unicodeScalars)
                chars[rng.int(chars.count)] = Unicode.Scalar(UInt8(rng.int(128)))
                line = String(String.UnicodeScalarView(chars))
            }
            out.append(line)
        }
        return out.joined(separator: rng.int(3) == 0 ? "\r\n" : "\n")
    }

    @Test func themesNeverTrap() {
        var rng = SeededRandom(seed: 16)
        var errors = 0
        for i in 0..<3000 {
            let input = Self.mutated(&rng)
            do { _ = try Theme.parse(input, file: "t\(i).toml") } catch { errors += 1 }
        }
        #expect(errors > 0) // the generator does reach the error paths
    }

    /// Found by this generator: toml++ aborts the process on a table header starting with a
    /// character that cannot start a key. Refused before the parser sees it.
    @Test func tableHeadersThatAbortTheParserAreRefused() {
        for text in ["[\u{16}hem]", "[é]", "[a]\n[\u{7F}]", "[[ é ]]", "x = 1\n  [ \u{1}]", "[ui]\n[\nx = 1", "[[", "[ \r\n",
                     "a = [}]", "a = [1,}]", "a = [ # c\n}]", "a = { b = [}] }", "a = { b = ] }"] {
            #expect(throws: ThemeError.self) { try Theme.parse(text, file: "t.toml") }
        }
        #expect(TOMLPreflight.problem(in: "[roles]\nheader = { fg = 1 }\n[\"é\"]\n# é\n") == nil)
        #expect(TOMLPreflight.problem(in: "[keys]\r\nquit = [\"q\", \"]}\"] # }]\r\nx = '''a\n}]'''\r\ny = { a = [1, 2], b = { c = 3 } }\r\n") == nil)
    }

    @Test func keymapsNeverTrap() {
        var rng = SeededRandom(seed: 61)
        let actions = ["quit", "refresh", "help", "filter", "palette", "nonexistent", "", "\u{1B}"]
        for _ in 0..<3000 {
            var overrides: [String: [String]] = [:]
            for _ in 0..<rng.int(6) {
                let keys = (0..<rng.int(4)).map { _ in Self.pieces[rng.int(Self.pieces.count)] }
                overrides[actions[rng.int(actions.count)]] = keys
            }
            let map = Keymap(overrides: overrides, readOnly: rng.int(2) == 0)
            for w in map.warnings { #expect(!w.contains("\u{1B}"), "warnings are clean: \(w)") }
        }
    }
}

/// config.toml gets the same generated input, through a file as the app reads it.
@Suite struct ConfigFuzzTests {
    static let pieces = ["[connection]", "[ui]", "[keys]", "[database]", "api_key = \"k\"", "apikey = 1", "api_base = \"https://x/api/v2\"",
                         "partner_id = \"aPA\"", "payment_model = \"direct\"", "payment_model = 3", "read_only = true", "read_only = \"no\"",
                         "theme = [1]", "quit = [\"q\", 2]", "username = \"u\"", "password = \"p\"", "x.y = 1", "= 1", "[é]", "\u{16}", "\"", "#"]

    @Test func configFilesNeverTrap() throws {
        var rng = SeededRandom(seed: UInt64(ProcessInfo.processInfo.environment["PH_FUZZ_SEED"] ?? "") ?? 99)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfgfuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("config.toml").path
        var errors = 0, loaded = 0
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["PH_FUZZ_COUNT"] ?? "") ?? 1500) {
            let text = ParserFuzzTests.mutated(&rng, from: Self.pieces, lines: 8, oneIn: 5)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o600)
            do { _ = try ConfigFile.load(path: path); loaded += 1 } catch let e as ConfigFile.LoadError {
                errors += 1
                #expect(!e.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "clean: \(e.description)")
            }
        }
        #expect(errors > 0 && loaded > 0)
    }
}

extension SeededRandom {
    /// 0 ..< n (0 when n is 0).
    mutating func int(_ n: Int) -> Int { int(0...max(0, n - 1)) }
}
