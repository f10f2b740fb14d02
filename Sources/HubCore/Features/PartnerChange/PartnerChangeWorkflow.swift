import Foundation

/// P1..P4: the Change Partner wizard of a WABA, one dialog whose body follows the wizard's
/// step (`PartnerChangeWizard`, a pure value). Shift-Tab is one step back; Esc leaves it, kept for `c` to resume;
/// discards nothing until the wizard is cancelled, and reopening resumes on the same step.
/// The submission goes through the operation pipeline with one key per intent; approval is
/// followed from the polled partner change requests.
extension AppState {
    static let partnerChangeSteps = ["Company", "Destination", "Numbers", "Terms", "Payment", "Approval"]

    mutating func openPartnerChange() -> [Effect] {
        guard !readOnly else { return [] }
        guard let record = selectedRecord, let waba = record.channel.wabaAccount?.id ?? record.channel.wabaAccountId,
              let clientId = record.channel.resolvedClientId else {
            flash(.warning, "Select a number with a WABA first: a partner change moves its whole WABA.")
            return []
        }
        guard let current = partner?.id else {
            flash(.warning, "The partner is not known yet; try again once the data has loaded.")
            return []
        }
        var notice: Notice?
        var effects: [Effect] = []
        if let w = partnerChanges[waba], !w.isFinished {
            notice = Notice(.info, "Resumed where you left it.")
        } else {
            let client = clients[clientId]
            let numbers = records.values.filter { ($0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId) == waba }.map(\.id).sorted()
            // The public API has no company address: what the Hub holds is "on file".
            let info = PartnerChangeWizard.CompanyInformation(legalName: client?.organisation ?? "", country: client?.contactInfo?.country ?? "",
                                                              address: client?.organisation == nil ? "" : "on file")
            let known = partnerChangeEligibility[clientId]
            partnerChanges[waba] = PartnerChangeWizard(wabaAccountId: waba, currentPartnerId: current, channelIds: numbers, companyInformation: info,
                                                       isLegacyAccount: known?.available == false)
            // P3: some legacy clients cannot change partner; asked before the first step.
            if known == nil { effects.append(.checkPartnerChange(clientId: clientId, wabaAccountId: waba)) }
        }
        let started = now
        let checking = !effects.isEmpty
        let title = [clients[clientId]?.displayCompany, wabaLabel(waba)].compactMap { $0 }.joined(separator: " · ")
        present { id in
            var d = Dialog(id: id, feature: PartnerChangeDialog(wabaAccountId: waba), title: "Change partner · \(title)", body: .message([]))
            if checking { d.working = ProgressLine("Checking that the client can change partner", startedAt: started) }
            return d
        }
        refreshPartnerChange(waba, notice: notice)
        return effects
    }

    mutating func partnerChangeEligibility(_ waba: String, _ answer: PartnerChangeEligibility?) -> [Effect] {
        if let answer, let clientId = records.values.first(where: { ($0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId) == waba })?.channel.resolvedClientId {
            partnerChangeEligibility[clientId] = answer
        }
        guard let w = partnerChanges[waba], let d = dialogs.last(PartnerChangeDialog.self, where: { $0.wabaAccountId == waba }) else { return [] }
        dialogs.update(d.id) { $0.working = nil }
        if answer?.available == false, w.requestId == nil {
            partnerChanges[waba] = PartnerChangeWizard(wabaAccountId: waba, currentPartnerId: w.currentPartnerId, channelIds: w.channelIds,
                                                       companyInformation: w.companyInformation, isLegacyAccount: true)
        }
        refreshPartnerChange(waba)
        return []
    }

    /// Live: the API takes no company information (nor the request itself, which the Hub makes),
    /// so the wizard does not collect any: the step says the client completes it in their Hub.
    mutating func partnerChangeInHubOnly(_ waba: String) {
        guard var w = partnerChanges[waba], w.step == .companyInformation else { return }
        w.companyInHub()
        partnerChanges[waba] = w
        refreshPartnerChange(waba, notice: Notice(.info, "The client completes the company information in their Hub if it asks (P4 step 2): the Partner API does not take it, so nothing is asked here."))
    }

