/// Escape sequences that reach us undecoded: ncurses decodes only what the terminfo entry of
/// `$TERM` lists, so Home sent as `ESC [ 1 ~` by PuTTY, rxvt, screen or tmux under
/// `TERM=xterm` arrives as ESC, `[`, `1`, `~`. Read as Esc plus typed text, that closed a form
/// with its input and typed "[1~" into the next field. Here every CSI and SS3 sequence of the
/// common terminals (xterm, rxvt, screen/tmux, the Linux console, PuTTY) becomes its key;
/// modifiers are dropped (Ctrl-Home is Home); an unknown sequence is swallowed, never an Esc.
enum EscapeSequences {
    /// What a sequence starting with ESC at `start` is: a key (or nil: swallowed) and how
    /// many codes it took. Nil when `start` is not the start of a sequence (a lone Esc).
    static func decode(_ raw: [(function: Bool, code: UInt32)], at start: Int) -> (key: Key?, count: Int)? {
        guard start < raw.count, !raw[start].function, raw[start].code == 27 else { return nil }
        let next = start + 1
        guard next < raw.count, !raw[next].function else { return nil }
        switch raw[next].code {
        case 0x5B: // "[": CSI
            return csi(raw, from: next + 1).map { ($0.key, $0.end - start) }
        case 0x4F: // "O": SS3 (application keypad and cursor mode, F1-F4 on xterm)
            guard next + 1 < raw.count, !raw[next + 1].function else { return (nil, 2) }
            return (ss3(raw[next + 1].code), 3)
        default:
            // Esc, then a key typed before the next read (`Esc ?` opens help): both count.
            return nil
        }
    }

    /// `ESC [` parameters, intermediates, final byte. `from` is the first code after `[`.
    static func csi(_ raw: [(function: Bool, code: UInt32)], from: Int) -> (key: Key?, end: Int)? {
        var i = from
        var params = ""
        // The Linux console's F1-F5: ESC [ [ A .. E.
        if i < raw.count, !raw[i].function, raw[i].code == 0x5B {
            guard i + 1 < raw.count, !raw[i + 1].function else { return (nil, i + 1) }
            let f = Int(raw[i + 1].code) - 0x41 + 1
            return ((1...5).contains(f) ? Key("f\(f)") : nil, i + 2)
        }
        while i < raw.count, !raw[i].function {
            let c = raw[i].code
            if (0x30...0x3F).contains(c) { params.unicodeScalars.append(Unicode.Scalar(UInt8(c))); i += 1; continue } // digits ; < = > ?
            // rxvt ends Shift-keys with "$" (ESC [ 8 $), which ECMA-48 counts as an intermediate.
            if c == 0x24, !params.isEmpty, params.allSatisfy(\.isNumber) { return (final(c, params: params), i + 1) }
            if (0x20...0x2F).contains(c) { i += 1; continue } // intermediates
            // X10 mouse (`ESC [ M` and three bytes, each 32 more than its value): never typed text.
            if c == 0x4D, params.isEmpty { return x10Mouse(raw, from: i + 1) }
            if (0x40...0x7E).contains(c) { return (final(c, params: params), i + 1) }
            break // not a sequence byte: the sequence was cut; swallow what was read
        }
        return (nil, i)
    }

    static func final(_ c: UInt32, params: String) -> Key? {
        // SGR mouse: `ESC [ < b ; x ; y M` (press) or `m` (release), 1-based cells.
        if params.hasPrefix("<") {
            let n = params.dropFirst().split(separator: ";").map { Int($0) }
            guard n.count == 3, let b = n[0], let x = n[1], let y = n[2], c == 0x4D || c == 0x6D,
                  let e = MouseEvent.sgr(button: b, x: x - 1, y: y - 1, released: c == 0x6D) else { return nil }
            return Key(mouse: e)
        }
        // Other private sequences (focus, device answers): swallowed.
        if params.hasPrefix("?") || params.hasPrefix(">") { return nil }
        let first = Int(params.split(separator: ";").first ?? "") ?? 0
        if let key = cursor(c) { return key }
        switch Unicode.Scalar(UInt8(c)) {
        case "Z": return Key("backtab")
        case "P" where first <= 1: return Key("f1") // CSI 1;2P: Shift-F1 on xterm
        case "Q" where first <= 1: return Key("f2")
        case "R" where first <= 1: return Key("f3")
        case "S" where first <= 1: return Key("f4")
        case "~", "^", "$", "@": return tilde(first) // rxvt marks Ctrl, Shift, both with ^ $ @
        default: return nil
        }
    }

