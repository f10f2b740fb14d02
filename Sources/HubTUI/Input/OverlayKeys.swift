import HubCore

/// The keys of the overlays (help, the notification center, the palette) and of the filter
/// line, as data: `KeyRouter` dispatches from these tables and `KeymapDoc` prints them, so
/// docs/keymap.md cannot drift from what a key does.
enum OverlayKeys {
    enum Intent: Equatable, Sendable {
        case scroll(Int), top, bottom
        /// Notification center: cycle the level shown; go to the number.
        case level, jump
        /// Palette and filter line.
        case move(Int), run, close, keep, clear
    }

    struct Binding: Sendable {
        let names: [String]
        let text: String
        let intent: Intent

        init(_ names: [String], _ text: String, _ intent: Intent) {
            self.names = names
            self.text = text
            self.intent = intent
        }

        var label: String { names.map { Key($0).label }.joined(separator: " ") }
    }

    static let help: [Binding] = [
        Binding(["down", "j"], "scroll down", .scroll(1)),
        Binding(["up", "k"], "scroll up", .scroll(-1)),
        Binding(["pgdn", "space"], "a page down", .scroll(10)),
        Binding(["pgup"], "a page up", .scroll(-10)),
        Binding(["home", "g"], "the top", .top),
        Binding(["end", "G"], "the end", .bottom),
    ]

    static let notifications: [Binding] = [
        Binding(["down", "j"], "the next (older) notification", .scroll(1)),
        Binding(["up", "k"], "the previous (newer) one", .scroll(-1)),
        Binding(["pgdn"], "ten down", .scroll(10)),
        Binding(["pgup"], "ten up", .scroll(-10)),
        Binding(["enter"], "go to the number it is about (whatever filter hid it)", .jump),
        Binding(["l"], "warnings and errors only, then errors, then all", .level),
    ]

    static let overview: [Binding] = [
        Binding(["right", "l", "tab"], "the next state", .move(1)),
        Binding(["left", "h", "backtab"], "the previous state", .move(-1)),
        Binding(["enter"], "show that state's cards (the text filter stays)", .run),
    ]

    static let palette: [Binding] = [
        Binding(["down", "ctrl-n", "tab"], "the next command", .move(1)),
        Binding(["up", "ctrl-p", "backtab"], "the previous command", .move(-1)),
        Binding(["enter"], "run it", .run),
        Binding(["esc"], "close", .close),
    ]

    static let filterLine: [Binding] = [
        Binding(["enter"], "keep the filter and go back to the cards", .keep),
        Binding(["esc"], "clear it", .clear),
        Binding(["down"], "move the selection down while typing", .move(1)),
        Binding(["up"], "move the selection up while typing", .move(-1)),
    ]

    /// Help, notifications and live status close on these and on their own command's keys.
    static let closeNames = ["esc", "f1"]

    static func find(_ key: Key, in table: [Binding]) -> Binding? {
        table.first { $0.names.contains(key.name) }
    }
}
