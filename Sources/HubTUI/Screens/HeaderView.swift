import Foundation
import HubCore

/// Row 0: who, which mode, how many, how live. Row 1: the section title, sort and filter.
enum HeaderView {
    static func draw(_ buf: inout CellBuffer, _ state: AppState, _ layout: Layout, _ c: RenderContext) {
        let w = buf.width
        buf.fill(x: 0, y: 0, width: w, height: 1, style: Style(.header))
        var x = buf.put(" partnerhub ", x: 0, y: 0, style: Style(.header, bold: true))
        let brand = state.partner.map { "\(Sanitizer.terminalSafe($0.brandName ?? $0.id)) (\($0.id))" } ?? "connecting…"
        let badge = (state.mode == .sandbox ? " SANDBOX " : " LIVE ") + (state.readOnly ? "READ-ONLY " : "")
        let live = liveText(state, c, room: max(16, w / 2 - 4))
        let sep = c.glyphs.separator
        // What matters most stays: the badge, then the counts, then as much of the brand as fits.
        // While the first part of a list is shown: how much of it is here.
        let shown = state.loadingTotal.map { "\(state.channelCount) of \($0)" } ?? "\(state.channelCount)"
        // "+": balances of some direct-payment clients are not loaded yet (only the clients on
        // screen are asked, 1 per 10 s), so more may need funds than counted (help explains).
        let need = "\(state.needsActionCount)\(state.someBalancesUnknown ? "+" : "")"
        let longCounts = "\(shown) numbers \(sep) \(need) need action"
        let shortCounts = "\(shown) \(sep) \(need) need action"
        let free = w - x - DisplayWidth.of(badge) - DisplayWidth.of(live) - 5
        let counts = DisplayWidth.of(longCounts) + 12 <= free ? longCounts : DisplayWidth.of(shortCounts) + 8 <= free ? shortCounts : ""
        let brandWidth = free - (counts.isEmpty ? 0 : DisplayWidth.of(counts) + 2)
        if brandWidth >= 6 {
            Draw.text(&buf, brand, x: x, y: 0, width: brandWidth, style: Style(.header), g: c.glyphs)
            x += min(brandWidth, DisplayWidth.of(brand)) + 1
        }
        x = buf.put(badge, x: x, y: 0, style: Style(state.mode == .sandbox ? .badgeSandbox : .badgeLive, bold: true)) + 2
        if !counts.isEmpty { buf.put(counts, x: x, y: 0, style: Style(state.needsActionCount > 0 ? .headerAccent : .header)) }
        Draw.right(&buf, live, right: w - 1, y: 0, style: Style(liveRole(state)))

        // Row 1
        if state.mainView == .clients { return clientsTitle(&buf, state, c) }
        var title = "WhatsApp Accounts"
        if let scope = state.clientScope {
            let name = state.clientsView.rows.first { $0.id == scope }?.company ?? state.clients[scope]?.displayCompany ?? scope
            title += " \(c.glyphs.separator) \(DisplayWidth.truncate(Sanitizer.oneLine(name, max: 80), to: max(8, w / 3), ellipsis: c.glyphs.ellipsis))"
        }
        if state.stateFilter != .all { title += " \(c.glyphs.separator) \(state.stateFilter.label): \(state.visible.count) (f, Esc: all)" }
        if state.groupByClient { title += " \(c.glyphs.separator) by client" }
        if state.detailsOpen, layout.grid.isEmpty { title += " \(c.glyphs.separator) Show details" }
        let tx = buf.put(" " + title, x: 0, y: 1, style: Style(.title, bold: true)) + 2
        let sort = "sort: \(state.sort.rawValue)" + (c.glyphs.unicode ? " ▾" : " v")
        if !state.filterText.isEmpty || state.filterEditing {
            filterLine(&buf, state.filter, x: tx, shown: state.visible.count,
                       of: state.clientScope == nil ? state.channelCount : state.visible.count, sort: sort, c)
        }
        Draw.right(&buf, sort, right: w - 1, y: 1, style: Style(.muted))
    }

    /// "/text▏ 12 of 48439" after the title, cut to leave room for the sort.
    static func filterLine(_ buf: inout CellBuffer, _ f: FilterState, x: Int, shown: Int, of total: Int, sort: String, _ c: RenderContext) {
        let cursor = f.editing ? (c.glyphs.unicode ? "▏" : "_") : ""
        let label = "/" + Sanitizer.terminalSafe(f.field.text) + cursor
        let count = " \(shown) of \(total)"
        let room = buf.width - x - DisplayWidth.of(sort) - DisplayWidth.of(count) - 3
        let end = buf.put(DisplayWidth.truncate(label, to: max(4, room), ellipsis: c.glyphs.ellipsis), x: x, y: 1, style: Style(.input, bold: f.editing))
        buf.put(count, x: end, y: 1, style: Style(.muted))
    }

    /// The clients view's title row: its filter and its sort, like the cards'.
    static func clientsTitle(_ buf: inout CellBuffer, _ state: AppState, _ c: RenderContext) {
        let w = buf.width
        let v = state.clientsView
        let tx = buf.put(" Clients", x: 0, y: 1, style: Style(.title, bold: true)) + 2
        let sort = "sort: \(v.sort.rawValue)" + (c.glyphs.unicode ? " ▾" : " v")
        if !v.filter.field.text.isEmpty || v.filter.editing {
            filterLine(&buf, v.filter, x: tx, shown: v.shown.count, of: v.rows.count, sort: sort, c)
        } else {
            buf.put("\(v.rows.count) clients", x: tx, y: 1, style: Style(.muted))
        }
        Draw.right(&buf, sort, right: w - 1, y: 1, style: Style(.muted))
    }

    /// `room`: the most this may take of the header (a stopped connection's reason is long;
    /// `L` shows it in full).
    static func liveText(_ s: AppState, _ c: RenderContext, room: Int = 80) -> String {
        switch s.live.phase {
        case .paused: return "paused"
        case .loading where s.dataAsOf == nil: return "loading…"
        case .backingOff(let reason, let at):
            let retry = at.map { ", retry \(c.clock($0))" } ?? ""
            return "backing off: \(DisplayWidth.truncate(reason, to: 40, ellipsis: c.glyphs.ellipsis))\(retry)"
        case .stopped(let reason):
            return "stopped: \(DisplayWidth.truncate(reason, to: max(4, min(60, room - 13)), ellipsis: c.glyphs.ellipsis)) (L)"
        default:
            guard let asOf = s.dataAsOf else { return "loading…" }
            if s.loadingTotal != nil, !s.dataFromCache { return "loading…" }
            if s.dataFromCache { return "as of \(c.clock(asOf)) (cached)" }
            // The last poll that answered, and apart from it the last change: a quiet partner is
            // checked often and changes rarely, and the header must not make it look stale.
            guard let checked = s.live.lastSuccess, checked > asOf else { return "\(c.glyphs.dot) checked \(c.clock(asOf))" }
            let both = "\(c.glyphs.dot) checked \(c.clock(checked)) \(c.glyphs.separator) changed \(c.clock(asOf))"
            return DisplayWidth.of(both) <= room ? both : "\(c.glyphs.dot) checked \(c.clock(checked))"
        }
    }

    static func liveRole(_ s: AppState) -> Role {
        switch s.live.phase {
        case .backingOff: return .flashWarning
        case .stopped: return .flashError
        case .paused: return .headerAccent
        default: return s.dataFromCache ? .headerAccent : .header
        }
    }
}
