import CNcursesw
import Foundation

/// The only place that talks to curses. Lives on the main actor: curses is not thread-safe.
@MainActor
public final class CursesTerminal: TerminalBackend {
    public enum StartError: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)
        /// TERM=dumb: no cursor addressing, so the screen would stay blank.
        case dumbTerminal

        public var description: String {
            switch self {
            case .notATerminal:
                return "partnerhub: the terminal UI needs a terminal (stdin and stdout are not one). For scripts use the headless commands: partnerhub channels | clients | balance | export-csv (see --help)."
            case .dumbTerminal:
                return "partnerhub: this terminal (TERM=dumb) cannot show the screen. Use the headless commands: partnerhub channels | clients | balance | export-csv | watch (see --help)."
            case .unknownTerminal(let term):
                return "partnerhub: unknown terminal type TERM=\(term). Set TERM (e.g. xterm-256color) or use the headless commands (partnerhub --help)."
            }
        }
    }

    /// Colours the terminal offers: 256, 16, 8 or 0.
    public private(set) var colors = 0
    public let utf8: Bool
    private var roleAttrs: [Role: (attr: attr_t, pair: Int16)] = [:]
    private var started = false
    /// Bytes are counted by the benchmark through a custom output stream; nil here.
    public private(set) var framesDrawn = 0

    /// Whether clicks and the wheel are reported (`[ui] mouse`, on by default).
    public private(set) var mouse = false
    private var clicks = ClickCounter()

    /// Sets the locale, checks for a terminal and starts curses.
    public init(mouse: Bool = true) throws {
        setlocale(LC_ALL, "")
        utf8 = String(cString: nc_codeset()).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.notATerminal }
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        if term == "dumb" { throw StartError.dumbTerminal }
        guard !term.isEmpty, nc_newterm(term) != nil else { throw StartError.unknownTerminal(term.isEmpty ? "(unset)" : term) }
        started = true
        noecho()
        cbreak()
        keypad(nc_stdscr(), true)
        nonl()
        curs_set(0)
        set_escdelay(25)
        nodelay(nc_stdscr(), true)
        // Presses, releases and the wheel (1000) as SGR reports (1006: no 223-column limit),
        // parsed by `keys(from:)`. Shift+drag still selects text in xterm, kitty, iTerm2, GNOME
        // Terminal and tmux.
        if mouse {
            nc_write_raw(Self.mouseOn)
            self.mouse = true
        }
        // Bracketed paste: a paste arrives as one block, not thousands of keys.
        nc_write_raw("\u{1B}[?2004h")
        if has_colors() {
            start_color()
            use_default_colors()
            let c = Int(nc_colors())
            colors = c >= 256 ? 256 : c >= 16 ? 16 : c >= 8 ? 8 : 0
        }
    }

    /// A terminal that writes into a file instead of the tty, for measuring output bytes.
    public init(recordingTo path: String, term: String = "xterm-256color", width: Int, height: Int) throws {
        setlocale(LC_ALL, "C.UTF-8")
        utf8 = true
        guard nc_newterm_file(term, path) != nil else { throw StartError.unknownTerminal(term) }
        started = true
        recordingPath = path
        nonl()
        if has_colors() {
            start_color()
            use_default_colors()
            colors = 256
        }
        resizeterm(Int32(height), Int32(width))
    }

    public var size: (width: Int, height: Int) { (Int(nc_cols()), Int(nc_lines())) }
    public var ownsProcessTerminal: Bool { recordingPath == nil }
    private var recordingPath: String?

    public func startInput(_ ready: @escaping @MainActor () -> Void) -> (any DispatchSourceProtocol)? {
        let input = DispatchSource.makeReadSource(fileDescriptor: STDIN_FILENO, queue: .main)
        input.setEventHandler { MainActor.assumeIsolated { ready() } }
        input.resume()
        return input
    }

    /// After SIGWINCH: read the kernel's size and tell curses.
    public func syncSize() {
        var rows: Int32 = 0, cols: Int32 = 0
        if nc_tty_size(&rows, &cols) == 0 { resizeterm(rows, cols) }
    }

    public func apply(_ theme: Theme) {
        roleAttrs = [:]
        let usable = theme.adapted(toColors: colors)
        let pairs = Int(nc_color_pairs())
        for (i, role) in Role.allCases.enumerated() {
            let p = usable.paint(role)
            var attr = nc_a_normal()
            if p.bold { attr |= nc_a_bold() }
            if p.dim { attr |= nc_a_dim() }
            if p.reverse { attr |= nc_a_reverse() }
            if p.underline { attr |= nc_a_underline() }
            var pair: Int16 = 0
            if colors > 0, (p.fg >= 0 || p.bg >= 0), i + 1 < pairs {
                pair = Int16(i + 1)
                init_pair(pair, Int16(p.fg), Int16(p.bg))
            }
            roleAttrs[role] = (attr, pair)
        }
    }

    /// Draws what changed since `previous` (everything when `force`) and flushes once.
    /// Returns how many cells were written.
    @discardableResult
    public func draw(_ frame: CellBuffer, previous: CellBuffer?, force: Bool) -> Int {
        if force { clearok(nc_stdscr(), true) }
        let changed = frame.diff(from: force ? nil : previous)
        for (x, y) in changed {
            let cell = frame[x, y]
            if cell.isContinuation {
                // Curses drew the glyph on the left; only a narrow stand-in needs its pad here.
                if x > 0, padsRight(frame[x - 1, y]) { put([0x20], x: x, y: y, style: cell.style) }
                continue
            }
            let cells = x + 1 < frame.width && frame[x + 1, y].isContinuation ? 2 : 1
            let d = TerminalGlyph.drawing(for: utf8 ? cell.text : ascii(cell.text), cells: cells, wcwidth: { UInt32(bitPattern: nc_wcwidth(Int32(bitPattern: $0))).toWidth })
            put(d.scalars, x: x, y: y, style: cell.style)
            if d.padRight { put([0x20], x: x + 1, y: y, style: cell.style) }
        }
        if !changed.isEmpty || force {
            wnoutrefresh(nc_stdscr())
            doupdate()
            framesDrawn += 1
        }
        return changed.count
    }

    private func padsRight(_ left: Cell) -> Bool {
        guard let f = left.text.unicodeScalars.first else { return false }
        return nc_wcwidth(Int32(bitPattern: f.value)) < 2
    }

    private func ascii(_ s: String) -> String { TerminalGlyph.ascii(s) }

    private func put(_ scalars: [UInt32], x: Int, y: Int, style: Style) {
        let (attr0, pair) = roleAttrs[style.role] ?? (nc_a_normal(), 0)
        let attr = style.bold ? attr0 | nc_a_bold() : attr0
        var w: [wchar_t] = scalars.map { wchar_t(bitPattern: $0) } + [0]
        _ = nc_put_cell(Int32(y), Int32(x), &w, attr, pair)
    }

    /// Every key waiting in the input buffer: a bracketed paste becomes one key, and so does
    /// a run of characters read at once (a paste the terminal did not bracket).
    public func readKeys() -> [Key] {
        var raw: [(function: Bool, code: UInt32)] = []
        var ch: wint_t = 0
        while true {
            let r = nc_get_key(&ch)
            if r == ERR { break }
            raw.append((r == nc_key_code_yes(), UInt32(ch)))
        }
        let now = Date().timeIntervalSinceReferenceDate
        return Self.keys(from: raw).map { key in
            key.mouse.map { Key(mouse: clicks.count($0, at: now)) } ?? key
        }
    }

    nonisolated static let pasteStart: [UInt32] = [27, 91, 50, 48, 48, 126] // ESC [ 2 0 0 ~
    nonisolated static let pasteEnd: [UInt32] = [27, 91, 50, 48, 49, 126]   // ESC [ 2 0 1 ~

    nonisolated static let keyMouseCode = UInt32(nc_key_mouse())
    nonisolated static let mouseOn = "\u{1B}[?1000h\u{1B}[?1006h"
    nonisolated static let mouseOff = "\u{1B}[?1006l\u{1B}[?1000l"

    nonisolated static func keys(from raw: [(function: Bool, code: UInt32)]) -> [Key] {
        var keys: [Key] = []
        var run = ""
        func flush() {
            if run.count == 1 { keys.append(run == " " ? Key("space") : Key(run)) } else if !run.isEmpty { keys.append(Key(paste: run)) }
            run = ""
        }
        func matches(_ seq: [UInt32], at i: Int) -> Bool {
            i + seq.count <= raw.count && (0..<seq.count).allSatisfy { !raw[i + $0].function && raw[i + $0].code == seq[$0] }
        }
        var i = 0
        while i < raw.count {
            if matches(pasteStart, at: i) {
                flush()
                i += pasteStart.count
                var text = String.UnicodeScalarView()
                while i < raw.count, !matches(pasteEnd, at: i) {
                    if !raw[i].function, let s = UnicodeScalar(raw[i].code) { text.append(s == "\r" ? "\n" : s) }
                    i += 1
                }
                i += pasteEnd.count
                keys.append(Key(paste: String(text)))
                continue
            }
            // A sequence ncurses did not decode (Home as ESC [ 1 ~ ...) is its key, never Esc.
            if let (key, count) = EscapeSequences.decode(raw, at: i) {
                flush()
                if let key { keys.append(key) }
                i += count
                continue
            }
            let (function, code) = raw[i]
            i += 1
            if !function, code >= 32, code != 127, let s = UnicodeScalar(code) {
                run.unicodeScalars.append(s)
                continue
            }
            flush()
            if function, code == keyMouseCode {
                // ncurses took `ESC [ <` (or `ESC [ M`) as KEY_MOUSE; the report's rest follows.
                let (key, count) = EscapeSequences.mouseTail(raw, from: i)
                if let key { keys.append(key) }
                i += count
                continue
            }
            if let k = function ? functionKey(Int32(code)) : characterKey(code) { keys.append(k) }
        }
        flush()
        return keys
    }

    nonisolated static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return Key("up")
        case KEY_DOWN: return Key("down")
        case KEY_LEFT: return Key("left")
        case KEY_RIGHT: return Key("right")
        case KEY_PPAGE: return Key("pgup")
        case KEY_NPAGE: return Key("pgdn")
        case KEY_HOME: return Key("home")
        case KEY_END: return Key("end")
        case KEY_ENTER: return Key("enter")
        case KEY_BACKSPACE: return Key("backspace")
        case KEY_DC: return Key("delete")
        case KEY_IC: return Key("insert")
        case KEY_BTAB: return Key("backtab")
        case KEY_RESIZE: return Key("resize")
        case KEY_F0 + 1...KEY_F0 + 12: return Key("f\(code - KEY_F0)")
        default: return nil
        }
    }

    nonisolated static func characterKey(_ v: UInt32) -> Key? {
        switch v {
        case 13, 10: return Key("enter")
        case 27: return Key("esc")
        case 9: return Key("tab")
        case 127, 8: return Key("backspace")
        case 32: return Key("space")
        case 1...26: return Key("ctrl-" + String(UnicodeScalar(UInt8(96 + v))))
        default:
            guard let s = UnicodeScalar(v), v >= 32 else { return nil }
            return Key(String(Character(s)))
        }
    }

    /// Restores the terminal. Safe to call twice.
    /// Written straight to the terminal, around curses (it has no notion of OSC sequences).
    public func copyToClipboard(_ text: String) {
        nc_write_raw(OSC52.sequence(text))
    }

    public func stop() {
        guard started else { return }
        started = false
        if ownsProcessTerminal {
            nc_write_raw("\u{1B}[?2004l")
        }
        if mouse { nc_write_raw(Self.mouseOff) }
        curs_set(1)
        endwin()
    }
}

private extension UInt32 {
    var toWidth: Int32 { Int32(bitPattern: self) }
}
