import Foundation

/// The partner side of partner changes (public API): other partners' clients ask to move to
/// this partner. The agent sees who, which WABA and numbers, since when, approves one with a
/// confirm, and turns automatic approval on or off with a confirm.
extension AppState {
    /// The partner's auto-approve setting: as set from here, else as the partner's settings say.
    public var autoApproveIncoming: Bool? {
        if let autoApproveSet { return autoApproveSet }
        guard case .object(let settings)? = partner?.settings, case .object(let pcr)? = settings["partner_change_request"],
              case .bool(let on)? = pcr["auto_approve"] else { return nil }
        return on
    }

    /// Requests to move to this partner that wait for its approval, oldest first.
    public var pendingIncoming: [PartnerChangeRequest] {
        guard let me = partner?.id else { return [] }
        return (partnerChangeRequests ?? []).filter { $0.targetPartnerId == me && ($0.status == .pending || $0.status == .created) }
            .sorted { ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast) }
    }

    mutating func openIncoming() -> [Effect] {
        guard !readOnly else { return [] }
        present { Dialog(id: $0, feature: IncomingRequestsDialog(), title: "Incoming partner change requests", body: .message([])) }
        if partnerChangeRequests == nil {
            let started = now
            dialogs.updateTop { $0.working = ProgressLine("Reading the partner change requests", startedAt: started) }
        }
        refreshIncoming()
        return [.loadPartnerChanges] + sourceLookups()
    }

    /// The brands of the partners the waiting requests come from, asked once each.
    func sourceLookups() -> [Effect] {
        Set(pendingIncoming.compactMap(\.sourcePartnerId)).filter { destinations[$0] == nil }.sorted().map { .lookupPartner(id: $0) }
    }

    /// "AutoConnect (autoOkPA)" once looked up, the ID alone until then.
    func partnerName(_ id: String?) -> String {
        guard let id else { return "another partner" }
        return destinations[id].map { "\(Sanitizer.terminalSafe($0.brandName)) (\(id))" } ?? id
    }

    /// Rebuilds the open incoming dialog from the requests known now.
    mutating func refreshIncoming() {
        guard let d = dialogs.last(IncomingRequestsDialog.self) else { return }
        guard partnerChangeRequests != nil else { return }
        let setting = autoApproveIncoming.map { $0 ? "on" : "off" } ?? "not known"
        let pending = pendingIncoming
        let body: Dialog.Body
        if pending.isEmpty {
            body = .message(["No incoming request waits for approval.", "Automatic approval is \(setting) (:auto-approve changes it)."])
        } else {
            let options = pending.map { pcr in
                let n = pcr.channelIds?.count ?? 0
                // Another partner's client: the API names no company, so the partner's brand comes first.
                return SelectList.Option(id: pcr.id, label: "From \(partnerName(pcr.sourcePartnerId)) · client \(pcr.sourceClientId ?? "?")",
                                         detail: "\(n) number\(n == 1 ? "" : "s") · since \(pcr.createdAt.map(environment.dateTime) ?? "?") · \(pcr.id)")
            }
            body = .form(Form([
                FormField(id: IncomingRequestsDialog.Field.request, label: "Waiting for approval (\(pending.count))", kind: .select(SelectList(options: options, visibleRows: min(8, options.count)))),
                FormField(id: IncomingRequestsDialog.Field.setting, label: "", kind: .note("Automatic approval is \(setting) (:auto-approve changes it).", .muted)),
            ], submitLabel: "Approve…"))
        }
        dialogs.update(d.id) { d in
            d.working = nil
            // Keep the agent's place in the list unless the requests themselves changed.
            if d.body.kind != body.kind || d.body.requestIDs != body.requestIDs { d.body = body }
            else if case .form(let fresh) = body, case .select(let list)? = fresh["request"]?.kind,
                    var field = d.form?[IncomingRequestsDialog.Field.request], case .select(var kept) = field.kind {
                // Same requests, better names (a partner's brand came in): the place stays.
                kept.options = list.options
                field.kind = .select(kept)
                d.form?[IncomingRequestsDialog.Field.request] = field
            }
            d.preferredHeight = pending.isEmpty ? 3 : min(8, pending.count) + 4
        }
    }

    mutating func incomingChosen(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        guard let id = values.chosen(IncomingRequestsDialog.Field.request).first, let pcr = pendingIncoming.first(where: { $0.id == id }) else { return [] }
        confirmMutation(.approvePartnerChange(partnerChangeRequestId: id), from: d.id, title: "Approve the request?",
                        message: ["Approve partner change request \(id)? Once approved, all its numbers are transferred to this partner at once."],
                        review: ReviewTable([
                            .init("From partner", partnerName(pcr.sourcePartnerId), emphasis: .strong),
                            .init("Client", "\(pcr.sourceClientId ?? "?") (another partner's client)"),
                            .init("Numbers", "\(pcr.channelIds?.count ?? 0): " + (pcr.channelIds ?? []).joined(separator: ", ")),
                            .init("Since", pcr.createdAt.map(environment.dateTime) ?? "?"),
                        ]), confirmLabel: "Approve",
                        // Not one Tab+Enter away: the request's ID (or its last 4) is typed, as for a refund.
                        typeToConfirm: id, acceptsSuffix: id.count > 6 ? 4 : nil)
        return []
    }

    mutating func openAutoApprove() -> [Effect] {
        guard !readOnly else { return [] }
        let next = !(autoApproveIncoming ?? false)
        let text = next
            ? "Turn automatic approval on? Every incoming partner change request, the pending ones too, is then approved without asking."
            : "Turn automatic approval off? Incoming partner change requests then wait for an agent to approve them."
        confirmMutation(.setAutoApprove(next), from: nil, title: next ? "Approve incoming requests automatically?" : "Stop approving automatically?",
                        message: [text], review: nil, confirmLabel: next ? "Turn on" : "Turn off",
                        typeToConfirm: next ? "approve all" : "approve by hand")
        return []
    }
}

extension Dialog.Body {
    /// The requests listed by an incoming-requests form.
    var requestIDs: [String] {
        guard case .form(let f) = self, case .select(let list)? = f.fields.first?.kind else { return [] }
        return list.options.map(\.id)
    }
}

/// Pending incoming partner change requests: choose one to approve.
public struct IncomingRequestsDialog: DialogFeature {
    public init() {}
    enum Field: String, FormKey { case request, setting }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] { state.incomingChosen(d, result) }
}
