import Foundation
import HubCore

/// Help (generated from the keymap), the command palette and the notification center, drawn
/// as a centred box over the screen.
enum OverlayView {
    static func draw(_ buf: inout CellBuffer, _ overlay: AppState.Overlay, _ state: AppState, _ c: RenderContext) {
        let rect = Self.rect(width: buf.width, height: buf.height)
        buf.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, style: Style(.overlay))
        switch overlay {
        case .help: help(&buf, rect, state, c)
        case .palette(let p): palette(&buf, rect, p, state, c)
        case .notifications: notifications(&buf, rect, state, c)
        case .liveStatus: LiveStatusView.draw(&buf, rect, state, c)
        case .overview: OverviewView.draw(&buf, rect, state, c)
        }
    }

    static func rect(width: Int, height: Int) -> Rect {
        let w = min(width - 4, 100)
        let h = min(height - 4, 30)
        return Rect(x: (width - w) / 2, y: max(1, (height - h) / 2), width: w, height: h)
    }

    static func help(_ buf: inout CellBuffer, _ r: Rect, _ s: AppState, _ c: RenderContext) {
        Draw.box(&buf, r, style: Style(.overlayTitle), g: c.glyphs, title: "Help · keys", titleStyle: Style(.overlayTitle, bold: true))
        drawColumns(&buf, r, helpLines(s, c), scroll: s.overlayScroll, c)
    }

    /// What help lists: the dialog's keys when one is open, else every command by group, then
    /// what the cards' short words and glyphs mean.
    static func helpLines(_ s: AppState, _ c: RenderContext) -> [(String, String, Bool)] {
        var lines: [(String, String, Bool)] = []
        if let d = s.dialogs.top {
            // Help follows the dialog: its keys, then the editing keys every text field shares.
            lines.append(("In \"\(d.title)\"", "", true))
            for h in DialogKeys.hints(d) { lines.append((h.key, h.text, false)) }
            let hasTextFields: Bool = { if case .form = d.body { return true } else { return d.takesText } }()
            if hasTextFields {
                lines.append(("Text fields", "", true))
                for (k, t) in [("←→ Home End", "move the cursor (Ctrl-A/E too)"), ("Ctrl-W", "delete the word before"), ("Ctrl-U", "clear"),
                               ("Ctrl-K", "delete to the end")] {
                    lines.append((k, t, false))
                }
            }
            lines.append(("F1 / Ctrl-P", "this help / the dialog's commands", false))
            return lines
        }
        var groups: [String: [Command]] = [:]
        for cmd in Command.allCases where cmd.isAvailable(readOnly: s.readOnly) && !c.keymap.keys(cmd).isEmpty { groups[cmd.group, default: []].append(cmd) }
        for group in CommandDescriptor.Group.allCases.map(\.rawValue) {
            guard let cmds = groups[group] else { continue }
            lines.append((group, "", true))
            for cmd in cmds { lines.append((c.keymap.label(cmd), cmd.help, false)) }
        }
        return lines + legend(c)
    }

    /// The cards' words and glyphs, in the Hub's words (C4).
    static func legend(_ c: RenderContext) -> [(String, String, Bool)] {
        let u = c.glyphs.unicode
        return [
            ("On a card", "", true),
            ("OBO", "Message on behalf", false),
            ("MBV", "Meta business verification", false),
            ("REG", "Number registration", false),
            (u ? "✓" : "+", "done (approved, verified, registered)", false),
            (u ? "…" : "~", "pending: nothing for the client to do yet", false),
            (u ? "✗" : "x", "the client must act (rejected, Meta needs info)", false),
            (u ? "○" : "o", "not started (number not registered)", false),
            (u ? "–" : "-", "deregistered (pending deletion)", false),
            ("?", "unknown: the API did not say", false),
            ("! …", "the first action required from the client", false),
            ("N+", "need action: some balances not loaded yet", false),
        ]
    }

    /// The last offset that still fills help at this size (the router clamps with it).
    static func helpMaxScroll(_ s: AppState, _ layout: Layout, _ c: RenderContext) -> Int {
        let r = rect(width: layout.width, height: layout.height)
        let (rows, columns) = rowsAndColumns(helpLines(s, c), in: r)
        return max(0, rows.count - max(1, r.height - 2) * columns)
    }

    /// The lines as drawn: a description longer than its column continues on the next row
    /// (nothing is cut, at 40 columns as at 120). Two columns only when one does not hold every
    /// row and each column still holds a command's words (at 80 columns two would cut "Meta
    /// business verification"): else one column that scrolls.
    static func rowsAndColumns(_ all: [(String, String, Bool)], in r: Rect) -> (rows: [(String, String, Bool)], columns: Int) {
        func wrapped(_ columns: Int) -> [(String, String, Bool)] {
            let width = max(8, (r.width - 4) / columns - 14)
            return all.flatMap { line -> [(String, String, Bool)] in
                if line.2 || line.1.isEmpty { return [line] }
                return TextWrap.wrap([line.1], width: width).enumerated().map { i, text in (i == 0 ? line.0 : "", text, false) }
            }
        }
        let one = wrapped(1)
        guard r.width >= 92, one.count > r.height - 2 else { return (one, 1) }
        return (wrapped(2), 2)
    }

    static func drawColumns(_ buf: inout CellBuffer, _ r: Rect, _ all: [(String, String, Bool)], scroll: Int = 0, _ c: RenderContext) {
        let innerH = r.height - 2
        let (rows, columns) = rowsAndColumns(all, in: r)
        let colW = (r.width - 4) / columns
        let first = max(0, min(scroll, rows.count - innerH * columns))
        let lines = Array(rows.dropFirst(first))
        if rows.count > innerH * columns {
            // Scrolls instead of cutting: where the agent is, and how to see the rest.
            let more = rows.count - first - innerH * columns
            let text = more > 0 ? " \(more) more \(c.glyphs.unicode ? "↓" : "v") (↑↓ PgDn) " : " end (↑ PgUp) "
            Draw.right(&buf, text, right: r.x + r.width - 2, y: r.y + r.height - 1, style: Style(.overlayTitle, bold: true))
        }
        for (i, line) in lines.enumerated() {
            let col = i / innerH
            guard col < columns else { break }
            let x = r.x + 2 + col * colW
            let y = r.y + 1 + i % innerH
            if line.2 {
                buf.put(line.0, x: x, y: y, style: Style(.overlayTitle, bold: true))
            } else {
                let keys = DisplayWidth.fit(line.0, to: 12, ellipsis: c.glyphs.ellipsis)
                buf.put(keys, x: x, y: y, style: Style(.key, bold: true))
                Draw.text(&buf, line.1, x: x + 13, y: y, width: colW - 14, style: Style(.overlay), g: c.glyphs)
            }
        }
    }

    static func palette(_ buf: inout CellBuffer, _ r: Rect, _ p: PaletteState, _ s: AppState, _ c: RenderContext) {
        let title = s.dialogs.top.map { "Commands · \($0.title)" } ?? "Commands"
        Draw.box(&buf, r, style: Style(.overlayTitle), g: c.glyphs, title: title, titleStyle: Style(.overlayTitle, bold: true))
        buf.put(":", x: r.x + 2, y: r.y + 1, style: Style(.input, bold: true))
        TextFieldView.draw(&buf, p.query, x: r.x + 3, y: r.y + 1, width: r.width - 5, focused: true, c)
        let query = p.query.text, selected = p.selected
        let entries = Palette.filter(c.paletteEntries(s), query: query)
        if entries.isEmpty {
            Draw.text(&buf, "No command matches \"\(query)\".", x: r.x + 2, y: r.y + 3, width: r.width - 4, style: Style(.muted), g: c.glyphs)
            return
        }
        let rows = r.height - 4
        let sel = min(max(0, selected), entries.count - 1)
        let first = max(0, sel - rows + 1)
        for (i, e) in entries.dropFirst(first).prefix(rows).enumerated() {
            let y = r.y + 3 + i
            let isSel = first + i == sel
            let style = Style(isSel ? .selected : .overlay, bold: isSel)
            if isSel { buf.fill(x: r.x + 1, y: y, width: r.width - 2, height: 1, style: style) }
            let marker = isSel ? c.glyphs.pointer + " " : "  "
            let nx = buf.put(marker + DisplayWidth.fit(e.name, to: 20, ellipsis: c.glyphs.ellipsis), x: r.x + 1, y: y, style: style)
            let kx = buf.put(" " + DisplayWidth.fit(e.keys, to: 10, ellipsis: c.glyphs.ellipsis), x: nx, y: y, style: Style(isSel ? .selected : .key, bold: true))
            Draw.text(&buf, " " + e.description, x: kx, y: y, width: r.x + r.width - 1 - kx, style: style, g: c.glyphs)
        }
    }

    static func notifications(_ buf: inout CellBuffer, _ r: Rect, _ s: AppState, _ c: RenderContext) {
        let history = s.notificationsShown
        let level = s.notificationLevel.map { $0 == .error ? "errors" : "warnings and errors" } ?? "all"
        Draw.box(&buf, r, style: Style(.overlayTitle), g: c.glyphs, title: "Notifications · \(history.count) · \(level)", titleStyle: Style(.overlayTitle, bold: true))
        Draw.right(&buf, " ↑↓ choose · Enter go to the number · l level ", right: r.x + r.width - 2, y: r.y + r.height - 1, style: Style(.overlayTitle))
        if history.isEmpty {
            let text = s.notificationLevel == nil ? "No notifications yet. Changes to your clients' accounts show here." : "None at this level (l shows all)."
            Draw.text(&buf, text, x: r.x + 2, y: r.y + 2, width: r.width - 4, style: Style(.muted), g: c.glyphs)
            return
        }
        let rows = r.height - 2
        let selected = min(s.overlayScroll, history.count - 1)
        let first = max(0, selected - rows + 1)
        for (i, n) in history.dropFirst(first).prefix(rows).enumerated() {
            let y = r.y + 1 + i
            let isSelected = first + i == selected
            if isSelected { buf.fill(x: r.x + 1, y: y, width: r.width - 2, height: 1, style: Style(.selected)) }
            let role: Role = isSelected ? .selected : n.level == .error ? .bad : n.level == .warning ? .warn : .ok
            let tag = n.level == .error ? "ERR " : n.level == .warning ? "WARN" : "INFO"
            var x = buf.put((isSelected ? c.glyphs.pointer : " ") + " " + c.clock(n.time) + " ", x: r.x + 1, y: y, style: Style(isSelected ? .selected : .muted))
            x = buf.put(tag + " ", x: x, y: y, style: Style(role, bold: true))
            Draw.text(&buf, n.text, x: x, y: y, width: r.x + r.width - 2 - x, style: Style(isSelected ? .selected : .overlay), g: c.glyphs)
        }
    }
}
