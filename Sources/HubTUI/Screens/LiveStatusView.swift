import Foundation
import HubCore

/// `L` / `:live-status`: what the live engine is doing, one row per data source, so an agent
/// can see why a number looks stale (backing off, paused, waiting for its budget).
enum LiveStatusView {
    static func draw(_ buf: inout CellBuffer, _ r: Rect, _ s: AppState, _ c: RenderContext) {
        let title = "Live status" + (s.live.phase == .paused ? " · paused (p resumes)" : "")
        Draw.box(&buf, r, style: Style(.overlayTitle), g: c.glyphs, title: title, titleStyle: Style(.overlayTitle, bold: true))
        let rows = s.live.sources
        guard !rows.isEmpty else {
            Draw.text(&buf, "Waiting for the first poll.", x: r.x + 2, y: r.y + 2, width: r.width - 4, style: Style(.muted), g: c.glyphs)
            return
        }
        // Columns: source, last update, next run, requests in the budget window, budget, state.
        // Narrow boxes drop the budget columns so the state (the error) stays readable.
        let wide = r.width >= 96
        let widths = wide ? [18, 10, 10, 6, 24] : [17, 10, 10, 0, 0]
        let header = ["Source", "Updated", "Next", "Used", "Budget", "State"].enumerated().filter { $0.offset >= widths.count || widths[$0.offset] > 0 }.map(\.element)
        let columns = widths.filter { $0 > 0 }
        var x = r.x + 2
        for (i, h) in header.enumerated() {
            buf.put(h, x: x, y: r.y + 1, style: Style(.overlayTitle, bold: true))
            if i < columns.count { x += columns[i] }
        }
        for (i, row) in rows.prefix(r.height - 4).enumerated() {
            let y = r.y + 2 + i
            let name = row.count > 1 ? "\(row.name) (\(row.count))" : row.name
            let cells = [name, row.lastSuccess.map(c.clock) ?? "never", row.nextRun.map(c.clock) ?? "-", "\(row.used)", row.budget]
            var x = r.x + 2
            for (j, text) in cells.enumerated() where widths[j] > 0 {
                Draw.text(&buf, text, x: x, y: y, width: widths[j] - 1, style: Style(.overlay), g: c.glyphs)
                x += widths[j]
            }
            let (state, role): (String, Role) = row.inFlight ? ("fetching", .ok)
                : row.error.map { (row.stopped ? "stopped: \($0)" : "backing off: \($0)", .bad) } ?? ("ok", .ok)
            Draw.text(&buf, state, x: x, y: y, width: r.x + r.width - 2 - x, style: Style(role), g: c.glyphs)
        }
        if case .stopped(let reason) = s.live.phase {
            // The one thing to fix, in full: the header has room for a few words only.
            let text = Sanitizer.terminalSafe(reason)
            let lines = TextWrap.wrap(["Stopped: " + text + (text.hasSuffix(".") ? "" : ".") + " Press r to try again."], width: r.width - 4)
            let shown = lines.prefix(max(1, min(4, r.height - 4 - rows.count)))
            for (i, line) in shown.enumerated() {
                Draw.text(&buf, line, x: r.x + 2, y: r.y + r.height - 1 - shown.count + i, width: r.width - 4, style: Style(.bad, bold: true), g: c.glyphs)
            }
            return
        }
        Draw.text(&buf, "Budgets are never exceeded, not even by r; balances are polled for the cards on screen.",
                  x: r.x + 2, y: r.y + r.height - 2, width: r.width - 4, style: Style(.muted), g: c.glyphs)
    }
}
