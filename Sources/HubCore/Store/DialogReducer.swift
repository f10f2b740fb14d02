import Foundation

/// The dialog stack: keys go to the top dialog (its feature's own keys first); when it ends,
/// its result goes to the feature that opened it, which may open the next dialog or ask for
/// an effect.
extension AppState {
    mutating func reduceDialog(_ action: DialogAction) -> [Effect] {
        switch action {
        case .key(let key): return dialogKey(key)
        case let .mutationSettled(request, outcome): return mutationSettled(request, outcome)
        case let .exportProgress(id, done, total):
            dialogs.update(id) { $0.working?.done = done; $0.working?.total = total }
        case let .exportExists(id, path): exportExists(form: id, path: path)
        case let .exportFinished(id, path, rows): exportFinished(form: id, path: path, rows: rows)
        case let .exportFailed(id, message): exportFailed(form: id, message: message)
        }
        return []
    }

    mutating func dialogKey(_ key: EditKey) -> [Effect] {
        guard var d = dialogs.top else { return [] }
        if d.working != nil {
            // Work in flight is never abandoned half-known: Esc hides the dialog, the work goes
            // on, and its outcome reaches the notification center.
            if key == .escape {
                dialogs.remove(d.id)
                flash(.info, "\(d.working?.label ?? "The work") goes on; its outcome will be in the notification center (n).")
            }
            return []
        }
        // The feature's own keys first (a list's `a`, the wizard's steps).
        if let effects = d.owner.state.key(key, d, in: &self) { return effects }
        d = dialogs.top ?? d // the feature may have changed its dialog (the wizard answered a question it asked)
        // Typed input is never lost to one Esc: the first says what a second one does.
        if case .form(let f) = d.body, f.isEdited {
            if key == .escape, !d.discardArmed {
                dialogs.update(d.id) { d in
                    d.discardArmed = true
                    d.notice = Notice(.warning, Self.discardQuestion)
                }
                return []
            }
            if key != .escape, d.discardArmed {
                d.discardArmed = false
                if d.notice?.text == Self.discardQuestion { d.notice = nil }
                dialogs.update(d.id) { $0 = d }
            }
        }
        let frame = DialogFrame(d, layout: layout, depth: dialogs.count - 1)
        var result: DialogResult?
        switch d.body {
        case .form(var f):
            switch f.handle(key) {
            case .submitted(let v)?: result = .submitted(v)
            case .cancelled?: result = .cancelled
            case nil: break
            }
            d.body = .form(f)
        case .confirm(var c):
            switch c.handle(key, body: frame.body) {
            case .confirmed?: result = .confirmed
            case .cancelled?: result = .cancelled
            case nil: break
            }
            d.body = .confirm(c)
        case .text(var t):
            if !t.handle(key, width: frame.body.width, height: frame.body.height) {
                if key == .escape { result = .cancelled } else if key == .enter { result = .confirmed }
            }
            d.body = .text(t)
        case .table(var t):
            if !t.handle(key, height: frame.body.height - 1) {
                if key == .escape || key == .enter { result = .cancelled }
            }
            d.body = .table(t)
        case .message:
            if key == .escape || key == .enter || key == .space { result = .confirmed }
        }
        // A key that changes something clears a notice about what was wrong before.
        if result == nil, d != dialogs.top, d.notice?.level == .error { d.notice = nil }
        dialogs.updateTop { $0 = d }
        guard let result else { return [] }
        // A submitted form stays until its workflow is done with it (errors land on its fields);
        // so does a confirm that is its own request's dialog (it shows the sending and the answer).
        if !d.staysOpen(after: result) { dialogs.remove(d.id) }
        return finish(d, result)
    }

    static let discardQuestion = "What you typed is not saved: Esc again discards it; any other key goes on editing."

    /// A new idempotency key: unique per session and intent, made without randomness.
    mutating func newIdempotencyKey() -> String {
        intentSequence += 1
        return "\(environment.sessionId)-\(intentSequence)"
    }

    /// Pushes a dialog built from its ID.
    @discardableResult
    mutating func present(_ make: (Int) -> Dialog) -> Int {
        overlay = nil
        return dialogs.push(make)
    }
}
