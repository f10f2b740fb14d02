import Foundation
import Testing
import HubCore
@testable import HubTUI

@Suite struct DisplayWidthTests {
    @Test func perGraphemeCluster() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)       // decomposed é
        #expect(DisplayWidth.of("中") == 2)
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("⚠️") == 2)            // VS16 counts wide
        #expect(DisplayWidth.of("⚠") == 1)
        #expect(DisplayWidth.of("👩‍🔬") == 2)            // ZWJ sequence is one glyph
        #expect(DisplayWidth.of("🇩🇪") == 2)
        #expect(DisplayWidth.of("شركة") == 4)
        #expect(DisplayWidth.of("北京 Shop") == 9)
    }

    @Test func truncation() {
        #expect(DisplayWidth.truncate("Hello world", to: 8) == "Hello w…")
        #expect(DisplayWidth.truncate("Hello world", to: 8, ellipsis: "...") == "Hello...")
        #expect(DisplayWidth.truncate("北京星辰科技", to: 7) == "北京星…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("北京星辰科技", to: 6)) <= 6)
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.fit("ab", to: 4) == "ab  ")
    }
}

@Suite struct CellBufferTests {
    @Test func wideGlyphsTakeTwoCellsAndClip() {
        var b = CellBuffer(width: 6, height: 1)
        let end = b.put("a中b", x: 0, y: 0)
        #expect(end == 4)
        #expect(b[1, 0].text == "中" && b[2, 0].isContinuation)
        // A wide glyph that would cross the edge is not drawn half.
        var c = CellBuffer(width: 3, height: 1)
        c.put("ab中", x: 0, y: 0)
        #expect(c.text == "ab")
        // Overwriting half of a wide glyph blanks the other half.
        b.put("x", x: 2, y: 0)
        #expect(b[1, 0].text == " " && !b[2, 0].isContinuation && b[2, 0].text == "x")
    }

    /// ASCII takes the byte-by-byte path: the same cells, controls dropped, clipped, starting
    /// off-screen, and blanking the other half of a wide glyph it overwrites.
    @Test func asciiTextLandsCellByCell() {
        var b = CellBuffer(width: 8, height: 2)
        #expect(b.put("ab\u{07}c\r\nd\u{7F}e", x: 1, y: 0, maxWidth: 4) == 5)
        #expect(b.text.hasPrefix(" abcd\n"))
        #expect(b.put("xyz", x: -1, y: 1) == 2 && b[0, 1].text == "y" && b[1, 1].text == "z")
        b.put("中", x: 4, y: 1)
        b.put("q", x: 5, y: 1)
        #expect(b[4, 1].text == " " && b[5, 1].text == "q" && !b[5, 1].isContinuation)
        #expect(b.put("toolong", x: 6, y: 0) == 8 && b.text.hasPrefix(" abcd to"))
    }

    @Test func diffFindsOnlyChangedCells() {
        var a = CellBuffer(width: 10, height: 3)
        a.put("hello", x: 0, y: 1)
        var b = a
        b.put("j", x: 0, y: 1)
        #expect(b.diff(from: a).map { [$0.x, $0.y] } == [[0, 1]])
        #expect(b.diff(from: nil).count == 30)
        #expect(b.diff(from: CellBuffer(width: 5, height: 3)).count == 30)
    }

    @Test func oneCardChangeRedrawsLittle() {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: 200, height: 60))
        _ = reduce(&s, .grid(.move(.right))) // the agent is looking: the order is frozen
        let before = Screen.render(s, width: 200, height: 60, context: Fixtures.context)
        var channels = s.records.values.map(\.channel)
        let i = channels.firstIndex { $0.id == s.visible[3] }!
        channels[i].accountMode = .live
        channels[i].integration = Integration(appId: "1", state: "running")
        channels[i].setupInfo?.error = nil
        channels[i].wabaAccount?.fbAccountStatus = .verified
        channels[i].wabaAccount?.onBehalfOfBusinessInfo = OnBehalfOfBusinessInfo(status: .approved)
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: Array(s.clients.values), channels: channels, asOf: Fixtures.now, fromCache: false))
        let after = Screen.render(s, width: 200, height: 60, context: Fixtures.context)
        let changed = after.diff(from: before).count
        #expect(changed > 0 && changed * 10 <= 200 * 60, "\(changed) cells changed")
    }
}

@Suite struct TerminalGlyphTests {
    // glibc's answers, as the reference file notes them.
    func wcwidth(_ v: UInt32) -> Int32 {
        switch v {
        case 0x301, 0x200D, 0xFE0F: return 0
        case 0x26A0: return 1
        case 0x4E2D, 0x1F469, 0x1F52C, 0x1F600: return 2
        default: return 1
        }
    }

