import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

@Suite struct KeymapTests {
    @Test func defaultsFollowTheContract() {
        let k = Keymap()
        for (name, command) in [("j", Command.down), ("down", .down), ("k", .up), ("h", .left), ("l", .right), ("g", .first), ("G", .last),
                                ("enter", .details), ("esc", .back), ("tab", .nextPane), ("/", .filter), (":", .palette), ("?", .help),
                                ("r", .refresh), ("p", .pause), ("q", .quit), ("ctrl-c", .quit), ("s", .sort), ("n", .notifications)] {
            #expect(k.command(for: Key(name)) == command, "\(name)")
        }
        // Nothing relies on a tmux prefix key alone.
        for c in Command.allCases {
            let keys = k.keys(c).map(\.name)
            #expect(!keys.isEmpty && !keys.allSatisfy { Keymap.multiplexerKeys.contains($0) }, "\(c)")
        }
    }

    @Test func overridesSeveralKeysAndConflicts() {
        let k = Keymap(overrides: ["quit": ["x", "ctrl-q"], "down": ["n"], "nonsense": ["z"], "sort": ["ctrl-b"], "help": ["f1", "bogus key"]])
        #expect(k.command(for: Key("x")) == .quit && k.command(for: Key("ctrl-q")) == .quit)
        #expect(k.command(for: Key("q")) == nil)
        #expect(k.command(for: Key("n")) == .down) // taken from notifications
        #expect(k.keys(.notifications).isEmpty)
        #expect(k.command(for: Key("f1")) == .help)
        #expect(k.warnings.contains { $0.contains("nonsense") })
        #expect(k.warnings.contains { $0.contains("sort") && $0.contains("tmux") })
        #expect(k.warnings.contains { $0.contains("bogus key") })
        #expect(k.warnings.contains { $0.contains("notifications has no key left") })
        let both = Keymap(overrides: ["refresh": ["y"], "pause": ["y"]])
        #expect(both.warnings.contains { $0.contains("bound to both") })
    }

    @Test func keyNamesParse() {
        #expect(Key.parse("PgDn") == Key("pgdn"))
        #expect(Key.parse("Ctrl-L") == Key("ctrl-l"))
        #expect(Key.parse("F5") == Key("f5"))
        #expect(Key.parse("ctrl-") == nil)
        #expect(Key("ctrl-l").label == "Ctrl-L" && Key("down").label == "↓")
    }
}

@Suite struct KeyRouterTests {
    let layout = Layout(width: 120, height: 40, detailsOpen: false)

    func press(_ keys: [String], _ s: inout AppState, width: Int = 120, height: Int = 40) {
        if s.layout.width != width || s.layout.height != height { _ = reduce(&s, .resized(width: width, height: height)) }
        for k in keys {
            for a in KeyRouter.route(Key(k), state: s, context: Fixtures.context) { _ = reduce(&s, a) }
        }
    }

    @Test func navigationUsesTheGridsColumns() {
        var s = Fixtures.state()
        let first = s.selection
        press(["l"], &s)
        #expect(s.selection == s.visible[1])
        press(["j"], &s)
        #expect(s.selection == s.visible[1 + layout.columns])
        press(["G"], &s)
        #expect(s.selection == s.visible.last)
        press(["g"], &s)
        #expect(s.selection == first)
    }

    @Test func filterModeTakesText() {
        var s = Fixtures.state()
        press(["/", "S", "h", "a", "r"], &s)
        #expect(s.filterEditing && s.filterText == "Shar")
        #expect(s.visible.allSatisfy { String(decoding: s.records[$0]!.searchBytes, as: UTF8.self).contains("shar") })
        press(["backspace"], &s)
        #expect(s.filterText == "Sha")
        press(["enter"], &s)
        #expect(!s.filterEditing && s.filterText == "Sha")
        press(["q"], &s) // not typed into the filter any more: quits
        #expect(s.quitRequested)
        var t = Fixtures.state()
        press(["/", "x", "esc"], &t)
        #expect(t.filterText.isEmpty && !t.filterEditing && t.visible.count == t.channelCount)
    }

