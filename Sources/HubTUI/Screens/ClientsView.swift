import Foundation
import HubCore

/// The clients view: one row per client (company legal name, numbers live / needing action,
/// max channels, payment model, balance where it applies, partner payload). Only the rows on
/// screen are drawn: 10,000 clients cost what 30 do.
enum ClientsView {
    static let columns: [(title: String, width: Int)] = [("Company legal name", 0), ("Numbers", 9), ("Live", 6), ("Action", 7),
                                                         ("Max", 5), ("Payment", 9), ("Balance", 13), ("Partner payload", 18)]

    /// The client on row `y` of the view in `r`, as drawn.
    static func client(at y: Int, _ state: AppState, _ r: Rect) -> String? {
        let v = state.clientsView
        let height = r.height - 1
        let first = max(0, min(v.scroll, max(0, v.shown.count - height)))
        let i = first + (y - r.y - 1)
        guard y > r.y, y < r.y + r.height, v.shown.indices.contains(i) else { return nil }
        return v.rows[v.shown[i]].id
    }

    static func draw(_ buf: inout CellBuffer, _ state: AppState, _ r: Rect, _ c: RenderContext) {
        let v = state.clientsView
        guard r.height >= 3, r.width >= 20 else { return }
        // The fixed columns that fit; the company takes the rest (at least 18).
        var fixed = Array(columns.dropFirst())
        while !fixed.isEmpty, fixed.reduce(0, { $0 + $1.width }) + 20 > r.width - 3 { fixed.removeLast() }
        let companyWidth = r.width - 3 - fixed.reduce(0) { $0 + $1.width }
        func cells(_ values: [String], y: Int, style: Style, numbersRole: Role? = nil) {
            var x = r.x + 2
            Draw.text(&buf, values[0], x: x, y: y, width: companyWidth - 1, style: style, g: c.glyphs)
            x += companyWidth
            for (i, col) in fixed.enumerated() {
                let text = values[i + 1]
                if i < 5 || col.title == "Balance" {
                    Draw.right(&buf, DisplayWidth.truncate(text, to: col.width - 1, ellipsis: c.glyphs.ellipsis), right: x + col.width - 1, y: y,
                               style: i == 2 && numbersRole != nil ? Style(numbersRole!, bold: true) : style)
                } else {
                    Draw.text(&buf, text, x: x + 1, y: y, width: col.width - 1, style: style, g: c.glyphs)
                }
                x += col.width
            }
        }
        cells([columns[0].title] + fixed.map(\.title) + Array(repeating: "", count: columns.count - 1 - fixed.count),
              y: r.y, style: Style(.title, bold: true))
        let height = r.height - 1
        if v.shown.isEmpty {
            let msg = v.rows.isEmpty ? (state.dataAsOf == nil ? "Loading clients…" : "No clients yet.")
                : "No client matches \"\(Sanitizer.oneLine(v.filter.field.text, max: 60))\". Esc clears the filter."
            Draw.text(&buf, msg, x: r.x + 2, y: r.y + 1, width: r.width - 4, style: Style(.muted), g: c.glyphs)
            return
        }
        let selected = v.selectedIndex
        let first = max(0, min(v.scroll, max(0, v.shown.count - height)))
        for (i, index) in v.shown.dropFirst(first).prefix(height).enumerated() {
            let row = v.rows[index]
            let y = r.y + 1 + i
            let isSelected = first + i == selected
            let style = Style(isSelected ? .selected : .normal, bold: isSelected)
            if isSelected {
                buf.fill(x: r.x, y: y, width: r.width, height: 1, style: style)
                buf.put(c.glyphs.pointer, x: r.x, y: y, style: style)
            }
            let balance = row.directPayment ? (row.balance.map(c.money) ?? c.glyphs.ellipsis) : (c.glyphs.unicode ? "—" : "-")
            let values = [row.company, "\(row.numbers)", "\(row.live)", "\(row.needingAction)", row.maxChannels.map(String.init) ?? "(10)",
                          row.payment.columnLabel, balance, row.partnerPayload ?? "—"]
            cells(values, y: y, style: style, numbersRole: row.needingAction > 0 && !isSelected ? .warn : nil)
        }
        if v.shown.count > height, let selected {
            Draw.right(&buf, " \(selected + 1)/\(v.shown.count) ", right: r.x + r.width - 1, y: r.y + r.height - 1, style: Style(.muted))
        }
    }
}
