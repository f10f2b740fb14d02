import Foundation

/// A mouse report (xterm's SGR 1006, or X10 through ncurses), in screen cells from the top left.
/// Only what partnerhub acts on: the left button and the wheel. Motion is never asked for.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }

    public let kind: Kind
    public let x: Int
    public let y: Int
    /// 2 for the second press on the same cell in quick succession (a double click).
    public let clicks: Int

    public init(_ kind: Kind, x: Int, y: Int, clicks: Int = 1) {
        self.kind = kind
        self.x = x
        self.y = y
        self.clicks = clicks
    }

    /// From an SGR report's button code; nil for what is not acted on (other buttons, motion).
    static func sgr(button b: Int, x: Int, y: Int, released: Bool) -> MouseEvent? {
        if b & 32 != 0 { return nil } // motion
        if b & 64 != 0 {
            switch b & 3 {
            case 0: return MouseEvent(.wheelUp, x: x, y: y)
            case 1: return MouseEvent(.wheelDown, x: x, y: y)
            default: return nil // horizontal wheel
            }
        }
        guard b & 3 == 0 else { return nil } // middle and right buttons
        return MouseEvent(released ? .release : .press, x: x, y: y)
    }
}

/// Turns presses into clicks: a second press on the same cell within `interval` is a double
/// click. Counted here, where the time of each report is known, so the reducer stays pure.
struct ClickCounter {
    var interval: TimeInterval = 0.4
    private var last: (x: Int, y: Int, at: TimeInterval, clicks: Int)?

    mutating func count(_ e: MouseEvent, at time: TimeInterval) -> MouseEvent {
        guard e.kind == .press else { return e }
        var clicks = 1
        if let l = last, l.x == e.x, l.y == e.y, time - l.at <= interval, l.clicks == 1 { clicks = 2 }
        last = (e.x, e.y, time, clicks)
        return MouseEvent(.press, x: e.x, y: e.y, clicks: clicks)
    }
}
