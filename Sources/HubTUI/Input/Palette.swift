import HubCore
import Foundation

/// The command palette (`:`): every command with its key and a line of help, matched fuzzily.
public struct PaletteEntry: Hashable, Sendable {
    public enum Intent: Hashable, Sendable {
        case command(Command)
        case theme(String)
        /// Cards by state (`filter needs-action`, `filter error` ...).
        case stateFilter(StateFilter)
        /// A key of the open dialog ("submit", "next-field").
        case dialogKey(EditKey)
    }

    public let name: String
    public let keys: String
    public let description: String
    public let intent: Intent
}

public enum Palette {
    /// Stable names (DESIGN.md contracts) for the commands that have them.
    static func name(_ c: Command) -> String {
        switch c {
        case .details: return "details"
        case .notifications: return "notifications"
        default: return c.rawValue
        }
    }

    /// With a dialog open, the palette offers the dialog's own keys.
    public static func entries(for state: AppState, keymap: Keymap, themes: [String]) -> [PaletteEntry] {
        if let d = state.dialogs.top {
            return DialogKeys.hints(d).compactMap { h in
                h.edit.map { PaletteEntry(name: h.name, keys: h.key, description: h.text, intent: .dialogKey($0)) }
            }
        }
        // P3: Change Partner stays listed, with why it is not available for this client.
        return entries(keymap: keymap, themes: themes, readOnly: state.readOnly).map { e in
            guard e.intent == .command(.partnerChange), let why = state.partnerChangeUnavailableReason else { return e }
            return PaletteEntry(name: e.name, keys: e.keys, description: "Not available: \(why)", intent: e.intent)
        }
    }

    public static func entries(keymap: Keymap, themes: [String], readOnly: Bool) -> [PaletteEntry] {
        var out: [PaletteEntry] = []
        let skip: Set<Command> = [.up, .down, .left, .right, .pageUp, .pageDown, .palette, .back, .redraw, .tab1, .tab2, .tab3, .tab4]
        for c in Command.allCases where !skip.contains(c) && c.isAvailable(readOnly: readOnly) {
            out.append(PaletteEntry(name: name(c), keys: keymap.label(c), description: c.help, intent: .command(c)))
        }
        for t in themes { out.append(PaletteEntry(name: "theme \(t)", keys: "", description: "Switch to the \(t) theme", intent: .theme(t))) }
        for f in StateFilter.allCases {
            out.append(PaletteEntry(name: "filter \(f.rawValue)", keys: "", description: f == .all ? "Every card (with the / text filter)" : "Only the cards that are \(f.label)",
                                    intent: .stateFilter(f)))
        }
        return out
    }

    /// Subsequence match with bonuses for word starts and runs; nil when not all letters match.
    public static func score(_ query: String, _ text: String) -> Int? {
        let q = Array(query.lowercased().filter { !$0.isWhitespace })
        if q.isEmpty { return 0 }
        let t = Array(text.lowercased())
        var score = 0, qi = 0, last = -2
        for (i, c) in t.enumerated() where qi < q.count && c == q[qi] {
            score += 1
            if i == last + 1 { score += 3 }
            if i == 0 || t[i - 1] == " " || t[i - 1] == "-" { score += 5 }
            last = i
            qi += 1
        }
        return qi == q.count ? score - t.count / 10 : nil
    }

    public static func filter(_ entries: [PaletteEntry], query: String) -> [PaletteEntry] {
        if query.trimmingCharacters(in: .whitespaces).isEmpty { return entries }
        var scored: [(entry: PaletteEntry, score: Int)] = []
        for e in entries {
            let byName = score(query, e.name)
            let byHelp = score(query, e.description).map { $0 - 4 }
            guard let best = [byName, byHelp].compactMap({ $0 }).max() else { continue }
            scored.append((e, best))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry.name < $1.entry.name }
        return scored.map(\.entry)
    }
}
