import Foundation

/// A key as the keymap names it: "j", "G", "?", "enter", "esc", "up", "pgdn", "ctrl-l", "f1".
public struct Key: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// The text of a paste (bracketed paste, or a burst of typed characters read at once).
    public let pasted: String?
    /// A click or a wheel notch (name "mouse").
    public let mouse: MouseEvent?

    public init(_ name: String) {
        self.name = name
        pasted = nil
        mouse = nil
    }

    public init(paste text: String) {
        name = "paste"
        pasted = text
        mouse = nil
    }

    public init(mouse event: MouseEvent) {
        name = "mouse"
        pasted = nil
        mouse = event
    }

    public var description: String { name }

    /// A single printable character (what a text field takes).
    public var character: Character? {
        if name == "space" { return " " }
        guard name.count == 1, let c = name.first, !c.isNewline else { return nil }
        return c
    }

    static let named: Set<String> = ["up", "down", "left", "right", "pgup", "pgdn", "home", "end", "enter", "esc", "tab",
                                     "backtab", "backspace", "delete", "insert", "space", "resize"]

    /// Accepts what a user writes in `[keys]`: "q", "ctrl-x", "F5", "PgDn", "Enter".
    public static func parse(_ raw: String) -> Key? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.count == 1 { return Key(s) }
        let lower = s.lowercased()
        if named.contains(lower) { return Key(lower) }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter, c.isASCII { return Key(lower) }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return Key(lower) }
        return nil
    }

    /// How help and the status bar show it.
    public var label: String {
        switch name {
        case "up": return "↑"
        case "down": return "↓"
        case "left": return "←"
        case "right": return "→"
        case "enter": return "Enter"
        case "esc": return "Esc"
        case "tab": return "Tab"
        case "pgup": return "PgUp"
        case "pgdn": return "PgDn"
        case "home": return "Home"
        case "end": return "End"
        case "space": return "Space"
        case "backtab": return "Shift-Tab"
        case "backspace": return "Backspace"
        case "delete": return "Delete"
        case "insert": return "Insert"
        default:
            if name.count > 1, name.hasPrefix("f"), Int(name.dropFirst()) != nil { return name.uppercased() }
            if name.hasPrefix("ctrl-") { return "Ctrl-" + name.dropFirst(5).uppercased() }
            return name
        }
    }
}
