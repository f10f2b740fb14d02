import Foundation

/// What the app needs from a terminal. `CursesTerminal` is the real one; `MemoryTerminal`
/// keeps frames in memory and takes keys from a test (ratatui's TestBackend), so whole flows
/// run in process in milliseconds.
@MainActor
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    var utf8: Bool { get }
    var colors: Int { get }
    /// A real terminal of this process: the app then handles SIGINT/SIGTERM/SIGHUP/SIGWINCH.
    var ownsProcessTerminal: Bool { get }
    /// After SIGWINCH: read the real size.
    func syncSize()
    func apply(_ theme: Theme)
    /// Draws what changed since `previous` (everything when `force`) and flushes once; returns
    /// the number of cells written.
    @discardableResult
    func draw(_ frame: CellBuffer, previous: CellBuffer?, force: Bool) -> Int
    /// Every key waiting, in order ("resize" when the size changed).
    func readKeys() -> [Key]
    /// Calls `ready` on the main actor whenever keys may be waiting; returns what to cancel.
    func startInput(_ ready: @escaping @MainActor () -> Void) -> (any DispatchSourceProtocol)?
    func stop()
    /// OSC 52: the terminal puts `text` on the system clipboard (when it allows that).
    func copyToClipboard(_ text: String)
}

public enum OSC52 {
    /// The sequence that puts `text` on the clipboard (base64, BEL-terminated: what xterm,
    /// kitty, iTerm2 and tmux with `set-clipboard on` accept).
    public static func sequence(_ text: String) -> String { "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}" }
}

/// A terminal in memory: the last frame, keys typed by a test, a size a test can change.
@MainActor
public final class MemoryTerminal: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    public let utf8 = true
    public let colors = 256
    public let ownsProcessTerminal = false
    /// What the screen shows now.
    public private(set) var screen: CellBuffer
    var queue: [Key] = []
    var ready: (@MainActor () -> Void)?

    public init(width: Int, height: Int) {
        size = (width, height)
        screen = CellBuffer(width: width, height: height)
    }

    public func syncSize() {}
    public func apply(_ theme: Theme) {}
    /// What was sent to the clipboard, for tests.
    public private(set) var clipboard: [String] = []
    public func copyToClipboard(_ text: String) { clipboard.append(text) }

    @discardableResult
    public func draw(_ frame: CellBuffer, previous: CellBuffer?, force: Bool) -> Int {
        let n = frame.diff(from: force ? nil : previous).count
        screen = frame
        return n
    }

    public func readKeys() -> [Key] {
        defer { queue.removeAll() }
        return queue
    }

    public func startInput(_ ready: @escaping @MainActor () -> Void) -> (any DispatchSourceProtocol)? {
        self.ready = ready
        return nil
    }

    public func stop() {}

    /// Keys as the keymap names them ("j", "enter", "ctrl-w"), read in one batch.
    public func press(_ keys: [Key]) {
        queue += keys
        ready?()
    }

    /// Text typed character by character (each one a key, as a slow typist sends them).
    public func type(_ text: String) {
        press(text.map { Key($0 == " " ? "space" : String($0)) })
    }

    /// A bracketed paste.
    public func paste(_ text: String) { press([Key(paste: text)]) }

    public func resize(width: Int, height: Int) {
        size = (width, height)
        press([Key("resize")])
    }
}