    @Test func detailsTabsAndEscape() {
        var s = Fixtures.state()
        press(["enter"], &s)
        #expect(s.detailsOpen && s.detailTab == .overview)
        press(["]", "]"], &s)
        #expect(s.detailTab == .billing)
        press(["4"], &s)
        #expect(s.detailTab == .partnerSettings)
        press(["["], &s)
        #expect(s.detailTab == .billing)
        press(["tab"], &s)
        #expect(s.detailsFocused)
        press(["1", "j", "j"], &s, width: 80, height: 24)
        #expect(s.detailScroll == 2)
        // Never past the end: the first key back always moves.
        let end = DetailsView.maxScroll(s, s.layout, Fixtures.context)
        #expect(end > 2)
        press(["pgdn", "pgdn", "pgdn", "pgdn", "j"], &s, width: 80, height: 24)
        #expect(s.detailScroll == end)
        press(["k"], &s, width: 80, height: 24)
        #expect(s.detailScroll == end - 1)
        press(["esc"], &s)
        #expect(!s.detailsOpen && !s.detailsFocused)
    }

    @Test func paletteRunsTheChosenCommand() {
        var s = Fixtures.state()
        press([":", "s", "o", "r", "t"], &s)
        guard case .palette(let p)? = s.overlay else { Issue.record("no palette"); return }
        #expect(p.query.text == "sort" && p.selected == 0)
        press(["enter"], &s)
        #expect(s.overlay == nil && s.sort == .status)
        press([":", "n", "o", "t", "i"], &s)
        press(["enter"], &s)
        #expect(s.overlay == .notifications)
        press(["esc"], &s)
        #expect(s.overlay == nil)
        press([":"] + "theme mono".map { $0 == " " ? "space" : String($0) }, &s)
        let themeActions = KeyRouter.route(Key("enter"), state: s, context: Fixtures.context)
        #expect(themeActions.contains { if case .setTheme("mono") = $0 { return true }; return false })
    }

    @Test func helpAndOverlaysClose() {
        var s = Fixtures.state()
        press(["?"], &s)
        #expect(s.overlay == .help)
        press(["j"], &s) // keys do not leak through an overlay
        #expect(s.overlay == .help)
        press(["q"], &s)
        #expect(s.overlay == nil && !s.quitRequested)
    }

    @Test func tooSmallOnlyQuits() {
        var s = Fixtures.state()
        press(["enter", "j"], &s, width: 30, height: 10)
        #expect(!s.detailsOpen)
        press(["q"], &s, width: 30, height: 10)
        #expect(s.quitRequested)
    }

    @Test func readOnlyHidesMutatingCommands() {
        let entries = Palette.entries(keymap: Keymap(readOnly: true), themes: [], readOnly: true)
        #expect(entries.allSatisfy { if case .command(let c) = $0.intent { return !c.isMutating }; return true })
    }

    @Test func fuzzyPalette() {
        let entries = Palette.entries(keymap: Keymap(), themes: ["mono", "light"], readOnly: false)
        #expect(Palette.filter(entries, query: "notif").first?.name == "notifications")
        #expect(Palette.filter(entries, query: "thm mo").first?.name == "theme mono")
        #expect(Palette.filter(entries, query: "zzqx").isEmpty)
        #expect(Palette.filter(entries, query: "").count == entries.count)
    }
}

