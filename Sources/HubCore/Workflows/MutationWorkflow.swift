import Foundation

/// Any change sent to the API: confirmed over the form that asked for it, sent through the
/// pipeline with one idempotency key per intent, and answered back to that form.
extension AppState {
    /// Pushes the confirm for an intent; `typeToConfirm` for what cannot be undone.
    mutating func confirmMutation(_ mutation: Mutation, from form: Int, title: String, message: [String], review: ReviewTable?,
                                  confirmLabel: String, typeToConfirm: String? = nil, acceptsSuffix: Int? = nil) {
        guard !readOnly else { return }
        let key = dialogs.dialog(form)?.intentKeys[mutation] ?? newIdempotencyKey()
        dialogs.update(form) { $0.intentKeys[mutation] = key }
        let request = MutationRequest(mutation: mutation, idempotencyKey: key, correlation: form)
        let confirm = Confirm(message: message, review: review, confirmLabel: confirmLabel, typeToConfirm: typeToConfirm, acceptsSuffix: acceptsSuffix)
        let rows = message.count + (review?.rows.count ?? 0) + (typeToConfirm == nil ? 1 : 4)
        present { Dialog(id: $0, purpose: .confirmMutation(request), title: title, body: .confirm(confirm), preferredWidth: 64, preferredHeight: rows) }
    }

    mutating func mutationConfirmed(_ request: MutationRequest, _ result: DialogResult) -> [Effect] {
        guard result == .confirmed, !readOnly else { return [] }
        let progress = ProgressLine("Sending: \(request.mutation.summary)", startedAt: now)
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
                                           text: "\(request.mutation.summary): \(outcome.auditText)"))
        guard let d = dialogs.dialog(request.correlation) else { return [] }
        switch outcome {
        case .succeeded(let what):
            dialogs.remove(d.id)
            presentMessage("Done", [request.mutation.summary, "The API answered: \(what)."], notice: Notice(.success, "Saved. The audit log (:audit) has it."))
        case let .failed(message, field):
            dialogs.update(d.id) { d in
                d.working = nil
                if let field, d.form?[field] != nil { d.form?.setError(message, field: field) } else { d.notice = Notice(.error, message) }
            }
        case .handedToHub(let url):
            dialogs.remove(d.id)
            presentMessage("Finish this in the Hub", ["\(request.mutation.summary) is not in the public Partner API.",
                                                      "Open this page to do it in the browser:", url],
                           notice: Notice(.warning, "Recorded in the audit log as handed to the Hub."))
        case .unknown(let message):
            dialogs.update(d.id) { d in
                d.working = nil
                d.notice = Notice(.warning, "\(message) It is not sent again: partnerhub asks the server on the next start.")
            }
        }
        return []
    }
}
