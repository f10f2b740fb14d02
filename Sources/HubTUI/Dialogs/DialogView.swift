import Foundation
import HubCore

/// The dialog stack over the screen, bottom first. Only the top one looks active; each part
/// goes where `DialogFrame` (shared with the reducer) puts it.
enum DialogView {
    static func draw(_ buf: inout CellBuffer, _ state: AppState, _ layout: Layout, _ c: RenderContext) {
        let items = state.dialogs.items
        for (depth, d) in items.enumerated() {
            draw(&buf, d, frame: DialogFrame(d, layout: layout, depth: depth), top: depth == items.count - 1, state, c)
        }
    }

    static func draw(_ buf: inout CellBuffer, _ d: Dialog, frame f: DialogFrame, top: Bool, _ state: AppState, _ c: RenderContext) {
        let r = f.rect
        guard r.width >= 10, r.height >= 5 else { return }
        buf.fill(x: r.x, y: r.y, width: r.width, height: r.height, style: Style(.overlay))
        Draw.box(&buf, r, style: Style(top ? .overlayTitle : .border), g: c.glyphs, title: d.title,
                 titleStyle: Style(top ? .overlayTitle : .muted, bold: top))
        if let steps = d.steps, let y = f.stepsY { StepperView.draw(&buf, steps, x: f.inner.x, y: y, width: f.inner.width, c) }
        let active = top && d.working == nil
        switch d.body {
        case .form(let form): FormView.draw(&buf, form, in: f.body, active: active, c)
        case .confirm(let confirm): ConfirmView.draw(&buf, confirm, in: f.body, footerY: f.footerY, active: active, c)
        case .text(let text): ScrollTextView.draw(&buf, text, in: f.body, c)
        case .table(let table): DataTableView.draw(&buf, table, in: f.body, c)
        case .message(let lines): MessageView.draw(&buf, lines, in: f.body, c)
        }
        if let s = d.secret { SecretView.draw(&buf, s, x: f.body.x, y: f.body.y + f.body.height - 1, width: f.body.width, c) }
        if let n = d.notice { NoticeView.draw(&buf, n, lines: f.noticeLines, x: f.inner.x, y: f.noticeY, width: f.inner.width, c) }
        if let w = d.working, let y = f.workingY { ProgressView.draw(&buf, w, now: state.now, x: f.inner.x, y: y, width: f.inner.width, c) }
        if d.working != nil { return } // no buttons while work is in flight: Esc hides it
        switch d.body {
        case .form(let form): FormView.drawFooter(&buf, form, x: f.inner.x, y: f.footerY, width: f.inner.width, active: active, c)
        case .message: ButtonsView.draw(&buf, [("OK", true, true)], x: f.inner.x, y: f.footerY, width: f.inner.width, c)
        case .text, .table:
            // The wizard's keys, closer together when the dialog is narrow (never "Esc lea…").
            let wide = "Enter next  S-Tab back  Esc leave"
            let text = d.steps == nil ? "Esc close" : DisplayWidth.of(wide) <= f.inner.width ? wide : "Enter next S-Tab back Esc leave"
            Draw.text(&buf, text, x: f.inner.x, y: f.footerY, width: f.inner.width, style: Style(.muted), g: c.glyphs)
        case .confirm: break
        }
    }
}

/// A row of buttons, right-aligned: the focused one bracketed and highlighted (brackets keep
/// it visible without colour), a disabled one muted.
enum ButtonsView {
    static func draw(_ buf: inout CellBuffer, _ buttons: [(label: String, focused: Bool, enabled: Bool)], x: Int, y: Int, width: Int, _ c: RenderContext) {
        for (b, span) in zip(buttons, spans(buttons.map(\.label), x: x, width: width)) {
            let role: Role = b.focused ? (b.enabled ? .selected : .muted) : (b.enabled ? .key : .muted)
            let text = b.focused ? "[ \(b.label) ]" : "  \(b.label)  "
            buf.put(text, x: span.lowerBound, y: y, style: Style(role, bold: b.focused), maxWidth: x + width - span.lowerBound)
        }
    }

    /// The columns each button takes (focused or not: the brackets replace two spaces), shared
    /// with the mouse so a click lands on what is drawn.
    static func spans(_ labels: [String], x: Int, width: Int) -> [Range<Int>] {
        let widths = labels.map { DisplayWidth.of($0) + 4 }
        var bx = max(x, x + width - widths.reduce(0) { $0 + $1 + 1 })
        return widths.map { w in
            defer { bx += w + 1 }
            return bx..<min(bx + w, x + width)
        }
    }
}

