import HubCore

/// A form, field under field: label, input (or options, or a note, or a review table), the
/// field's error or help. The body scrolls so the focused field is always in view.
enum FormView {
    enum Row: Equatable {
        case label(String, focused: Bool)
        case input(field: Int)
        case option(field: Int, row: Int)
        case note(String, Emphasis)
        case review(field: Int, row: Int)
        /// `first`: the error's first line carries the ✗; its wrapped lines are indented under it.
        case error(String, first: Bool)
        case help(String)
        case blank
    }

    /// The rows of a form at a width, each with the index of the field it belongs to.
    static func rows(_ form: Form, width: Int) -> [(field: Int, row: Row)] {
        var out: [(Int, Row)] = []
        for (i, f) in form.fields.enumerated() {
            let focused = i == form.focus
            switch f.kind {
            case .note(let text, let e):
                for line in TextWrap.wrap([Sanitizer.terminalSafe(text)], width: width) { out.append((i, .note(line, e))) }
            case .review(let t):
                for r in t.rows.indices { out.append((i, .review(field: i, row: r))) }
            case .text:
                out.append((i, .label(f.label, focused: focused)))
                out.append((i, .input(field: i)))
            case .select(let s):
                out.append((i, .label(f.label, focused: focused)))
                for r in 0..<min(s.visibleRows, s.options.count) { out.append((i, .option(field: i, row: r))) }
            }
            if let e = f.error {
                for (n, line) in TextWrap.wrap([e], width: width - 4).enumerated() { out.append((i, .error(line, first: n == 0))) }
            } else if focused, let h = f.help {
                for line in TextWrap.wrap([h], width: width - 2) { out.append((i, .help(line))) }
            }
            if i < form.fields.count - 1 { out.append((i, .blank)) }
        }
        return out
    }

    /// The first row shown: the top, unless the focused field would be below the fold.
    static func firstRow(_ rows: [(field: Int, row: Row)], focus: Int, height: Int) -> Int {
        guard rows.count > height else { return 0 }
        let focusRows = rows.indices.filter { rows[$0].field == focus && rows[$0].row != .blank }
        guard let lo = focusRows.first, let hi = focusRows.last else { return 0 }
        var first = 0
        if hi >= first + height { first = hi - height + 1 }
        if lo < first { first = lo }
        return min(max(0, first), rows.count - height)
    }

    static func draw(_ buf: inout CellBuffer, _ form: Form, in r: Rect, active: Bool, _ c: RenderContext) {
        let all = rows(form, width: r.width)
        let first = firstRow(all, focus: form.focus, height: r.height)
        let g = c.glyphs
        for (i, item) in all.dropFirst(first).prefix(r.height).enumerated() {
            let y = r.y + i
            let focused = active && item.field == form.focus
            switch item.row {
            case let .label(text, isFocus):
                let marker = isFocus && active ? g.pointer + " " : "  "
                Draw.text(&buf, marker + text, x: r.x, y: y, width: r.width, style: Style(isFocus && active ? .overlayTitle : .overlay, bold: isFocus && active), g: g)
            case .input(let f):
                if case .text(let t) = form.fields[f].kind {
                    TextFieldView.draw(&buf, t, x: r.x + 2, y: y, width: min(r.width - 2, max(t.maxLength + 1, 12)), focused: focused, c)
                }
            case let .option(f, row):
                // The list draws itself on its first row.
                if row == 0, case .select(let s) = form.fields[f].kind {
                    SelectListView.draw(&buf, s, x: r.x + 2, y: y, width: r.width - 2, focused: focused, c)
                }
            case let .note(text, e):
                Draw.text(&buf, text, x: r.x, y: y, width: r.width, style: Style(ReviewTableView.role(e), bold: e == .strong), g: g)
            case let .review(f, row):
                if case .review(let t) = form.fields[f].kind {
                    ReviewTableView.draw(&buf, t, rows: row..<(row + 1), x: r.x, y: y, width: r.width, c)
                }
            case let .error(text, first):
                Draw.text(&buf, (first ? (g.unicode ? "✗ " : "x ") : "  ") + text, x: r.x + 2, y: y, width: r.width - 2, style: Style(.bad, bold: true), g: g)
            case .help(let text):
                Draw.text(&buf, text, x: r.x + 2, y: y, width: r.width - 2, style: Style(.muted), g: g)
            case .blank:
                break
            }
        }
        if all.count > r.height {
            let more = first + r.height < all.count ? (g.unicode ? "↓ more" : "v more") : (g.unicode ? "↑ more" : "^ more")
            Draw.right(&buf, more, right: r.x + r.width, y: r.y + r.height - 1, style: Style(.muted))
        }
    }

    /// "Enter Review · Esc Cancel" as buttons: the submit one is focused on the last field.
    static func drawFooter(_ buf: inout CellBuffer, _ form: Form, x: Int, y: Int, width: Int, active: Bool, _ c: RenderContext) {
        let onLast = form.fields.lastIndex { $0.isFocusable } == form.focus
        let errors = form.fields.filter { $0.error != nil }.count
        if errors > 0 {
            Draw.text(&buf, "\(errors) field\(errors == 1 ? "" : "s") to fix", x: x, y: y, width: width / 2, style: Style(.bad), g: c.glyphs)
        }
        ButtonsView.draw(&buf, [("Cancel", false, true), (form.submitLabel, active && onLast, true)], x: x, y: y, width: width, c)
    }
}
