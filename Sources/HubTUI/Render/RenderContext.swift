import Foundation
import HubCore

/// Everything `render` needs besides the state: how the terminal can draw, the keymap for
/// help and the status bar, and the time zone for clock times.
public struct RenderContext: Sendable {
    public var glyphs: Glyphs
    /// No colours: selection and states must show through text and attributes alone.
    public var monochrome: Bool
    public var keymap: Keymap
    public var themes: [String]
    public var timeZone: TimeZone

    public init(glyphs: Glyphs = .unicode, monochrome: Bool = false, keymap: Keymap = Keymap(), themes: [String] = [],
                timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.glyphs = glyphs
        self.monochrome = monochrome
        self.keymap = keymap
        self.themes = themes
        self.timeZone = timeZone
    }

    /// What the palette offers now: the dialog's keys when one is open.
    public func paletteEntries(_ state: AppState) -> [PaletteEntry] {
        Palette.entries(for: state, keymap: keymap, themes: themes)
    }

    /// "14:03:07" in the agent's time zone.
    public func clock(_ date: Date) -> String {
        let t = Int(date.timeIntervalSince1970) + timeZone.secondsFromGMT(for: date)
        let s = ((t % 86400) + 86400) % 86400
        return String(format: "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
    }

    /// "2026-11-22 14:03" for dates in details.
    /// Money as a card shows it: "€50.00" on a UTF-8 terminal, "50.00 EUR" elsewhere (LANG=C
    /// would turn € and ¥ into "?").
    public func money(_ m: Money) -> String { glyphs.unicode ? m.symbolString : m.description }

    public func dateTime(_ date: Date) -> String { Timestamp.localMinute(date, in: timeZone) }
}

