import HubCore

/// A question, what it acts on, the text to type when it cannot be undone, and Cancel (the
/// default) beside Confirm, which stays greyed out until the typed text matches.
enum ConfirmView {
    static func draw(_ buf: inout CellBuffer, _ confirm: Confirm, in r: Rect, footerY: Int, active: Bool, _ c: RenderContext) {
        var y = r.y
        let bottom = r.y + r.height
        for line in TextWrap.wrap(confirm.message.map(Sanitizer.terminalSafe), width: r.width) where y < bottom {
            Draw.text(&buf, line, x: r.x, y: y, width: r.width, style: Style(.overlay, bold: y == r.y), g: c.glyphs)
            y += 1
        }
        if let review = confirm.review, y < bottom {
            y += 1
            let n = min(review.rows.count, bottom - y)
            ReviewTableView.draw(&buf, review, rows: 0..<n, x: r.x, y: y, width: r.width, c)
            y += n
        }
        if let expected = confirm.typeToConfirm, y + 2 < bottom + 1 {
            y += 1
            var prompt = "Type \(Sanitizer.terminalSafe(expected))"
            if let n = confirm.acceptsSuffix { prompt += " (or its last \(n))" }
            prompt += " to confirm:"
            Draw.text(&buf, prompt, x: r.x, y: y, width: r.width, style: Style(confirm.mismatchShown ? .bad : .overlay, bold: true), g: c.glyphs)
            y += 1
            if y < bottom + 1 {
                TextFieldView.draw(&buf, confirm.field, x: r.x, y: y, width: min(r.width, max(24, expected.count + 4)), focused: active, c)
            }
        }
        let enabled = confirm.canConfirm
        ButtonsView.draw(&buf, [(confirm.cancelLabel, confirm.focus == .cancel && (confirm.typeToConfirm == nil || !enabled), true),
                                (confirm.confirmLabel, confirm.focus == .confirm && enabled, enabled)],
                         x: r.x, y: footerY, width: r.width, c)
    }
}
