import Foundation

/// A feature's state for one dialog it opened (issue 27): the dialog's result and the
/// feature's own keys come back to it, so the dialog stack needs no list of purposes.
/// Each feature folder (Features/…) declares its dialogs' states beside its reducer steps:
/// Textual's `push_screen(screen, callback)`, with the callback as data.
public protocol DialogFeature: Equatable, Sendable {
    /// The dialog ended with `result` (or a form was submitted): the feature's next step.
    func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect]
    /// A key the feature handles before the dialog's body does (a list's `a`, the wizard's
    /// Shift-Tab); nil: the body handles it.
    func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]?
    /// Whether the dialog stays on the stack once it has `result` (a submitted form stays,
    /// so errors land on its fields).
    func staysOpen(after result: DialogResult, _ d: Dialog) -> Bool
    /// A list's own keys, shown in the footer, help and palette (Users: `a` adds one).
    var listKeys: [KeyHint] { get }
    /// The footer's keys, given the body's (the wizard turns Esc into "leave").
    func hints(body: [KeyHint]) -> [KeyHint]
}

extension DialogFeature {
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] { [] }
    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? { nil }
    public func staysOpen(after result: DialogResult, _ d: Dialog) -> Bool {
        if case .submitted = result { return true }
        return false
    }
    public var listKeys: [KeyHint] { [] }
    public func hints(body: [KeyHint]) -> [KeyHint] { body }

    func isEqual(to other: any DialogFeature) -> Bool { (other as? Self) == self }
}

/// The feature state a dialog carries, compared by value.
public struct DialogOwner: Equatable, Sendable {
    public let state: any DialogFeature

    public init(_ state: any DialogFeature) { self.state = state }

    public static func == (a: DialogOwner, b: DialogOwner) -> Bool { a.state.isEqual(to: b.state) }
}

/// A message with nothing to do afterwards (results, errors, hand-offs to the Hub).
public struct MessageDialog: DialogFeature {
    public init() {}
}

/// One key of a dialog, as the footer, help and the palette show it.
public struct KeyHint: Equatable, Sendable {
    public var key: String
    public var text: String
    /// The palette name ("submit"); running it sends `edit` to the dialog.
    public var name: String
    public var edit: EditKey?

    public init(_ key: String, _ text: String, _ name: String, _ edit: EditKey?) {
        self.key = key
        self.text = text
        self.name = name
        self.edit = edit
    }
}

extension Dialog {
    /// The feature state of this dialog when it is of type `T`.
    public func owned<T: DialogFeature>(by _: T.Type) -> T? { owner.state as? T }

    /// Whether a feature of type `T` opened this dialog.
    public func isOwned<T: DialogFeature>(by type: T.Type) -> Bool { owned(by: type) != nil }
}

extension DialogStack {
    /// Changes the feature state of the dialog with that ID, when it is a `T`.
    public mutating func updateState<T: DialogFeature>(_ id: Int, as _: T.Type, _ change: (inout T) -> Void) {
        update(id) { d in
            guard var state = d.owned(by: T.self) else { return }
            change(&state)
            d.owner = DialogOwner(state)
        }
    }

    /// The topmost dialog of feature type `T` whose state matches.
    public func last<T: DialogFeature>(_ type: T.Type, where match: (T) -> Bool = { _ in true }) -> Dialog? {
        items.last { $0.owned(by: type).map(match) ?? false }
    }
}