    /// Why Change Partner is not available for the selected number's client (P3), if it is not.
    public var partnerChangeUnavailableReason: String? {
        guard let clientId = selectedRecord?.channel.resolvedClientId, let e = partnerChangeEligibility[clientId], !e.available else { return nil }
        return e.reason ?? "not available for this account"
    }

    /// Rebuilds the wizard's dialog from its state (or closes it when the wizard is done with).
    mutating func refreshPartnerChange(_ waba: String, notice: Notice? = nil) {
        guard let d = dialogs.last(PartnerChangeDialog.self, where: { $0.wabaAccountId == waba }) else { return }
        guard let w = partnerChanges[waba], w.step != .cancelled else {
            dialogs.remove(d.id)
            partnerChanges[waba] = nil
            return
        }
        let (body, height) = partnerChangeBody(w)
        dialogs.update(d.id) { d in
            if d.body.kind != body.kind || w.step != .submitting { d.body = body }
            d.preferredHeight = height
            d.preferredWidth = 72
            // The company step shows only when the client's information is incomplete (and not in the Hub).
            let skip = w.companyInfoWasIncomplete && !w.companyStepInHub ? 0 : 1
            d.steps = Stepper(Array(Self.partnerChangeSteps.dropFirst(skip)), current: max(0, w.step.index - skip))
            if let notice { d.notice = notice } else if let error = w.validationError { d.notice = Notice(.error, error) } else if d.working == nil { d.notice = nil }
            // On these steps a request is out (eligibility, lookup, submission) and its answer
            // clears the progress itself; elsewhere a new step means it is over.
            if ![.companyInformation, .destinationPartner, .submitting].contains(w.step) { d.working = nil }
        }
    }

    /// The wizard's own keys: Esc leaves it (kept; `c` resumes it), Shift-Tab goes one step
    /// back (from a form's first field; on the first step that discards it, Cancel before
    /// submission). Other keys go to the step's body.
    mutating func wizardKey(_ key: EditKey, _ d: Dialog, waba: String) -> [Effect]? {
        switch key {
        case .escape:
            dialogs.remove(d.id)
            if let w = partnerChanges[waba], w.isFinished || w.step == .cancelled {
                partnerChanges[waba] = nil
            } else if partnerChanges[waba] != nil {
                flash(.info, "Change partner of WABA \(waba) kept: c resumes it where it was.")
            }
            return []
        case .backtab:
            if case .form(let f) = d.body, f.fields.firstIndex(where: \.isFocusable) != f.focus { return nil }
            // From the first step a step back discards the wizard: asked once, never silent.
            if let w = partnerChanges[waba], w.isOnFirstStep, !d.discardArmed {
                dialogs.update(d.id) { d in
                    d.discardArmed = true
                    d.notice = Notice(.warning, "This is the first step: Shift-Tab again discards this partner change. Esc leaves it for later (c resumes).")
                }
                return []
            }
            return partnerChangeResult(d, waba: waba, .cancelled)
        default:
            if d.discardArmed { dialogs.update(d.id) { $0.discardArmed = false; $0.notice = nil } }
            return nil
        }
    }