    @Test func mapsClustersToWhatCursesDraws() {
        #expect(TerminalGlyph.drawing(for: "a", cells: 1, wcwidth: wcwidth) == .init(scalars: [0x61], padRight: false))
        #expect(TerminalGlyph.drawing(for: "e\u{301}", cells: 1, wcwidth: wcwidth) == .init(scalars: [0x65, 0x301], padRight: false))
        #expect(TerminalGlyph.drawing(for: "中", cells: 2, wcwidth: wcwidth) == .init(scalars: [0x4E2D], padRight: false))
        // VS16: curses thinks one cell, we gave two: draw the base and pad.
        #expect(TerminalGlyph.drawing(for: "⚠️", cells: 2, wcwidth: wcwidth) == .init(scalars: [0x26A0], padRight: true))
        // ZWJ: one wide glyph, drawn as its first emoji.
        #expect(TerminalGlyph.drawing(for: "👩‍🔬", cells: 2, wcwidth: wcwidth) == .init(scalars: [0x1F469], padRight: false))
    }
}

@Suite struct ThemeTests {
    static var themesDir: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
    }

    @Test func bundledThemesMatchTheFilesAndParse() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDir.path).filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == BuiltinThemes.sources.keys.sorted())
        for f in files {
            let text = try String(contentsOf: Self.themesDir.appendingPathComponent(f), encoding: .utf8)
            #expect(BuiltinThemes.sources[String(f.dropLast(5))] == text, "\(f) changed: run scripts/embed-themes")
            let t = try Theme.parse(text, file: f)
            #expect(Set(t.paints.keys) == Set(Role.allCases), "\(f) must style every role")
        }
        #expect(try Theme.parse(BuiltinThemes.sources["mono"]!, file: "mono").isMonochrome)
        #expect(try Theme.parse(BuiltinThemes.sources["ansi16"]!, file: "ansi16").paints.values.allSatisfy { $0.fg < 16 && $0.bg < 16 })
    }

    @Test func badThemeNamesFileLineAndKey() {
        let text = "name = \"x\"\ncolors = 256\n[roles]\nnormal = { fg = \"default\" }\nheader = { fg = \"purple-ish\" }\n"
        do {
            _ = try Theme.parse(text, file: "/home/a/.config/partnerhub/themes/x.toml")
            Issue.record("bad colour accepted")
        } catch {
            #expect(error.description == "/home/a/.config/partnerhub/themes/x.toml:5: roles.header.fg: colour must be a name (red, bright-blue, default ...) or 0-255")
        }
        #expect(throws: ThemeError.self) { try Theme.parse("colors = 16\n[roles]\nnormal = { fg = 200 }\n", file: "t.toml") }
        #expect(throws: ThemeError.self) { try Theme.parse("[roles]\nsparkles = { fg = 1 }\n", file: "t.toml") }
        do { _ = try Theme.parse("[roles\n", file: "broken.toml") } catch { #expect(error.description.hasPrefix("broken.toml:1")) }
    }

    @Test func userThemesAndFallback() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "name = \"mine\"\ncolors = 16\n[roles]\nnormal = { fg = \"green\" }\n".write(to: dir.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        try "[roles]\nnormal = { fg = \"nope\" }\n".write(to: dir.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
        let store = ThemeStore(userDirectory: dir.path)
        #expect(store.names.contains("mine") && store.names.contains("default"))
        let (mine, e1) = store.load("mine")
        #expect(e1 == nil && mine.paint(.normal).fg == 2 && mine.paint(.header).fg == 2) // missing roles fall back to normal
        let (fallback, e2) = store.load("bad")
        #expect(fallback.name == "default" && e2?.description.contains("bad.toml:2") == true)
        let (_, e3) = store.load("missing")
        #expect(e3?.message.contains("no such theme") == true)
    }

    @Test func fallsBackTo16And8Colours() throws {
        let t = try Theme.parse(BuiltinThemes.sources["default"]!, file: "default")
        let t16 = t.adapted(toColors: 16)
        #expect(t16.paints.values.allSatisfy { $0.fg < 16 && $0.bg < 16 })
        let t8 = t.adapted(toColors: 8)
        #expect(t8.paints.values.allSatisfy { $0.fg < 8 && $0.bg < 8 })
        #expect(t8.paints.values.allSatisfy { $0.fg < 0 || $0.fg != $0.bg })
        let none = t.adapted(toColors: 0)
        #expect(none.paints.values.allSatisfy { $0.fg == -1 && $0.bg == -1 })
        #expect(none.paint(.header).reverse)
    }
}