    /// What follows a KEY_MOUSE that ncurses matched on the terminfo's `kmous` without decoding
    /// it (partnerhub does not enable ncurses' mouse): an SGR report's `b;x;yM` or X10's three
    /// bytes. `from` is the first code after KEY_MOUSE; returns the key and the codes it took.
    static func mouseTail(_ raw: [(function: Bool, code: UInt32)], from: Int) -> (key: Key?, count: Int) {
        guard from < raw.count, !raw[from].function else { return (nil, 0) }
        let first = raw[from].code
        if (0x30...0x39).contains(first) || first == 0x3C { // a digit, or "<" when kmous was "\E["
            let start = first == 0x3C ? from + 1 : from
            var params = "<"
            var i = start
            while i < raw.count, !raw[i].function, (0x30...0x3B).contains(raw[i].code) {
                params.unicodeScalars.append(Unicode.Scalar(UInt8(raw[i].code)))
                i += 1
            }
            guard i < raw.count, !raw[i].function else { return (nil, i - from) }
            return (final(raw[i].code, params: params), i + 1 - from)
        }
        let (key, end) = x10Mouse(raw, from: from)
        return (key, end - from)
    }

    /// The three bytes after `ESC [ M`: button, column, row, each plus 32. Release is button 3.
    static func x10Mouse(_ raw: [(function: Bool, code: UInt32)], from: Int) -> (key: Key?, end: Int) {
        guard from + 3 <= raw.count, (from..<from + 3).allSatisfy({ !raw[$0].function }) else { return (nil, min(raw.count, from + 3)) }
        let b = Int(raw[from].code) - 32, x = Int(raw[from + 1].code) - 33, y = Int(raw[from + 2].code) - 33
        guard b >= 0, x >= 0, y >= 0 else { return (nil, from + 3) }
        let e = b & 3 == 3 && b & 64 == 0 ? MouseEvent(.release, x: x, y: y) : MouseEvent.sgr(button: b, x: x, y: y, released: false)
        return (e.map { Key(mouse: $0) }, from + 3)
    }

    /// `ESC [ n ~`, by the number: the vt220 editing keys and the function keys.
    static func tilde(_ n: Int) -> Key? {
        switch n {
        case 1, 7: return Key("home") // 1: vt220/PuTTY/screen, 7: rxvt
        case 4, 8: return Key("end")  // 4: vt220/PuTTY/screen, 8: rxvt
        case 2: return Key("insert")
        case 3: return Key("delete")
        case 5: return Key("pgup")
        case 6: return Key("pgdn")
        case 11...15: return Key("f\(n - 10)")   // rxvt, PuTTY: F1-F5
        case 17...21: return Key("f\(n - 11)")   // F6-F10
        case 23, 24: return Key("f\(n - 12)")    // F11, F12
        default: return nil // 200/201 (paste) are handled before; others are swallowed
        }
    }

    static func ss3(_ c: UInt32) -> Key? {
        if let key = cursor(c) { return key }
        switch Unicode.Scalar(UInt8(truncatingIfNeeded: c)) {
        case "M": return Key("enter") // keypad Enter
        case "P": return Key("f1")
        case "Q": return Key("f2")
        case "R": return Key("f3")
        case "S": return Key("f4")
        default: return nil
        }
    }

    /// The cursor keys, the same after CSI and SS3: arrows, Home, End, and rxvt's lowercase
    /// arrows (Shift after CSI, Ctrl after SS3).
    static func cursor(_ c: UInt32) -> Key? {
        switch Unicode.Scalar(UInt8(truncatingIfNeeded: c)) {
        case "A", "a": return Key("up")
        case "B", "b": return Key("down")
        case "C", "c": return Key("right")
        case "D", "d": return Key("left")
        case "H": return Key("home")
        case "F": return Key("end")
        default: return nil
        }
    }
}
