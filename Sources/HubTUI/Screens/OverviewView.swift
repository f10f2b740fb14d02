import Foundation
import HubCore

/// The live overview (`O`): every number by state as one stacked bar (each state its own fill,
/// so it reads without colour too), the counts under it with the chosen one marked, what
/// waits, and the last hour's changes as a sparkline.
enum OverviewView {
    static func fill(_ s: StateFilter, _ unicode: Bool) -> (String, Role) {
        switch s {
        case .live: return (unicode ? "█" : "#", .ok)
        case .pending: return (unicode ? "▓" : "=", .warn)
        case .error: return (unicode ? "▒" : "x", .bad)
        case .unregistered: return (unicode ? "░" : "-", .bad)
        case .pendingDeletion: return (unicode ? "▚" : "~", .muted)
        default: return (unicode ? "▞" : ".", .muted)
        }
    }

    /// Cells per segment: proportional, at least one for a state that has numbers, summing to `width`.
    static func widths(_ counts: [Int], width: Int) -> [Int] {
        let total = counts.reduce(0, +)
        guard total > 0, width > 0 else { return counts.map { _ in 0 } }
        var w = counts.map { $0 == 0 ? 0 : max(1, Int((Double($0) / Double(total) * Double(width)).rounded(.down))) }
        var rest = width - w.reduce(0, +)
        // What rounding left goes to the largest segments (taken back from them when over).
        let order = counts.indices.sorted { counts[$0] > counts[$1] }
        var i = 0
        while rest != 0, !order.isEmpty, i < 10_000 {
            let k = order[i % order.count]
            if counts[k] > 0, rest > 0 || w[k] > 1 { w[k] += rest > 0 ? 1 : -1; rest += rest > 0 ? -1 : 1 }
            i += 1
        }
        return w
    }

    static func draw(_ buf: inout CellBuffer, _ r: Rect, _ s: AppState, _ c: RenderContext) {
        let g = c.glyphs
        Draw.box(&buf, r, style: Style(.overlayTitle), g: g, title: "Overview", titleStyle: Style(.overlayTitle, bold: true))
        let o = s.overview
        let x = r.x + 2, w = r.width - 4
        var y = r.y + 1
        func line(_ text: String, _ role: Role = .overlay, bold: Bool = false) {
            guard y < r.y + r.height - 1 else { return }
            Draw.text(&buf, text, x: x, y: y, width: w, style: Style(role, bold: bold), g: g)
            y += 1
        }
        line("\(ProgressLine.grouped(o.total)) numbers \(g.separator) \(o.needAction)\(s.someBalancesUnknown ? "+" : "") need action", .overlayTitle, bold: true)
        line("Refunds in flight: \(o.refundsInFlight) (of the \(o.fundsRead) numbers whose funds were read)")
        line("Partner change requests waiting: " + (o.partnerChangesWaiting.map(String.init) ?? "not read yet"))
        y += 1
        // The bar.
        let widths = Self.widths(o.counts.map(\.count), width: w)
        var bx = x
        if y < r.y + r.height - 1 {
            for (seg, cells) in zip(o.counts, widths) where cells > 0 {
                let (char, role) = fill(seg.state, g.unicode)
                bx = buf.put(String(repeating: char, count: cells), x: bx, y: y, style: Style(role))
            }
            y += 2
        }
        // The counts, the chosen state marked.
        let chosen = min(max(0, s.overlayScroll), Overview.states.count - 1)
        for (i, seg) in o.counts.enumerated() {
            guard y < r.y + r.height - 1 else { break }
            let (char, role) = fill(seg.state, g.unicode)
            let selected = i == chosen
            let style = Style(selected ? .selected : .overlay, bold: selected)
            if selected { buf.fill(x: x, y: y, width: w, height: 1, style: style) }
            var lx = buf.put(selected ? g.pointer : " ", x: x, y: y, style: style)
            lx = buf.put(" " + char + char + " ", x: lx, y: y, style: selected ? style : Style(role))
            let share = o.total > 0 ? seg.count * 100 / o.total : 0
            // A state with numbers never reads "0 %".
            let pct = o.total > 0 ? (seg.count > 0 && share == 0 ? " (<1 %)" : " (\(share) %)") : ""
            Draw.text(&buf, "\(seg.state.label.padding(toLength: 18, withPad: " ", startingAt: 0))\(String(seg.count).leftPadded(6))\(pct)",
                      x: lx, y: y, width: x + w - lx, style: style, g: g)
            y += 1
        }
        if o.other > 0 { line("   Other (sandbox or unknown status): \(o.other)", .muted) }
        y += 1
        // The last hour.
        let marks: [Character] = g.unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "=", "+", "*", "#", "#"]
        let peak = max(1, o.lastHour.max() ?? 1)
        let spark = String(o.lastHour.map { $0 == 0 ? (g.unicode ? " " : " ") : marks[min(7, ($0 * 8 - 1) / peak)] })
        let changes = o.lastHour.reduce(0, +)
        line("Last hour: \(spark)  \(changes) change\(changes == 1 ? "" : "s") (notifications, 5 minutes a mark)")
        let footerY = r.y + r.height - 2
        if y <= footerY {
            Draw.text(&buf, "←→ choose a state  Enter shows its cards  Esc closes", x: x, y: footerY, width: w, style: Style(.muted), g: g)
        }
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
