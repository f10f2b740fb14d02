import Foundation

/// Any change sent to the API: confirmed over the form that asked for it, sent through the
/// pipeline with one idempotency key per intent, and answered back to that form.
extension AppState {
    /// Pushes the confirm for an intent; `typeToConfirm` for what cannot be undone. Over a form
    /// (`from`), the form shows the sending and the answer; without one, the confirm itself does.
    mutating func confirmMutation(_ mutation: Mutation, from form: Int?, title: String, message: [String], review: ReviewTable?,
                                  table: DataTable? = nil, after: [String] = [], notice: Notice? = nil,
                                  confirmLabel: String, typeToConfirm: String? = nil, acceptsSuffix: Int? = nil) {
        guard !readOnly else { return }
        let key = form.flatMap { dialogs.dialog($0)?.intentKeys[mutation] } ?? newIdempotencyKey()
        if let form { dialogs.update(form) { $0.intentKeys[mutation] = key } }
        let confirm = Confirm(message: message, review: review, table: table, after: after, confirmLabel: confirmLabel,
                              typeToConfirm: typeToConfirm, acceptsSuffix: acceptsSuffix)
        let rows = confirm.contentHeight(width: 70) + (confirm.typingHeight == 0 ? 1 : confirm.typingHeight + 1)
        present { id in
            let request = MutationRequest(mutation: mutation, idempotencyKey: key, correlation: form ?? id)
            return Dialog(id: id, feature: MutationConfirm(request: request), title: title, body: .confirm(confirm), notice: notice,
                          preferredWidth: table == nil ? 64 : 72, preferredHeight: rows)
        }
    }

    mutating func mutationConfirmed(_ request: MutationRequest, _ result: DialogResult) -> [Effect] {
        guard result == .confirmed, !readOnly else { return [] }
        let progress = ProgressLine("Sending: \(request.mutation.summary(names))", startedAt: now)
        dialogs.update(request.correlation) { d in
            d.notice = nil
            d.working = progress
        }
        return [.mutate(request)]
    }

    /// The pipeline's answer: into the notification center always, and to the dialog that
    /// asked when it is still open.
    mutating func mutationSettled(_ request: MutationRequest, _ outcome: MutationOutcome) -> [Effect] {
        let level: HubNotification.Level
        switch outcome {
        case .succeeded: level = .info
        case .handedToHub, .unknown: level = .warning
        case .failed: level = .error
        }
        notifications.push(HubNotification(id: "op-\(request.idempotencyKey)", level: level, time: now,
                                           text: "\(request.mutation.summary(names)): \(outcome.auditText)"))
        // What the server confirmed shows at once; the next poll confirms it again (issue 26:
        // the card and the clients view kept the old value for 15 to 40 s).
        let command = request.mutation.command
        if case .succeeded = outcome { command.applyConfirmed(in: &self) }
        // What is read again (a number's funds after money moved), and its feature's next step.
        let effects = command.followUps(outcome, in: &self)
        // A wizard follows its own requests even when its dialog was closed meanwhile.
        if let waba = request.mutation.partnerChangeWaba { return effects + partnerChangeSettled(waba: waba, request, outcome) }
        guard let d = dialogs.dialog(request.correlation) else { return effects }
        switch outcome {
        case .succeeded(let what):
            dialogs.remove(d.id)
            if let own = command.succeeded(in: &self) { return effects + own }
            presentMessage("Done", [request.mutation.summary(names), "The API answered: \(what)."], notice: Notice(.success, "Saved. The audit log (:audit) has it."))
        case let .failed(message, serverField):
            let field = request.mutation.formField(server: serverField, message: message)
            dialogs.update(d.id) { d in
                d.working = nil
                if let field, d.form?[field] != nil { d.form?.setError(message, field: field) } else { d.notice = Notice(.error, message) }
            }
        case .handedToHub(let url):
            dialogs.remove(d.id)
            presentMessage("Finish this in the Hub", ["\(request.mutation.summary(names)) is not in the public Partner API.",
                                                      "Open this page to do it in the browser:", url],
                           notice: Notice(.warning, "Recorded in the audit log as handed to the Hub."))
        case .unknown(let message):
            dialogs.update(d.id) { d in
                d.working = nil
                d.notice = Notice(.warning, "\(message) partnerhub asks the server on the next start (one key per intent: it never happens twice).")
            }
        }
        return effects
    }
}

/// The confirm of an intent, with the request it sends.
public struct MutationConfirm: DialogFeature {
    public let request: MutationRequest
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.mutationConfirmed(request, result)
    }
    /// Without a form under it, the confirm is its request's dialog: it shows the sending and the answer.
    public func staysOpen(after result: DialogResult, _ d: Dialog) -> Bool {
        result == .confirmed && request.correlation == d.id
    }
}