    /// A result of the wizard's dialog, routed by the step it was on.
    mutating func partnerChangeResult(_ d: Dialog, waba: String, _ result: DialogResult) -> [Effect] {
        guard var w = partnerChanges[waba] else { dialogs.remove(d.id); return [] }
        var effects: [Effect] = []
        switch (w.step, result) {
        case (.companyInformation, .submitted(let v)):
            w.send(.submitCompanyInformation(.init(legalName: v[PartnerChangeDialog.Field.legalName], country: v[PartnerChangeDialog.Field.country].uppercased(), address: v[PartnerChangeDialog.Field.address])))
        case (.destinationPartner, .submitted(let v)):
            let id = v[PartnerChangeDialog.Field.partnerId].trimmingCharacters(in: .whitespaces)
            let now = self.now
            dialogs.update(d.id) { $0.working = ProgressLine("Looking up \(id)", startedAt: now) }
            partnerChanges[waba] = w
            return [.lookupPartner(id: id)]
        case (.reviewNumbers, .confirmed):
            w.send(.confirmNumbers)
        case (.terms, .confirmed), (.unconfirmed, .confirmed):
            guard let clientId = w.channelIds.first.flatMap({ records[$0]?.channel.resolvedClientId }) else { break }
            // Sent only when the agent typed it (P4 step 2); what the Hub holds stays as it is.
            let company = w.companyInfoWasIncomplete && !w.companyStepInHub ? w.companyInformation : nil
            let mutation = Mutation.submitPartnerChange(clientId: clientId, wabaAccountId: waba, targetPartnerId: w.destinationPartnerId,
                                                        channelIds: w.channelIds, company: company)
            // "Send again" after an unclear answer reuses the key: the server never acts twice.
            let key = d.intentKeys[mutation] ?? w.submissionKey ?? newIdempotencyKey()
            if case .unconfirmed = w.step { w.send(.resend) } else {
                w.send(.acceptTerms(true))
                w.submittedAt = now
            }
            w.submissionKey = key
            let now = self.now
            dialogs.update(d.id) { d in
                d.intentKeys[mutation] = key
                d.working = ProgressLine("Submitting the Partner Change Request", startedAt: now)
            }
            effects = [.mutate(MutationRequest(mutation: mutation, idempotencyKey: key, correlation: d.id))]
        case (.paymentMethod, .confirmed):
            guard let id = w.requestId else { break }
            let mutation = Mutation.confirmPaymentMethod(wabaAccountId: waba, partnerChangeRequestId: id)
            let key = d.intentKeys[mutation] ?? newIdempotencyKey()
            let now = self.now
            dialogs.update(d.id) { d in
                d.intentKeys[mutation] = key
                d.working = ProgressLine("Confirming the payment method", startedAt: now)
            }
            effects = [.mutate(MutationRequest(mutation: mutation, idempotencyKey: key, correlation: d.id))]
        case (.approval(.pending), .confirmed):
            guard let id = w.requestId else { break }
            confirmMutation(.withdrawPartnerChange(wabaAccountId: waba, partnerChangeRequestId: id), from: d.id, title: "Withdraw the request?",
                            message: ["Withdraw partner change request \(id)? The numbers stay with this partner; the client can submit a new one later."],
                            review: nil, confirmLabel: "Withdraw")
            return []
        case (.paymentMethod, .cancelled), (.approval, _), (.submitting, _), (.unconfirmed, _):
            // Submitted: closing keeps the wizard; `c` reopens it on this step.
            dialogs.remove(d.id)
            if w.isFinished { partnerChanges[waba] = nil }
            return []
        case (.blocked(.differentPaymentProcessor), _):
            w.send(.back)
        case (.blocked, _):
            w.send(.cancel)
        case (_, .cancelled):
            w.send(.back)
        default:
            break
        }
        partnerChanges[waba] = w
        refreshPartnerChange(waba)
        return effects
    }
}

/// The partner change wizard's dialog of a WABA (P1..P4). The wizard itself stays in
/// `partnerChanges[waba]` (and on disk) after the dialog closes, so `c` resumes it.
public struct PartnerChangeDialog: DialogFeature {
    public let wabaAccountId: String
    public init(wabaAccountId: String) { self.wabaAccountId = wabaAccountId }
    /// The fields of the company and destination steps (the server names `partner_id`).
    enum Field: String, FormKey { case legalName = "legal_name", country, address, partnerId = "partner_id" }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.partnerChangeResult(d, waba: wabaAccountId, result)
    }
    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? {
        state.wizardKey(key, d, waba: wabaAccountId)
    }
    /// The wizard closes itself (Shift-Tab steps back, Esc leaves it kept).
    public func staysOpen(after result: DialogResult, _ d: Dialog) -> Bool { true }
    /// Shift-Tab is a step back, Esc leaves it for later.
    public func hints(body: [KeyHint]) -> [KeyHint] {
        body.filter { $0.edit != .escape && $0.edit != .backtab }
            + [KeyHint("S-Tab", "step back", "step-back", .backtab), KeyHint("Esc", "leave (c resumes)", "leave", .escape)]
    }
}