@Suite struct KeymapDocTests {
    /// docs/keymap.md's tables are generated from the key tables the router dispatches from
    /// (main screen, every dialog, each dialog's own keys, overlays): a key added, moved or
    /// reworded in code and not in the page fails here. UPDATE_SNAPSHOTS=1 rewrites the page.
    @Test func docsAreGeneratedFromTheKeyTables() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/keymap.md")
        var doc = try String(contentsOf: url, encoding: .utf8)
        let begin = try #require(doc.range(of: KeymapDoc.begin), "docs/keymap.md has no generated block")
        let end = try #require(doc.range(of: KeymapDoc.end), "docs/keymap.md has no end of the generated block")
        let generated = KeymapDoc.markdown()
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != nil {
            doc.replaceSubrange(begin.lowerBound..<end.upperBound, with: generated)
            try doc.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(doc[begin.lowerBound..<end.upperBound]) == generated, "docs/keymap.md differs from KeymapDoc.markdown(): UPDATE_SNAPSHOTS=1 swift test --filter KeymapDocTests")
        // Every command with exactly its default keys.
        let k = Keymap()
        for c in Command.allCases {
            let keys = k.keys(c).map { "`\($0.label)`" }.joined(separator: " ")
            #expect(generated.contains("| `\(c.rawValue)` | \(keys) |"), "\(c.rawValue) should show \(keys)")
        }
    }

    /// Every key a list dialog reacts to is in its footer (and so in the docs): a key the
    /// reducer acts on that the footer does not list was how `d` on Users went unexplained.
    @Test func everyKeyADialogActsOnIsListed() throws {
        let probe: [EditKey] = "abcdefghijklmnopqrstuvwxyz/".map { .insert(String($0)) } + [.deleteForward, .enter, .escape, .end]
        for (name, dialog) in KeymapDoc.samples {
            guard case .table = dialog.body, dialog.working == nil else { continue }
            // What the footer names: each word of a hint's key ("e d Del", "Esc Enter").
            let words: [String: EditKey] = ["Enter": .enter, "Esc": .escape, "Del": .deleteForward, "End": .end, "Home": .home]
            let listed = DialogKeys.hints(dialog).flatMap { h in
                h.key.split(separator: " ").compactMap { w in w.count == 1 ? EditKey.insert(String(w)) : words[String(w)] }
            }
            for key in probe where !listed.contains(key) {
                if dialog.takesText, case .insert = key { continue } // "type to filter"
                var s = Fixtures.state()
                _ = s.dialogs.push { id in Dialog(id: id, feature: dialog.owner.state, title: dialog.title, body: dialog.body) }
                let (dialogs, flash) = (s.dialogs, s.notifications.flash)
                let effects = reduce(&s, .dialog(.key(key)))
                #expect(effects.isEmpty && s.dialogs == dialogs && s.notifications.flash == flash, "\(name): \(key) does something and is not in the footer")
            }
        }
    }
}

@Suite struct ReadOnlyTests {
    @Test func headerSaysReadOnly() {
        let s = Fixtures.state(readOnly: true)
        let frame = Screen.render(s, width: 120, height: 40, context: Fixtures.context)
        #expect(frame.text.split(separator: "\n").first?.contains("SANDBOX READ-ONLY") == true)
    }
}

/// While only the first part of the list is here, the header says how much and that it is loading.
@Suite struct LoadingHeaderTests {
    func header(_ s: AppState, width: Int = 120) -> String {
        String(Screen.render(s, width: width, height: 40, context: Fixtures.context).text.split(separator: "\n").first ?? "")
    }

    @Test func aFirstPageSaysHowManyAreComing() {
        let w = Fixtures.world()
        let channels = Array(w.channelList().prefix(10))
        var s = AppState(mode: .live, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&s, .partialSnapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: channels,
                                              asOf: Fixtures.now, fromCache: false, total: 48439))
        let first = header(s)
        #expect(first.contains("10 of 48439 numbers") && first.hasSuffix("loading…"), "\(first)")
        #expect(!first.contains("checked"))
        // The cache's first screenful: as of when, and how many the cache has.
        var cached = AppState(mode: .live, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&cached, .partialSnapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: channels,
                                                   asOf: Fixtures.now, fromCache: true, total: 200))
        #expect(header(cached).contains("10 of 200 numbers") && header(cached).contains("(cached)"), "\(header(cached))")
        // The whole list: the plain count.
        _ = reduce(&s, .snapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: w.channelList(),
                                       asOf: Fixtures.now, fromCache: false))
        #expect(header(s).contains("\(w.channels.count) numbers") && header(s).contains("checked"), "\(header(s))")
        // 80 columns keep the counts in the short form.
        #expect(header(cached, width: 80).contains("10 of 200"), "\(header(cached, width: 80))")
    }
}
