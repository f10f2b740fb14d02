import Foundation
import HubCore

/// WhatsApp Accounts (C1): one card per channel. Only the rows on screen are drawn, so 50,000
/// channels cost what 50 do.
enum CardGridView {
    /// The cards on screen and where each goes; drawing and the mouse share it.
    static func cards(_ state: AppState, _ layout: Layout) -> [(id: String, index: Int, rect: Rect)] {
        // The same selector the balance watching reads: what is drawn is what is kept fresh.
        let onScreen = state.onScreenChannelIDs(layout)
        return zip(onScreen.indices, onScreen).map { offset, id in
            let n = offset - onScreen.startIndex
            let row = n / layout.columns, col = n % layout.columns
            return (id, offset, Rect(x: layout.grid.x + col * (layout.cardWidth + Layout.gap), y: layout.grid.y + row * Layout.cardHeight,
                                     width: layout.cardWidth, height: Layout.cardHeight))
        }
    }

    static func draw(_ buf: inout CellBuffer, _ state: AppState, _ layout: Layout, _ c: RenderContext) {
        let grid = layout.grid
        if state.visible.isEmpty {
            if state.dataAsOf == nil, case .stopped(let reason) = state.live.phase {
                // Nothing will load until the connection is fixed: say why here, not "Loading".
                let lines = TextWrap.wrap(["Not connected. " + Sanitizer.terminalSafe(reason), "L shows the live status; r tries again."],
                                          width: max(1, grid.width - 4))
                for (i, line) in lines.prefix(max(1, grid.height - 2)).enumerated() {
                    Draw.text(&buf, line, x: grid.x + 2, y: grid.y + 1 + i, width: grid.width - 4, style: Style(i < lines.count - 1 ? .bad : .muted), g: c.glyphs)
                }
                return
            }
            let msg = state.dataAsOf == nil ? "Loading WhatsApp Accounts…"
                : state.filterText.isEmpty ? "No WhatsApp Accounts yet." : "No number matches \"\(state.filterText)\". Esc clears the filter."
            Draw.text(&buf, msg, x: grid.x + 2, y: grid.y + 1, width: grid.width - 4, style: Style(.muted), g: c.glyphs)
            return
        }
        let selectedIndex = state.selection.flatMap { state.visible.firstIndex(of: $0) }
        var previousClient: String?
        for (n, card) in cards(state, layout).enumerated() {
            if let record = state.records[card.id] {
                // Grouped: the first card of each client on screen carries its name on the top border.
                let client = record.channel.resolvedClientId
                let groupTitle = state.groupByClient && (n == 0 || client != previousClient) ? record.company : nil
                previousClient = client
                CardView.draw(&buf, record, state: state, rect: card.rect, selected: card.index == selectedIndex,
                              highlighted: state.highlightedUntil[record.id].map { $0 > state.now } ?? false, groupTitle: groupTitle, c)
            }
        }
        // Where we are in a long list.
        let totalRows = (state.visible.count + layout.columns - 1) / layout.columns
        if totalRows > layout.visibleRows, let i = selectedIndex {
            let pos = "\(i + 1)/\(state.visible.count)"
            Draw.right(&buf, " \(pos) ", right: grid.x + grid.width - 1, y: grid.y + grid.height - 1, style: Style(.muted))
        }
    }
}

