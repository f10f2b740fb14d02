import Foundation

/// The server's answers to the wizard: a destination looked up, a request settled, the
/// polled partner change requests (whether or not the wizard's dialog is open).
extension AppState {
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
