import Foundation
import HubCore

/// Show details (C2, C5): the tabs Overview, Template Message Manager, Insights & Billing and
/// Partner Settings for the selected number.
enum DetailsView {
    enum Line: Equatable {
        case heading(String)
        case field(String, String, Role)
        case text(String, Role)
        case blank
    }

    /// The tab bar (row `rect.y + 1`): the Hub's full titles when they fit, shorter ones when
    /// not; drawing and the mouse share it.
    static func tabs(_ state: AppState, rect: Rect, _ c: RenderContext) -> [(tab: AppState.DetailTab, text: String, x: Range<Int>)] {
        let room = rect.width - 4
        let layouts: [(Bool, Bool)] = [(true, true), (false, true), (false, false)]
        let choice = layouts.first { full, padded in
            AppState.DetailTab.allCases.reduce(0) { $0 + DisplayWidth.of(tabLabel($1, full: full, padded: padded, active: false, c)) + 1 } <= room
        } ?? (false, false)
        var out: [(AppState.DetailTab, String, Range<Int>)] = []
        var x = rect.x + 2
        for tab in AppState.DetailTab.allCases {
            let text = tabLabel(tab, full: choice.0, padded: choice.1, active: tab == state.detailTab, c)
            let w = DisplayWidth.of(text)
            guard x + w <= rect.x + rect.width - 1 else { break }
            out.append((tab, text, x..<x + w))
            x += w + 1
        }
        return out
    }

    static func draw(_ buf: inout CellBuffer, _ state: AppState, rect: Rect, _ c: RenderContext) {
        let g = c.glyphs
        let focused = state.detailsFocused
        Draw.box(&buf, rect, style: Style(focused ? .borderSelected : .border, bold: focused), g: g,
                 title: "Show details", titleStyle: Style(.title, bold: true))
        guard let record = state.selectedRecord, rect.width > 10, rect.height > 4 else {
            Draw.text(&buf, "No number selected.", x: rect.x + 2, y: rect.y + 2, width: rect.width - 4, style: Style(.muted), g: g)
            return
        }
        for t in tabs(state, rect: rect, c) {
            let active = t.tab == state.detailTab
            buf.put(t.text, x: t.x.lowerBound, y: rect.y + 1, style: Style(active ? .tabActive : .tabInactive, bold: active))
        }
        let inner = rect.width - 4
        let labelWidth = Self.labelWidth(inner)
        let lines = wrapped(self.lines(state.detailTab, record, state, c), inner: inner)
        let bodyTop = rect.y + 2
        let bodyHeight = rect.height - 3
        let maxScroll = max(0, lines.count - bodyHeight)
        let scroll = min(state.detailScroll, maxScroll)
        for (i, line) in lines.dropFirst(scroll).prefix(bodyHeight).enumerated() {
            let y = bodyTop + i
            switch line {
            case .heading(let t):
                Draw.text(&buf, t, x: rect.x + 2, y: y, width: inner, style: Style(.title, bold: true), g: g)
            case .field(let label, let value, let role):
                Draw.text(&buf, label, x: rect.x + 2, y: y, width: labelWidth - 1, style: Style(.muted), g: g)
                Draw.text(&buf, value, x: rect.x + 2 + labelWidth, y: y, width: inner - labelWidth, style: Style(role), g: g)
            case .text(let t, let role):
                Draw.text(&buf, t, x: rect.x + 2, y: y, width: inner, style: Style(role), g: g)
            case .blank:
                break
            }
        }
        if maxScroll > 0 {
            Draw.right(&buf, " \(scroll + 1)-\(min(lines.count, scroll + bodyHeight))/\(lines.count) ", right: rect.x + rect.width - 1,
                       y: rect.y + rect.height - 1, style: Style(.muted))
        }
    }

    /// The last scroll offset that still fills the pane at this layout: the key router sends
    /// it with each scroll, so the reducer never scrolls past the end.
    static func maxScroll(_ state: AppState, _ layout: Layout, _ c: RenderContext) -> Int {
        guard let rect = layout.details, let record = state.selectedRecord else { return 0 }
        return max(0, wrapped(lines(state.detailTab, record, state, c), inner: rect.width - 4).count - (rect.height - 3))
    }