enum CardView {
    static func draw(_ buf: inout CellBuffer, _ r: ChannelRecord, state: AppState, rect: Rect, selected: Bool, highlighted: Bool,
                     groupTitle: String? = nil, _ c: RenderContext) {
        let g = c.glyphs
        let border = Style(selected ? .borderSelected : highlighted ? .highlight : .border, bold: selected)
        Draw.box(&buf, rect, style: border, g: g, title: groupTitle.map { Sanitizer.oneLine($0, max: 80) }, titleStyle: Style(.title, bold: true))
        if selected && c.monochrome { buf.put(g.pointer, x: rect.x, y: rect.y + 1, style: Style(.borderSelected, bold: true)) }
        let inner = rect.width - 4
        let x = rect.x + 2
        guard inner > 4 else { return }
        let fillRole: Role = selected ? .selected : .normal

        // 1: number and lifecycle badge
        let badge = c.monochrome ? "[\(r.lifecycle.label)]" : "\(g.dot) \(r.lifecycle.label)"
        let shortBadge = c.monochrome ? "[\(r.lifecycle.shortLabel)]" : "\(g.dot) \(r.lifecycle.shortLabel)"
        let phone = r.phone.isEmpty ? "(no number)" : r.phone
        let useBadge = DisplayWidth.of(phone) + DisplayWidth.of(badge) + 1 <= inner ? badge : shortBadge
        let bx = Draw.right(&buf, useBadge, right: x + inner, y: rect.y + 1, style: Style(r.lifecycle.role, bold: true))
        Draw.text(&buf, phone, x: x, y: rect.y + 1, width: bx - x - 1, style: Style(fillRole, bold: true), g: g)

        // 2: display name; 3: company legal name
        Draw.text(&buf, r.channel.displayName ?? "—", x: x, y: rect.y + 2, width: inner, style: Style(fillRole), g: g)
        Draw.text(&buf, r.company.isEmpty ? "—" : r.company, x: x, y: rect.y + 3, width: inner, style: Style(.dim), g: g)

        // 4: activation statuses, short, and the balance of direct-payment clients
        var ax = x
        for (column, status) in [(ActivationStatus.Column.messageOnBehalf, r.activation.messageOnBehalf),
                                 (.metaBusinessVerification, r.activation.metaBusinessVerification),
                                 (.numberRegistration, r.activation.numberRegistration)] {
            guard ax + 6 <= x + inner else { break }
            ax = buf.put(column.short, x: ax, y: rect.y + 4, style: Style(.muted))
            ax = buf.put(g.unicode ? status.glyph : status.asciiGlyph, x: ax, y: rect.y + 4, style: Style(status.role, bold: true)) + 2
        }
        // The number's own balance when known (C7), the client's total otherwise (live mode), for
        // direct-payment clients; "balance ✗" when the server refused the client's (the details say why).
        let refused = r.channel.resolvedClientId.flatMap { state.clientErrors[$0] } != nil
        let direct = ClientPayment.of(state.client(for: r), balance: state.balance(for: r)?.balance) == .direct
        var balance: (String, Role)?
        if direct, let money = state.funds[r.id]?.balance ?? state.balance(for: r)?.balance {
            balance = (c.money(money), money.isNegative ? .bad : money.isZero ? .warn : .normal)
        } else if refused {
            balance = (g.unicode ? "balance ✗" : "balance x", .bad)
        } else if direct {
            balance = ("balance …", .muted)
        }
        if let (text, role) = balance, ax + DisplayWidth.of(text) <= x + inner {
            Draw.right(&buf, text, right: x + inner, y: rect.y + 4, style: Style(role, bold: role == .bad && !refused))
        }

        // 5: the first action required (a number being deleted says since when)
        if let since = r.deletionPendingSince {
            let when = since.map { " since \(String(c.dateTime($0).prefix(10)))" } ?? ""
            Draw.text(&buf, "\(g.warning) Pending deletion\(when)", x: x, y: rect.y + 5, width: inner, style: Style(.warn), g: g)
        } else if let action = r.actions.first {
            let more = r.actions.count > 1 ? " +\(r.actions.count - 1)" : ""
            // An error's message stays in sight beside the seed's guidance (C15).
            var text = "\(action.label)\(more)"
            if action == .supportTicket, case .error(let message?) = r.lifecycle { text += " · \(message)" }
            Draw.text(&buf, "\(g.warning) \(text)", x: x, y: rect.y + 5, width: inner, style: Style(action == .supportTicket ? .bad : .warn), g: g)
        } else if case .error(let message?) = r.lifecycle {
            Draw.text(&buf, "\(g.warning) \(message)", x: x, y: rect.y + 5, width: inner, style: Style(.bad), g: g)
        } else if let (text, role) = fundsLine(state.funds[r.id], readOnly: state.readOnly, c) {
            Draw.text(&buf, text, x: x, y: rect.y + 5, width: inner, style: Style(role, bold: role == .bad), g: g)
        } else {
            Draw.text(&buf, r.channel.hostingPlatform.description, x: x, y: rect.y + 5, width: inner, style: Style(.muted), g: g)
        }
    }

    /// The card's funds action (C7a): a refund in flight, Refund when above 0, Add funds below.
    /// Read-only advertises no key it does not have.
    static func fundsLine(_ f: ChannelFunds?, readOnly: Bool = false, _ c: RenderContext) -> (String, Role)? {
        guard let f else { return nil }
        if let pending = f.pendingRefund { return ("Refund pending \(c.glyphs.separator) \(c.money(pending.amount))", .warn) }
        if readOnly { return nil }
        switch f.actions.first {
        case .refund?: return ("Refund · R", .key)
        case .addFunds?: return ("Add funds · F", .bad)
        case nil: return nil
        }
    }
}
