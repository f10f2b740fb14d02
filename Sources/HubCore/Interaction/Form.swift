import Foundation

/// A form as data (charmbracelet/huh): fields with rules, Tab/Shift-Tab/Enter to move, Enter
/// on the last field submits. Errors show under their field; a field checked once is checked
/// again on every edit, so an error goes away as soon as it is fixed.
public struct Form: Equatable, Sendable {
    public var fields: [FormField]
    public private(set) var focus: Int
    public var submitLabel: String
    /// What the form held when it opened: Esc over anything else asks before discarding it.
    public private(set) var initialValues = FormValues()

    public init(_ fields: [FormField], submitLabel: String = "Submit") {
        self.fields = fields
        self.submitLabel = submitLabel
        focus = fields.firstIndex { $0.isFocusable } ?? 0
        initialValues = values
    }

    /// The agent typed or chose something the form did not hold when it opened.
    public var isEdited: Bool { values != initialValues }

    public enum Outcome: Equatable, Sendable { case submitted(FormValues), cancelled }

    public var values: FormValues {
        var v = FormValues()
        for f in fields {
            switch f.kind {
            case .text(let t): v.text[f.id] = t.text
            case .select(let s): v.choices[f.id] = s.selection
            case .note, .review: break
            }
        }
        return v
    }

    public subscript(id: String) -> FormField? {
        get { fields.first { $0.id == id } }
        set { if let i = fields.firstIndex(where: { $0.id == id }), let newValue { fields[i] = newValue } }
    }

    public var focusedField: FormField? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// Sets an error from elsewhere (the server said which field was wrong) and focuses it.
    public mutating func setError(_ message: String, field id: String) {
        guard let i = fields.firstIndex(where: { $0.id == id }) else { return }
        fields[i].error = message
        fields[i].checked = true
        focus = i
    }

    @discardableResult
    public mutating func handle(_ key: EditKey) -> Outcome? {
        switch key {
        case .escape: return .cancelled
        case .tab: moveFocus(1, validateLeaving: true)
        case .backtab: moveFocus(-1, validateLeaving: false)
        case .enter:
            if focus == lastFocusable { return submit() }
            moveFocus(1, validateLeaving: true)
        case .submit: return submit()
        default:
            guard fields.indices.contains(focus) else { return nil }
            if fields[focus].handle(key) {
                if fields[focus].checked { fields[focus].validate() }
            } else if key == .down {
                moveFocus(1, validateLeaving: false)
            } else if key == .up {
                moveFocus(-1, validateLeaving: false)
            }
        }
        return nil
    }

    var lastFocusable: Int? { fields.lastIndex { $0.isFocusable } }

    mutating func moveFocus(_ step: Int, validateLeaving: Bool) {
        guard !fields.isEmpty else { return }
        if validateLeaving, fields.indices.contains(focus), fields[focus].isFocusable {
            fields[focus].checked = true
            fields[focus].validate()
        }
        var i = focus
        for _ in fields.indices {
            i = (i + step + fields.count) % fields.count
            if fields[i].isFocusable { focus = i; return }
        }
    }

    /// Checks every field; the first one in error takes the focus.
    mutating func submit() -> Outcome? {
        for i in fields.indices where fields[i].isFocusable {
            fields[i].checked = true
            fields[i].validate()
        }
        if let bad = fields.firstIndex(where: { $0.error != nil }) {
            focus = bad
            return nil
        }
        return .submitted(values)
    }
}

/// What a submitted form holds: text by field ID, chosen option IDs by field ID.
public struct FormValues: Equatable, Hashable, Sendable {
    public var text: [String: String] = [:]
    public var choices: [String: [String]] = [:]

    public init(text: [String: String] = [:], choices: [String: [String]] = [:]) {
        self.text = text
        self.choices = choices
    }

}

public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text(TextField)
        case select(SelectList)
        /// Read-only text between fields.
        case note(String, Emphasis)
        case review(ReviewTable)
    }

    public var id: String
    public var label: String
    public var help: String?
    public var kind: Kind
    public var rules: [FieldRule]
    public var error: String?
    /// Checked once (left with Tab, or submitted): from then on every edit re-checks it.
    public var checked = false

    public init(id: String, label: String, help: String? = nil, kind: Kind, rules: [FieldRule] = []) {
        self.id = id
        self.label = label
        self.help = help
        self.kind = kind
        self.rules = rules
    }

    public static func text(_ id: String, _ label: String, value: String = "", placeholder: String = "", maxLength: Int = 200,
                            masked: Bool = false, help: String? = nil, rules: [FieldRule] = []) -> FormField {
        FormField(id: id, label: label, help: help,
                  kind: .text(TextField(value, maxLength: maxLength, masked: masked, placeholder: placeholder)), rules: rules)
    }

    public var isFocusable: Bool {
        switch kind {
        case .text, .select: return true
        case .note, .review: return false
        }
    }

    public var textValue: String {
        if case .text(let t) = kind { return t.text }
        return ""
    }

    mutating func handle(_ key: EditKey) -> Bool {
        switch kind {
        case .text(var t):
            let used = t.handle(key)
            kind = .text(t)
            return used
        case .select(var s):
            let used = s.handle(key)
            kind = .select(s)
            return used
        case .note, .review:
            return false
        }
    }

    mutating func validate() {
        error = nil
        let value: String
        switch kind {
        case .text(let t): value = t.text.trimmingCharacters(in: .whitespaces)
        case .select(let s): value = s.selection.joined(separator: ",")
        case .note, .review: return
        }
        for rule in rules {
            if let message = rule.check(value) { error = message; return }
        }
    }
}

/// Field rules as data, so a form is a value that tests and snapshots can compare.
public enum FieldRule: Equatable, Sendable {
    case required(String)
    /// A whole number in the range; the message says which rule applies when it is out.
    case integer(ClosedRange<Int>, message: String)
    case maxLength(Int)
    case email
    /// The whole value must match the regular expression.
    case pattern(String, message: String)
    case notEqual(String, message: String)
    /// Not one of these (compared without case): an email already taken.
    case notIn(Set<String>, message: String)
    /// An Add funds amount in this currency (`TopUpAmount`: decimals, above 0, the limit).
    case topUp(Currency)
    /// A destination Partner ID (`PartnerChangeWizard.validatePartnerId`), not `current`.
    case partnerId(current: String)

    public func check(_ value: String) -> String? {
        switch self {
        case .required(let message):
            return value.isEmpty ? message : nil
        case .integer(let range, let message):
            guard !value.isEmpty else { return nil }
            guard let n = Int(value) else { return "Type a whole number." }
            return range.contains(n) ? nil : message
        case .maxLength(let n):
            return value.count > n ? "At most \(n) characters." : nil
        case .email:
            guard !value.isEmpty else { return nil }
            let ok = value.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]{2,}$"#, options: .regularExpression) != nil
            return ok ? nil : "Type an email address like name@example.com."
        case .pattern(let regex, let message):
            guard !value.isEmpty else { return nil }
            return value.range(of: "^(?:\(regex))$", options: .regularExpression) != nil ? nil : message
        case .notEqual(let other, let message):
            return value == other ? message : nil
        case .notIn(let taken, let message):
            return taken.contains(value.lowercased()) ? message : nil
        case .partnerId(let current):
            return PartnerChangeWizard.validatePartnerId(value, currentPartnerId: current)
        case .topUp(let currency):
            guard !value.isEmpty else { return nil }
            if case .failure(let e) = TopUpAmount.parse(value, currency: currency) { return e.description }
            return nil
        }
    }
}
