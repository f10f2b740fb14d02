import HubCore

/// A question, what it acts on (review rows, a table such as a refund's plan, lines under it),
/// the text to type when it cannot be undone, and Cancel (the default) beside Confirm, which
/// stays greyed out until the typed text matches. Content taller than the dialog scrolls
/// (Up/Down, PgUp/PgDn) while the typed field stays at the bottom.
enum ConfirmView {
    enum Line {
        case text(String, bold: Bool)
        case review(Int)
        case heading
        case row(Int)
        case blank
    }

    /// The content as lines, in the order `Confirm.contentHeight` counts them.
    static func lines(_ confirm: Confirm, width: Int) -> [Line] {
        var out: [Line] = TextWrap.wrap(confirm.message.map(Sanitizer.terminalSafe), width: max(1, width)).enumerated()
            .map { .text($0.element, bold: $0.offset == 0) }
        if let review = confirm.review { out.append(.blank); out += review.rows.indices.map(Line.review) }
        if let table = confirm.table { out.append(.blank); out.append(.heading); out += table.rows.indices.map(Line.row) }
        if !confirm.after.isEmpty {
            out.append(.blank)
            out += TextWrap.wrap(confirm.after.map(Sanitizer.terminalSafe), width: max(1, width)).map { .text($0, bold: true) }
        }
        return out
    }

    static func draw(_ buf: inout CellBuffer, _ confirm: Confirm, in r: Rect, footerY: Int, active: Bool, _ c: RenderContext) {
        // Too small to show what is confirmed and the field to type it: say so, never arm.
        if !confirm.fits(r) {
            let text = TextWrap.wrap(["Too small: enlarge the terminal to 80x24 to confirm this."], width: max(1, r.width))
            for (i, line) in text.prefix(max(0, r.height)).enumerated() {
                Draw.text(&buf, line, x: r.x, y: r.y + i, width: r.width, style: Style(.bad, bold: true), g: c.glyphs)
            }
            ButtonsView.draw(&buf, [(confirm.cancelLabel, true, true)], x: r.x, y: footerY, width: r.width, c)
            return
        }
        let all = lines(confirm, width: r.width)
        var page = max(1, r.height - confirm.typingHeight)
        // Taller than the dialog: the last line of the page says where the agent is.
        let scrolls = all.count > page
        if scrolls { page = max(1, page - 1) }
        let offset = min(confirm.offset, max(0, all.count - page))
        for (i, line) in all.dropFirst(offset).prefix(page).enumerated() {
            draw(&buf, line, confirm, x: r.x, y: r.y + i, width: r.width, c)
        }
        if scrolls {
            let more = all.count - offset - page
            let text = "\(offset + 1)-\(min(all.count, offset + page)) of \(all.count) lines" + (more > 0 ? " · \(more) more below, PgDn" : " · PgUp for the top")
            Draw.text(&buf, text, x: r.x, y: r.y + page, width: r.width, style: Style(.muted), g: c.glyphs)
        }
        if let expected = confirm.typeToConfirm {
            let y = r.y + r.height - 2
            var prompt = "Type \(Sanitizer.terminalSafe(expected))"
            if let n = confirm.acceptsSuffix { prompt += " (or its last \(n))" }
            prompt += " to confirm:"
            if confirm.unreadShown { prompt = "Read it all first: PgDn shows the rest (the total is below)." }
            Draw.text(&buf, prompt, x: r.x, y: y, width: r.width, style: Style(confirm.mismatchShown || confirm.unreadShown ? .bad : .overlay, bold: true), g: c.glyphs)
            let fieldWidth = min(r.width, max(24, expected.count + 4))
            TextFieldView.draw(&buf, confirm.field, x: r.x, y: y + 1, width: fieldWidth, focused: active, c)
            // Enter on text that does not match says so beside it (it used to only turn red).
            if confirm.mismatchShown, r.width - fieldWidth > 8 {
                Draw.text(&buf, "\(c.glyphs.unicode ? "✗" : "x") doesn't match \(Sanitizer.terminalSafe(expected))", x: r.x + fieldWidth + 1, y: y + 1,
                          width: r.width - fieldWidth - 1, style: Style(.bad, bold: true), g: c.glyphs)
            }
        }
        let enabled = confirm.canConfirm
        ButtonsView.draw(&buf, [(confirm.cancelLabel, confirm.focus == .cancel && (confirm.typeToConfirm == nil || !enabled), true),
                                (confirm.confirmLabel, confirm.focus == .confirm && enabled, enabled)],
                         x: r.x, y: footerY, width: r.width, c)
    }

    static func draw(_ buf: inout CellBuffer, _ line: Line, _ confirm: Confirm, x: Int, y: Int, width: Int, _ c: RenderContext) {
        switch line {
        case .blank: break
        case let .text(text, bold):
            Draw.text(&buf, text, x: x, y: y, width: width, style: Style(.overlay, bold: bold), g: c.glyphs)
        case .review(let i):
            if let review = confirm.review { ReviewTableView.draw(&buf, review, rows: i..<(i + 1), x: x, y: y, width: width, c) }
        case .heading:
            if let t = confirm.table { DataTableView.row(&buf, t, t.columns, x: x, y: y, width: width, style: Style(.overlayTitle, bold: true), c) }
        case .row(let i):
            if let t = confirm.table { DataTableView.row(&buf, t, t.rows[i], x: x, y: y, width: width, style: Style(.overlay), c) }
        }
    }
}