    static func labelWidth(_ inner: Int) -> Int { min(28, max(12, inner / 2)) }

    /// Texts and values wider than the pane continue on the next lines instead of being cut:
    /// an agent reads the whole sentence (what the client must do, an error's message).
    static func wrapped(_ lines: [Line], inner: Int) -> [Line] {
        let valueWidth = inner - labelWidth(inner)
        var out: [Line] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            switch line {
            case .text(let t, let role) where DisplayWidth.of(t) > inner && inner > 8:
                let parts = TextWrap.wrap([t], width: inner)
                out.append(.text(parts[0], role))
                // Continuations are indented under the text after a leading glyph ("! …").
                let indent = t.first.map { !$0.isLetter && !$0.isNumber } == true && t.dropFirst().first == " " ? "  " : ""
                for p in TextWrap.wrap([String(t.dropFirst(DisplayWidth.of(parts[0]) > 0 ? parts[0].count : 0)).trimmingCharacters(in: .whitespaces)], width: inner - indent.count) {
                    out.append(.text(indent + p, role))
                }
            case .field(let label, let value, let role) where (DisplayWidth.of(value) > valueWidth || DisplayWidth.of(label) >= labelWidth(inner)) && valueWidth > 8:
                // Neither the label ("Meta business verification" at 120 columns) nor the value is cut: both wrap.
                let values = DisplayWidth.of(value) > valueWidth ? TextWrap.wrap([value], width: valueWidth) : [value]
                let labels = DisplayWidth.of(label) >= labelWidth(inner) ? TextWrap.wrap([label], width: labelWidth(inner) - 1) : [label]
                for i in 0..<max(values.count, labels.count) {
                    out.append(.field(i < labels.count ? labels[i] : "", i < values.count ? values[i] : "", role))
                }
            default:
                out.append(line)
            }
        }
        return out
    }

    static func tabLabel(_ tab: AppState.DetailTab, full: Bool, padded: Bool, active: Bool, _ c: RenderContext) -> String {
        let label = "\(tab.rawValue + 1) \(full ? tab.title : shortTitle(tab))"
        if active && c.monochrome { return "[\(label)]" }
        return padded ? " \(label) " : label
    }

    static func shortTitle(_ tab: AppState.DetailTab) -> String {
        switch tab {
        case .overview: return "Overview"
        case .templates: return "Templates"
        case .billing: return "Billing"
        case .partnerSettings: return "Partner"
        }
    }

    static func lines(_ tab: AppState.DetailTab, _ r: ChannelRecord, _ s: AppState, _ c: RenderContext) -> [Line] {
        switch tab {
        case .overview: return overview(r, s, c)
        case .templates: return templates(r, s, c)
        case .billing: return billing(r, s, c)
        case .partnerSettings: return partnerSettings(r, s, c)
        }
    }

    static func date(_ d: Date?, _ c: RenderContext) -> String { d.map(c.dateTime) ?? "—" }

    static func overview(_ r: ChannelRecord, _ s: AppState, _ c: RenderContext) -> [Line] {
        let ch = r.channel
        let client = s.client(for: r)
        var status = r.lifecycle.label
        if case .error(let m?) = r.lifecycle { status += ": \(m)" }
        if let since = r.deletionPendingSince { status += " · pending deletion" + (since.map { " since \(c.dateTime($0))" } ?? "") }
        var out: [Line] = [
            .heading(r.phone.isEmpty ? ch.id : r.phone),
            .field("Status", status, r.lifecycle.role),
            .field("Hosting Platform Type", ch.hostingPlatform.description, .normal),
            .field("Display name", ch.displayName ?? "—", .normal),
            .field("Company legal name", r.company.isEmpty ? "—" : r.company, .normal),
            .field("Contact email", client?.contactInfo?.email.nonEmpty ?? ch.client?.contactInfo?.email ?? "—", .normal),
            .field("Current partner", s.partner.map { "\($0.brandName ?? $0.id) (\($0.id))" } ?? "—", .normal),
            .field("Quality rating", ch.currentQualityRating?.rawValue ?? "—", qualityRole(ch.currentQualityRating)),
            .field("Messaging limit", ch.currentLimit ?? "—", .normal),
            .blank,
            .heading("Activation"),
        ]
        for (col, st) in [(ActivationStatus.Column.messageOnBehalf, r.activation.messageOnBehalf),
                          (.metaBusinessVerification, r.activation.metaBusinessVerification),
                          (.numberRegistration, r.activation.numberRegistration)] {
            out.append(.field(col.rawValue, st.label(for: col), st.role))
        }
        out.append(.blank)
        if r.actions.isEmpty {
            out.append(.text("No action required from the client.", .ok))
        } else {
            out.append(.heading("Actions required"))
            for a in r.actions { out.append(.text("\(c.glyphs.warning) \(a.instruction)", .warn)) }
        }
        out += [
            .blank,
            .heading("IDs and dates"),
            .field("Channel ID", ch.id, .normal),
            .field("Client ID", ch.resolvedClientId ?? "—", .normal),
            .field("WABA account", [ch.wabaAccount?.id ?? ch.wabaAccountId, ch.wabaAccount?.name].compactMap { $0 }.joined(separator: " · "), .normal),
            .field("WABA status", ch.wabaAccount?.status?.rawValue ?? "—", ch.wabaAccount?.status?.isViolation == true ? .bad : .normal),
            .field("Signup", signup(ch.signupVersion), .normal),
            .field("Status from", ch.statusDecision().rule.explanation, .muted),
            .field("Account mode", ch.accountMode?.rawValue ?? "—", .normal),
            .field("Channel status", ch.status?.rawValue ?? "—", .normal),
            .field("Created", date(ch.createdAt, c), .normal),
            .field("Modified", date(ch.modifiedAt, c), .normal),
            .field("Billing started", date(ch.billingStartedAt, c), .normal),
            .field("Terminated", ch.terminatedAt == nil && ch.isTerminated ? "yes (date not readable)" : date(ch.terminatedAt, c), ch.isTerminated ? .warn : .normal),
            .field("Max channels (client)", client?.maxChannels.map(String.init) ?? "—", .normal),
            .field("Payment", paymentModel(client, balance: s.balance(for: r)?.balance), .normal),
        ]
        if let id = ch.resolvedClientId, let problem = s.clientErrors[id] {
            out.append(.field("Balance", "not available: \(problem)", .bad))
        }
        // P3: greyed out, with why, when the client cannot change partner.
        let blocked = s.partnerChangeUnavailableReason != nil
        if !s.readOnly {
            out.append(.field("Change Partner", blocked ? "not available (legacy account)" : "c (moves the whole WABA)", blocked ? .muted : .normal))
        }
        // The card's short words and glyphs, last (what the agent needs comes first).
        let u = c.glyphs.unicode, sep = c.glyphs.separator
        out += [.blank, .heading("On the card"),
                .text("OBO Message on behalf \(sep) MBV Meta business verification \(sep) REG Number registration", .muted),
                .text("\(u ? "✓" : "+") done \(sep) \(u ? "…" : "~") pending \(sep) \(u ? "✗" : "x") the client must act \(sep) "
                      + "\(u ? "○" : "o") not started \(sep) \(u ? "–" : "-") deregistered \(sep) ? unknown", .muted)]
        return out
    }

    static func signup(_ v: SignupVersion) -> String {
        switch v {
        case .classic(let inferred): return "Classic Signup (v1)" + (inferred ? ", judged from its fields" : "")
        case .embedded(let inferred): return "Embedded Signup (v2)" + (inferred ? ", judged from its fields" : "")
        }
    }

    /// Per partner account (docs/domain.md); live mode knows it only when it is configured.
    static func paymentModel(_ client: Client?, balance: Money?) -> String {
        guard let client else { return "—" }
        if case .unknown(let raw)? = client.paymentModel { return "Unknown (\(raw))" }
        return ClientPayment.of(client, balance: balance).label
    }

    static func qualityRole(_ q: QualityRating?) -> Role {
        switch q {
        case .green?: return .ok
        case .yellow?: return .warn
        case .red?: return .bad
        default: return .normal
        }
    }

    static func templates(_ r: ChannelRecord, _ s: AppState, _ c: RenderContext) -> [Line] {
        guard let waba = r.channel.wabaAccount?.id ?? r.channel.wabaAccountId else { return [.text("This number has no WABA account yet.", .muted)] }
        guard let list = s.templates[waba] else { return [.text("Loading templates of \(waba)…", .muted)] }
        let key = c.keymap.shortLabel(.templates).isEmpty ? ":templates" : c.keymap.shortLabel(.templates)
        let manage = Line.text("\(key): manage them (filter, view whole\(s.readOnly ? "" : ", new, delete"))", .muted)
        if list.isEmpty { return [.heading("Template Message Manager"), .text("No templates on \(waba).", .muted), manage] }
        var out: [Line] = [.heading("Template Message Manager · \(list.count) template\(list.count == 1 ? "" : "s") on \(waba)"), manage]
        for t in list.sorted(by: { ($0.name ?? "", $0.language ?? "") < ($1.name ?? "", $1.language ?? "") }) {
            let status = t.status?.rawValue ?? "?"
            out.append(.field(t.name ?? t.id, "\(status) · \(t.category?.rawValue ?? "—") · \(t.language ?? "—")", templateRole(t.status)))
        }
        return out
    }

    static func templateRole(_ s: TemplateStatus?) -> Role {
        switch s {
        case .approved?: return .ok
        case .rejected?, .disabled?: return .bad
        case .pending?, .submitted?, .created?, .paused?: return .warn
        default: return .normal
        }
    }

    static func billing(_ r: ChannelRecord, _ s: AppState, _ c: RenderContext) -> [Line] {
        var out: [Line] = [.heading("Insights & Billing")]
        let client = s.client(for: r)
        let payment = ClientPayment.of(client, balance: s.balance(for: r)?.balance)
        let direct = payment == .direct
        switch payment {
        case .direct: out += numberFunds(r, s, c)
        case .partner: out.append(.field("Balance", "Partner payment: billed to the partner", .muted))
        case .notConfigured: out.append(.text("Payment model not configured (set [connection] payment_model).", .warn))
        }
        if let b = s.balance(for: r) {
            if direct { out.append(.field("Client balance", "\(b.balance?.description ?? "—") (all its numbers)", .muted)) }
            if let current = b.usage(containing: s.now) {
                out.append(.field("Usage this month", current.totalPrice.description, .normal))
                out.append(.field("Conversations", "\(current.quantity ?? 0) (\(current.paidQuantity ?? 0) paid, \(current.freeQuantity ?? 0) free)", .normal))
            } else if let u = b.usage.last {
                // Not this month's: says which month it is.
                out.append(.field("Usage \(u.periodDate.map { Timestamp.monthYear($0, in: c.timeZone) } ?? "(month not given)")", u.totalPrice.description, .normal))
                out.append(.field("Conversations", "\(u.quantity ?? 0) (\(u.paidQuantity ?? 0) paid, \(u.freeQuantity ?? 0) free)", .normal))
            }
            // The picture of the same figures: the last 12 months, this one so far.
            let chart = UsageChart.lines(b.usage, now: s.now, unicode: c.glyphs.unicode, money: c.money)
            if !chart.isEmpty {
                out += [.blank, .heading("Conversation cost by month")]
                for (i, line) in chart.enumerated() { out.append(.text(line, i < UsageChart.height ? .ok : .muted)) }
            }
        } else {
            out.append(.text("Loading the client's balance (1 request per 10 s per client)…", .muted))
        }
        if direct, let f = s.funds[r.id] { out += payments(f, c) }
        out += cancellation(r, c)
        return out
    }

    /// The number's own funds (C7): balance, usage since the latest payment, a refund in flight
    /// and what can be done.
    static func numberFunds(_ r: ChannelRecord, _ s: AppState, _ c: RenderContext) -> [Line] {
        guard let f = s.funds[r.id] else {
            if case .hubOnly? = s.fundsProblems[r.id] {
                return [.text("Funds per number are in the Hub only (the public API has the client's balance below).", .muted)]
            }
            return [.text("Loading the funds of this number…", .muted)]
        }
        var out: [Line] = [.field("Balance of this number", f.balance?.description ?? "not on pre-payment",
                                  (f.balance?.isNegative ?? false) ? .bad : .normal)]
        if let used = f.usageSinceLatestPayment {
            let n = f.billableConversationsSinceLatestPayment.map { ", \($0) billable" } ?? ""
            out.append(.field("Used since payment", used.description + n, .normal))
        }
        if let h = s.balanceHistory[r.id], let line = Sparkline.balance(h, unicode: c.glyphs.unicode) {
            out.append(.field("Balance since payment", line, .normal))
        }
        if let pending = f.pendingRefund {
            out.append(.field("Refund pending", "\(pending.amount) by \(c.dateTime(pending.completesAt))", .warn))
        }
        if !s.readOnly {
            let keys = f.actions.map { $0 == .refund ? "Refund account funds (R)" : "Add funds (F)" }
            out.append(.field("Manage funds ($)", keys.isEmpty ? "nothing to do now" : keys.joined(separator: ", "), keys.isEmpty ? .muted : .warn))
        }
        return out
    }

    static func payments(_ f: ChannelFunds, _ c: RenderContext) -> [Line] {
        var out: [Line] = [.blank, .heading("Payments (newest first)")]
        if f.payments.isEmpty { out.append(.text("No payments for this number.", .muted)) }
        // Two short lines each: the pane does not wrap, and "left to refund" must not be cut off.
        for p in f.payments {
            let fee = p.processingFee.isZero ? "" : " incl. \(p.processingFee.amountString) fee"
            out.append(.field(c.dateTime(p.paidAt), "\(p.amount)\(fee)", .normal))
            out.append(.field("  \(p.invoiceId)", "\(p.remainingCredit) left to refund", p.remainingCredit.isZero ? .muted : .ok))
        }
        if !f.refunds.isEmpty {
            out += [.blank, .heading("Refunds")]
            for rf in f.refunds {
                let state = rf.status == .processing ? "processing, expected by \(c.dateTime(rf.completesAt))" : "completed"
                out.append(.field(c.dateTime(rf.requestedAt), "\(rf.amount) · credit note \(rf.creditNoteInvoiceId) · \(state)",
                                  rf.status == .processing ? .warn : .ok))
            }
        }
        return out
    }

    /// C6: a partner cannot cancel; the client does, and the details say how and show it once done.
    static func cancellation(_ r: ChannelRecord, _ c: RenderContext) -> [Line] {
        var out: [Line] = [.blank, .heading("Cancellation")]
        if let at = r.channel.terminatedAt {
            out.append(.field("Pending deletion", "requested by the client; since \(c.dateTime(at))", .warn))
            out.append(.text("Funds left on a cancelled number can be refunded (R).", .muted))
        } else {
            // Short lines: the pane does not wrap.
            out += ["Only the client (the WABA owner) can cancel", "this number, in their own 360dialog Hub.",
                    "A partner cannot request it for them:", "guide the client there."].map { .text($0, .muted) }
        }
        return out
    }

    static func partnerSettings(_ r: ChannelRecord, _ s: AppState, _ c: RenderContext) -> [Line] {
        guard let clientId = r.channel.resolvedClientId else { return [.text("No client for this number.", .muted)] }
        var out: [Line] = [.heading("Partner Settings · numbers the partner may manage")]
        guard let allowed = s.permissions[clientId] else { return out + [.text("Loading permissions…", .muted)] }
        let numbers = s.records.values.filter { $0.channel.resolvedClientId == clientId }.sorted { $0.phone < $1.phone }
        for n in numbers {
            let yes = allowed.contains(n.id)
            let mark = c.glyphs.unicode ? (yes ? "☑" : "☐") : (yes ? "[x]" : "[ ]")
            out.append(.field("\(mark) \(n.phone)", (n.channel.displayName ?? "") + (yes ? "" : " · not shared"), yes ? .ok : .muted))
        }
        out.append(.blank)
        // Short lines: the pane does not wrap.
        out.append(.text("The client grants these in their Hub", .muted))
        out.append(.text("(Settings > Partner Settings).", .muted))
        out.append(.text("P records the client's choice here.", .muted))
        return out
    }
}
