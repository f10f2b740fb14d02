import HubCore

/// Wrapped read-only text at its offset, with "12-30/80" when it scrolls.
enum ScrollTextView {
    static func draw(_ buf: inout CellBuffer, _ t: ScrollText, in r: Rect, _ c: RenderContext) {
        let lines = t.lines(width: r.width)
        for (i, line) in lines.dropFirst(t.offset).prefix(r.height).enumerated() {
            Draw.text(&buf, line, x: r.x, y: r.y + i, width: r.width, style: Style(.overlay), g: c.glyphs)
        }
        if lines.count > r.height {
            let pos = " \(t.offset + 1)-\(min(lines.count, t.offset + r.height))/\(lines.count) "
            Draw.right(&buf, pos, right: r.x + r.width, y: r.y + r.height, style: Style(.muted))
        }
    }
}

/// Column headings and rows, each column cut to its width; the last takes the rest.
enum DataTableView {
    static func draw(_ buf: inout CellBuffer, _ t: DataTable, in r: Rect, _ c: RenderContext) {
        guard t.selectable else { return drawReadOnly(&buf, t, in: r, c) }
        var y = r.y
        if t.filtering || !t.filter.isEmpty {
            let count = " \(t.shown.count)/\(t.rows.count)"
            buf.put("/", x: r.x, y: y, style: Style(.key, bold: true))
            TextFieldView.draw(&buf, t.filter, x: r.x + 2, y: y, width: max(3, r.width - 2 - DisplayWidth.of(count)), focused: t.filtering, c)
            Draw.right(&buf, count, right: r.x + r.width, y: y, style: Style(.muted))
            y += 1
        }
        // A gutter for the pointer: the cursor's row shows without colour too.
        row(&buf, t, t.columns, x: r.x + 2, y: y, width: r.width - 2, style: Style(.overlayTitle, bold: true), c)
        let height = r.y + r.height - y - 1
        guard height > 0 else { return }
        if t.shown.isEmpty, !t.rows.isEmpty {
            Draw.text(&buf, "Nothing matches \"\(t.filter.text)\" (Esc clears the filter).", x: r.x, y: y + 1, width: r.width, style: Style(.muted), g: c.glyphs)
            return
        }
        let first = t.firstVisible(height: height)
        for (i, index) in t.shown.dropFirst(first).prefix(height).enumerated() {
            let atCursor = first + i == t.cursor
            let style = atCursor ? Style(.selected, bold: true) : Style(.overlay)
            if atCursor {
                buf.fill(x: r.x, y: y + 1 + i, width: r.width, height: 1, style: style)
                buf.put(c.glyphs.pointer, x: r.x, y: y + 1 + i, style: style)
            }
            row(&buf, t, t.rows[index], x: r.x + 2, y: y + 1 + i, width: r.width - 2, style: style, c)
        }
        if t.shown.count > height {
            Draw.right(&buf, " \(t.cursor + 1)/\(t.shown.count) ", right: r.x + r.width, y: r.y + r.height, style: Style(.muted))
        }
    }

    static func drawReadOnly(_ buf: inout CellBuffer, _ t: DataTable, in r: Rect, _ c: RenderContext) {
        row(&buf, t, t.columns, x: r.x, y: r.y, width: r.width, style: Style(.overlayTitle, bold: true), c)
        let height = r.height - 1
        for (i, cells) in t.rows.dropFirst(t.offset).prefix(height).enumerated() {
            row(&buf, t, cells, x: r.x, y: r.y + 1 + i, width: r.width, style: Style(.overlay), c)
        }
        if t.rows.count > height {
            Draw.right(&buf, " \(t.offset + 1)-\(min(t.rows.count, t.offset + height))/\(t.rows.count) ", right: r.x + r.width, y: r.y + r.height,
                       style: Style(.muted))
        }
    }

    /// One row, each cell cut to its column; a column width below 0 aligns the cell right
    /// (amounts), and 0 takes what is left.
    static func row(_ buf: inout CellBuffer, _ t: DataTable, _ cells: [String], x left: Int, y: Int, width: Int, style: Style, _ c: RenderContext) {
        var x = left
        for (i, cell) in cells.enumerated() where x < left + width {
            let declared = i < t.widths.count ? t.widths[i] : 0
            let w = declared != 0 ? min(abs(declared), left + width - x) : left + width - x
            let text = Sanitizer.terminalSafe(cell)
            if declared < 0 {
                Draw.right(&buf, DisplayWidth.truncate(text, to: w - 1), right: x + w - 1, y: y, style: style)
            } else {
                Draw.text(&buf, text, x: x, y: y, width: w - 1, style: style, g: c.glyphs)
            }
            x += w
        }
    }
}

/// Label: value rows to check before going on.
enum ReviewTableView {
    static func role(_ e: Emphasis) -> Role {
        switch e {
        case .normal, .strong: return .overlay
        case .muted: return .muted
        case .good: return .ok
        case .warning: return .warn
        case .bad: return .bad
        }
    }

    static func draw(_ buf: inout CellBuffer, _ t: ReviewTable, rows: Range<Int>, x: Int, y: Int, width: Int, _ c: RenderContext) {
        let labelWidth = min(24, max(10, (t.rows.map { DisplayWidth.of($0.label) }.max() ?? 10) + 2))
        for (i, index) in rows.enumerated() where t.rows.indices.contains(index) {
            let row = t.rows[index]
            Draw.text(&buf, row.label, x: x, y: y + i, width: labelWidth - 1, style: Style(.muted), g: c.glyphs)
            Draw.text(&buf, row.value, x: x + labelWidth, y: y + i, width: width - labelWidth, style: Style(role(row.emphasis), bold: row.emphasis == .strong),
                      g: c.glyphs)
        }
    }
}
