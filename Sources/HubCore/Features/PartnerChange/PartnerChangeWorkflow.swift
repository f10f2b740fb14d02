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

    func partnerChangeBody(_ w: PartnerChangeWizard) -> (Dialog.Body, Int) {
        switch w.step {
        case .companyInformation:
            let info = w.companyInformation
            let form = Form([
                .text(PartnerChangeDialog.Field.legalName, "Company legal name", value: info.legalName, maxLength: 120, rules: [.required("Enter the company's legal name.")]),
                .text(PartnerChangeDialog.Field.country, "Country (ISO code)", value: info.country, maxLength: 2, rules: [.required("Enter the country."),
                                                                                           .pattern("[A-Za-z]{2}", message: "Two letters, like DE.")]),
                .text(PartnerChangeDialog.Field.address, "Address", value: info.address, maxLength: 200, rules: [.required("Enter the address.")]),
            ], submitLabel: "Next")
            return (.form(form), 9)
        case .destinationPartner:
            let form = Form([
                .text(PartnerChangeDialog.Field.partnerId, "Destination Partner ID", value: w.destinationPartnerId, placeholder: "f167CmPA", maxLength: 64,
                      help: "Letters and digits ending in PA; the destination partner gives it to the client.",
                      rules: [.partnerId(current: w.currentPartnerId)]),
            ], submitLabel: "Look up")
            return (.form(form), 5)
        case .reviewNumbers:
            let lines = reviewLines(w)
            return (.text(ScrollText(lines)), min(16, lines.count + 1))
        case .terms, .submitting:
            let dest = destinations[w.destinationPartnerId].map { "\($0.brandName) (\($0.id))" } ?? w.destinationPartnerId
            // P4 step 5 is the client's: the agent submits with the client, who confirms the terms.
            let confirm = Confirm(message: [
                "Submit the Partner Change Request to \(dest)?",
                "All \(w.channelIds.count) number\(w.channelIds.count == 1 ? "" : "s") of \(wabaLabel(w.wabaAccountId)) move to the destination partner together.",
                "These are the client's steps: submit only once the client has confirmed the terms with you.",
                "The destination partner approves the request (some do so automatically); once approved, all numbers move at once.",
                "Afterwards the client grants the new partner permission: Menu > Settings > Partner Settings, select the numbers, Save Changes.",
            ], confirmLabel: "Submit Partner Change Request", typeToConfirm: w.destinationPartnerId)
            return (.confirm(confirm), confirm.contentHeight(width: 68) + 4)
        case .unconfirmed(let problem):
            let confirm = Confirm(message: [
                "No clear answer from the server: \(problem)",
                "partnerhub cannot tell whether the Partner Change Request reached it. It watches the requests and binds to this one when it shows up.",
                "Send again uses the same idempotency key: the server never acts on it twice.",
            ], confirmLabel: "Send again", cancelLabel: "Close")
            return (.confirm(confirm), confirm.contentHeight(width: 68) + 4)
        case .paymentMethod:
            let dest = destinations[w.destinationPartnerId]?.brandName ?? w.destinationPartnerId
            let confirm = Confirm(message: ["\(dest) asks for the client's payment method before it approves (P4 step 6).",
                                            "Confirm it once the client has confirmed the payment method on file with you; if they have none, ask them to add one in their Hub first."],
                                  confirmLabel: "Confirm payment method")
            return (.confirm(confirm), 5)
        case .approval(let a):
            var lines = [a.label]
            if let id = w.requestId {
                let at = partnerChangeRequests?.first { $0.id == id }?.createdAt.map { ", submitted \(environment.dateTime($0))" } ?? ""
                lines.append("Partner change request \(id) to \(w.destinationPartnerId)\(at).")
            }
            if a == .approved || a == .autoApproved {
                lines.append("The numbers leave this partner's list on the next poll.")
                lines.append("Ask the client to grant the new partner permission: Menu > Settings > Partner Settings, select the numbers, Save Changes (P5).")
            }
            guard a == .pending else { return (.message(lines), lines.count + 2) }
            // Pending: Close (the default) keeps following it; the client may still withdraw.
            lines.append("partnerhub follows it; the notification center (n) says when it is decided, and c reopens this.")
            let confirm = Confirm(message: lines, confirmLabel: "Withdraw request", cancelLabel: "Close")
            return (.confirm(confirm), lines.count + 3)
        case .blocked(let reason):
            var lines = [reason.message]
            if case .differentPaymentProcessor = reason { lines.append("Enter goes back to enter another Partner ID; Esc leaves it for later (c resumes).") }
            return (.message(lines), lines.count + 1)
        case .cancelled:
            return (.message(["Cancelled."]), 2)
        }
    }

    /// A WABA as people know it: its name first, the ID second.
    func wabaLabel(_ waba: String) -> String {
        let name = records.values.lazy.compactMap { ($0.channel.wabaAccount?.id == waba) ? $0.channel.wabaAccount?.name : nil }.first { !$0.isEmpty }
        return name.map { "WABA \(Sanitizer.terminalSafe($0)) (\(waba))" } ?? "WABA \(waba)"
    }

    /// Every number of the WABA moves (P2); the client's other WABAs stay, listed apart.
    func reviewLines(_ w: PartnerChangeWizard) -> [String] {
        let dest = destinations[w.destinationPartnerId].map { "\($0.brandName) (\($0.id))" } ?? w.destinationPartnerId
        var lines = ["To \(dest). All \(w.channelIds.count) number\(w.channelIds.count == 1 ? "" : "s") of \(wabaLabel(w.wabaAccountId)) move together; there is no per-number choice:"]
        for id in w.channelIds {
            let r = records[id]
            lines.append("  → \(r?.phone ?? id)  \(r?.channel.displayName ?? "")  · \(r?.lifecycle.label ?? "gone")")
        }
        let clientId = w.channelIds.first.flatMap { records[$0]?.channel.resolvedClientId }
        let staying = records.values.filter { $0.channel.resolvedClientId == clientId && clientId != nil
            && ($0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId) != w.wabaAccountId }.sorted { $0.phone < $1.phone }
        if !staying.isEmpty {
            lines.append("Staying with this partner (other WABAs of the client):")
            for r in staying { lines.append("    \(r.phone)  \(r.channel.displayName ?? "")  · WABA \(r.channel.wabaAccount?.id ?? "?")") }
        }
        lines.append("Enter goes on to the terms; Shift-Tab goes back a step; Esc leaves it for later (c resumes).")
        return lines
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

    mutating func partnerLookedUp(_ id: String, _ summary: PartnerSummary?, problem: Problem?) -> [Effect] {
        if let summary {
            destinations[id] = summary
            // A submitted wizard resumed after a restart waits for this to bind its request.
            for (waba, var w) in partnerChanges where w.destinationPartnerId == id && w.destination == nil && w.step != .destinationPartner {
                w.destination = summary
                partnerChanges[waba] = w
            }
            refreshIncoming() // the incoming list names the partner now
        }
        for (waba, var w) in partnerChanges where w.step == .destinationPartner {
            // Only the wizard that asked for this ID (another lookup, for the incoming list, is not its answer).
            guard let d = dialogs.last(PartnerChangeDialog.self, where: { $0.wabaAccountId == waba }), d.working != nil,
                  d.form?[PartnerChangeDialog.Field.partnerId]?.textValue.trimmingCharacters(in: .whitespaces) == id else { continue }
            dialogs.update(d.id) { $0.working = nil }
            if summary == nil, let text = Self.lookupProblem(id, problem) {
                dialogs.update(d.id) { $0.form?.setError(text, field: PartnerChangeDialog.Field.partnerId) }
                continue
            }
            w.send(.enterPartnerId(id))
            if w.step == .reviewNumbers { w.destination = summary }
            partnerChanges[waba] = w
            refreshPartnerChange(waba)
        }
        if summary != nil, let list = partnerChangeRequests { return partnerChangesArrived(list) }
        return []
    }

    /// Why a destination was not found, in the wizard's words; nil when the ID is taken as typed
    /// (live: the public API has no partner directory, and the Hub names it on submission).
    static func lookupProblem(_ id: String, _ problem: Problem?) -> String? {
        switch problem {
        case nil, .hubOnly?: return nil
        case .notFound?: return "No partner has the ID \(id): check it with the destination partner."
        case .failed(let m)?: return "The lookup failed: \(m)"
        }
    }

    /// The answers to the wizard's requests (submission, payment method, withdrawal), whether
    /// or not its dialog is still open.
    mutating func partnerChangeSettled(waba: String, _ request: MutationRequest, _ outcome: MutationOutcome) -> [Effect] {
        guard var w = partnerChanges[waba] else { return [] }
        let d = dialogs.last(PartnerChangeDialog.self, where: { $0.wabaAccountId == waba })
        var effects: [Effect] = []
        switch (request.mutation, outcome) {
        case (.submitPartnerChange, .succeeded(let result)):
            // The answer names its request: bound to exactly that one, never to a look-alike.
            if let id = Mutation.submittedRequestId(result), let dest = w.destination ?? destinations[w.destinationPartnerId] {
                w.send(.submitted(.accepted(requestId: id, paymentMethodRequired: dest.paymentMethodRequired ?? false, autoApproved: false)))
            }
            // Its state (or, without an ID in the answer, the request itself) comes with the next list.
            effects.append(.loadPartnerChanges)
            // Closed while it was in flight (Esc): no request may be left pending unseen.
            if d == nil {
                notifications.push(HubNotification(id: "pcr-submitted-\(request.idempotencyKey)", level: .warning, time: now,
                                                   text: "Partner change of WABA \(waba) submitted while its dialog was closed: c reopens it, where it can be withdrawn."))
            }
        case (.submitPartnerChange, .failed(let message, _)):
            w.send(.submitted(message == differentPaymentProcessorMessage ? .differentPaymentProcessor : .failed(message)))
        case (.submitPartnerChange, .handedToHub(let url)):
            // Nothing was sent: the wizard ends here and the Hub takes over.
            partnerChanges[waba] = nil
            if let d { dialogs.remove(d.id) }
            var lines = ["The Partner Change Request is made in the client's 360dialog Hub: nothing was sent from here.", url]
            if w.companyInfoWasIncomplete && !w.companyStepInHub { lines.append("The company information typed here was not sent either: the client completes it in their Hub.") }
            presentMessage("Finish this in the Hub", lines,
                           notice: Notice(.warning, "Recorded in the audit log as handed to the Hub."))
            return []
        case (.submitPartnerChange, .unknown(let message)):
            // Not left on "Submitting": the wizard says it cannot tell, watches the requests
            // for this one, and offers to send again with the same key.
            w.send(.submitted(.unknown(message)))
            if let d { dialogs.update(d.id) { $0.working = nil } }
            effects.append(.loadPartnerChanges)
        case (.confirmPaymentMethod, .succeeded):
            w.send(.paymentMethodConfirmed)
            effects.append(.loadPartnerChanges)
        case (.withdrawPartnerChange, .succeeded):
            w.send(.cancel)
            partnerChanges[waba] = w
            refreshPartnerChange(waba)
            presentMessage("Request withdrawn", ["\(request.mutation.summary(names)): done.", "The numbers stay with this partner."])
            return [.loadPartnerChanges]
        case (_, .failed(let message, _)), (_, .unknown(let message)):
            partnerChanges[waba] = w
            if let d { dialogs.update(d.id) { $0.working = nil; $0.notice = Notice(.error, message) } }
            return [.loadPartnerChanges]
        default:
            break
        }
        partnerChanges[waba] = w
        refreshPartnerChange(waba)
        return effects
    }

    /// The polled requests: a submitted wizard learns its request, a pending one its decision.
    mutating func partnerChangesArrived(_ list: [PartnerChangeRequest]) -> [Effect] {
        partnerChangeRequests = list
        refreshIncoming()
        var effects: [Effect] = []
        for (waba, var w) in partnerChanges {
            let before = w
            if w.requestId == nil, w.step.awaitsItsRequest {
                // Only a live request for these numbers, created since the terms were confirmed
                // (an old or withdrawn one is never taken for it); in doubt it keeps waiting.
                let clientId = w.channelIds.compactMap { records[$0]?.channel.resolvedClientId }.first
                if case .found(let pcr) = PartnerChangeMatch.find(in: list, clientId: clientId, wabaChannels: Set(w.channelIds),
                                                                  target: w.destinationPartnerId, since: w.submittedAt) {
                    if let dest = w.destination ?? destinations[w.destinationPartnerId] {
                        w.send(.submitted(.accepted(requestId: pcr.id, paymentMethodRequired: dest.paymentMethodRequired ?? false, autoApproved: false)))
                    } else {
                        // Resumed after a restart: whether the payment step applies is asked first.
                        effects.append(.lookupPartner(id: w.destinationPartnerId))
                    }
                }
            }
            if let id = w.requestId, let pcr = list.first(where: { $0.id == id }), let status = pcr.status {
                // "Approved automatically" when the destination says it approves on its own.
                w.send(.approvalChanged(status, autoApproved: destinations[w.destinationPartnerId]?.autoApprove == true))
            }
            guard w != before else { continue }
            partnerChanges[waba] = w
            refreshPartnerChange(waba)
        }
        return effects
    }
}

extension PartnerChangeWizard.Step {
    /// Sent (or perhaps sent) and not yet bound to its request.
    var awaitsItsRequest: Bool {
        switch self {
        case .submitting, .unconfirmed: return true
        default: return false
        }
    }

    /// Where the stepper stands.
    var index: Int {
        switch self {
        case .companyInformation: return 0
        case .destinationPartner, .blocked, .cancelled: return 1
        case .reviewNumbers: return 2
        case .terms, .submitting, .unconfirmed: return 3
        case .paymentMethod: return 4
        case .approval: return 5
        }
    }
}

extension Dialog.Body {
    /// Which kind of body, so a step change of the same kind keeps what the agent typed.
    var kind: Int {
        switch self {
        case .form: return 0
        case .confirm: return 1
        case .text: return 2
        case .table: return 3
        case .message: return 4
        }
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
