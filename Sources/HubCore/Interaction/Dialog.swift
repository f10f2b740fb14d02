import Foundation

/// One dialog on the stack: what it shows (`body`), the feature that opened it with its state
/// (`owner`: the result and the feature's keys go to it), and work in flight on its behalf.
public struct Dialog: Equatable, Sendable, Identifiable {
    public enum Body: Equatable, Sendable {
        case form(Form)
        case confirm(Confirm)
        case text(ScrollText)
        case table(DataTable)
        /// A message and one button (results, errors, "finish this in the Hub").
        case message([String])
    }

    /// Also the correlation ID of requests made for it.
    public let id: Int
    public var owner: DialogOwner
    public var title: String
    public var steps: Stepper?
    public var body: Body
    public var notice: Notice?
    /// Work in flight for this dialog (a request, an export); keys wait while it runs.
    public var working: ProgressLine?
    /// Inner size it would like; the layout shrinks it to the screen.
    public var preferredWidth: Int
    public var preferredHeight: Int
    /// Idempotency keys of the intents this dialog sent, so a retry of the same intent reuses
    /// its key (one key per intent, kept across retries).
    public var intentKeys: [Mutation: String] = [:]
    /// A secret shown once (a new API key): masked unless revealed; gone when the dialog closes.
    public var secret: SecretField?
    /// Esc was pressed over typed input once: the next Esc discards it, any other key keeps it.
    public var discardArmed = false

    public init(id: Int, feature: any DialogFeature = MessageDialog(), title: String, body: Body, steps: Stepper? = nil, notice: Notice? = nil,
                preferredWidth: Int = 64, preferredHeight: Int = 16) {
        self.id = id
        self.owner = DialogOwner(feature)
        self.title = title
        self.body = body
        self.steps = steps
        self.notice = notice
        self.preferredWidth = preferredWidth
        self.preferredHeight = preferredHeight
    }

    public var form: Form? {
        get { if case .form(let f) = body { return f } else { return nil } }
        set { if let newValue { body = .form(newValue) } }
    }

    /// Whether the dialog stays on the stack once it has this result.
    func staysOpen(after result: DialogResult) -> Bool { owner.state.staysOpen(after: result, self) }

    /// Whether typed characters go to a text field (so `?` and `:` are text, not commands).
    public var takesText: Bool {
        switch body {
        case .form(let f): if case .text = f.focusedField?.kind { return true } else { return false }
        case .confirm(let c): return c.typeToConfirm != nil
        case .table(let t): return t.filtering
        case .text, .message: return false
        }
    }
}

/// How a dialog ended, for the reducer of whoever opened it.
public enum DialogResult: Equatable, Sendable {
    case confirmed
    case cancelled
    case submitted(FormValues)
}

/// Dialogs over the main screen, top last. Keys go to the top one only.
public struct DialogStack: Equatable, Sendable {
    public private(set) var items: [Dialog] = []
    var nextId = 1

    public init() {}

    public var top: Dialog? { items.last }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }

    /// Pushes a dialog built with a fresh ID; returns the ID.
    @discardableResult
    public mutating func push(_ make: (Int) -> Dialog) -> Int {
        let id = nextId
        nextId += 1
        items.append(make(id))
        return id
    }

    public func dialog(_ id: Int) -> Dialog? { items.first { $0.id == id } }

    /// Changes the dialog with that ID, wherever it is on the stack.
    public mutating func update(_ id: Int, _ change: (inout Dialog) -> Void) {
        guard let i = items.firstIndex(where: { $0.id == id }) else { return }
        change(&items[i])
    }

    public mutating func updateTop(_ change: (inout Dialog) -> Void) {
        guard !items.isEmpty else { return }
        change(&items[items.count - 1])
    }

    /// Closes a dialog and everything opened over it.
    public mutating func remove(_ id: Int) {
        guard let i = items.firstIndex(where: { $0.id == id }) else { return }
        items.removeSubrange(i...)
    }
}