/// A key shown once: bullets unless revealed, the last four characters always (to tell two apart).
enum SecretView {
    static func draw(_ buf: inout CellBuffer, _ s: SecretField, x: Int, y: Int, width: Int, _ c: RenderContext) {
        let value = Sanitizer.oneLine(s.value, max: 200)
        let bullet = c.glyphs.unicode ? "•" : "*"
        let shown = s.revealed ? value : String(repeating: bullet, count: max(0, value.count - 4)) + value.suffix(4)
        let x1 = buf.put("Key  ", x: x, y: y, style: Style(.overlayTitle, bold: true), maxWidth: width)
        buf.put(shown, x: x1, y: y, style: Style(.input, bold: true), maxWidth: x + width - x1)
    }
}

enum MessageView {
    static func draw(_ buf: inout CellBuffer, _ lines: [String], in r: Rect, _ c: RenderContext) {
        for (i, line) in TextWrap.wrap(lines.map(Sanitizer.terminalSafe), width: r.width).prefix(r.height).enumerated() {
            Draw.text(&buf, line, x: r.x, y: r.y + i, width: r.width, style: Style(.overlay), g: c.glyphs)
        }
    }
}

enum NoticeView {
    static func role(_ level: Notice.Level) -> Role {
        switch level {
        case .info: return .muted
        case .success: return .ok
        case .warning: return .warn
        case .error: return .bad
        }
    }

    static func draw(_ buf: inout CellBuffer, _ n: Notice, lines: [String], x: Int, y: Int, width: Int, _ c: RenderContext) {
        let mark: String
        switch n.level {
        case .info: mark = c.glyphs.unicode ? "ℹ" : "i"
        case .success: mark = c.glyphs.unicode ? "✓" : "+"
        case .warning: mark = c.glyphs.warning
        case .error: mark = c.glyphs.unicode ? "✗" : "x"
        }
        for (i, line) in lines.enumerated() {
            let prefix = i == 0 ? mark + " " : "  "
            Draw.text(&buf, prefix + line, x: x, y: y + i, width: width, style: Style(role(n.level), bold: n.level == .error), g: c.glyphs)
        }
    }
}

enum ProgressView {
    static let unicodeFrames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    static let asciiFrames = ["|", "/", "-", "\\"]

    static func draw(_ buf: inout CellBuffer, _ p: ProgressLine, now: Date, x: Int, y: Int, width: Int, _ c: RenderContext) {
        let frames = c.glyphs.unicode ? unicodeFrames : asciiFrames
        var text = frames[p.frame(at: now, count: frames.count)] + " " + p.label
        if let count = p.countText { text += " · " + count }
        Draw.text(&buf, text, x: x, y: y, width: width, style: Style(.warn, bold: true), g: c.glyphs)
    }
}

enum StepperView {
    /// "Company › Destination › Numbers": the current step bold, done ones marked, later ones muted.
    static func draw(_ buf: inout CellBuffer, _ s: Stepper, x: Int, y: Int, width: Int, _ c: RenderContext) {
        var cx = x
        let sep = c.glyphs.unicode ? " › " : " > "
        // Too wide for every name ("6 Appr" was cut): the current step keeps its name, the
        // others show their number only, so none is cut.
        func label(_ i: Int, _ step: String, full: Bool) -> String {
            let done = i < s.current
            return (done ? (c.glyphs.unicode ? "✓ " : "+ ") : "") + (full || i == s.current ? "\(i + 1) \(step)" : "\(i + 1)")
        }
        let fullWidth = s.steps.enumerated().reduce(0) { $0 + DisplayWidth.of(label($1.offset, $1.element, full: true)) + 3 } - 3
            + (c.monochrome ? 2 : 0)
        let full = fullWidth <= width
        for (i, step) in s.steps.enumerated() {
            let label = label(i, step, full: full)
            let role: Role = i == s.current ? .overlayTitle : i < s.current ? .ok : .muted
            cx = buf.put(i == s.current && c.monochrome ? "[\(label)]" : label, x: cx, y: y, style: Style(role, bold: i == s.current),
                         maxWidth: x + width - cx)
            if i < s.steps.count - 1 { cx = buf.put(sep, x: cx, y: y, style: Style(.muted), maxWidth: x + width - cx) }
        }
    }
}
