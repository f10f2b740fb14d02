import Foundation

/// The names of one form's fields, declared once by the feature that builds it (issue 27): an
/// enum with the wire names as raw values. The form is built and its result read with the
/// same cases, so a misspelt name does not compile. Server refusals still name fields by
/// string (`meta.details`), and land through `Form.setError(_:field:)` with the raw value.
public protocol FormKey: RawRepresentable, Sendable where RawValue == String {}

extension FormValues {
    /// The text typed in the field ("" when it has none).
    public subscript<K: FormKey>(_ key: K) -> String { text[key.rawValue] ?? "" }

    /// The options chosen in a select field.
    public func chosen<K: FormKey>(_ key: K) -> [String] { choices[key.rawValue] ?? [] }
}

extension FormField {
    public init<K: FormKey>(id: K, label: String, help: String? = nil, kind: Kind, rules: [FieldRule] = []) {
        self.init(id: id.rawValue, label: label, help: help, kind: kind, rules: rules)
    }

    public static func text<K: FormKey>(_ id: K, _ label: String, value: String = "", placeholder: String = "", maxLength: Int = 200,
                                        masked: Bool = false, help: String? = nil, rules: [FieldRule] = []) -> FormField {
        .text(id.rawValue, label, value: value, placeholder: placeholder, maxLength: maxLength, masked: masked, help: help, rules: rules)
    }
}

extension Form {
    public subscript<K: FormKey>(_ key: K) -> FormField? {
        get { self[key.rawValue] }
        set { self[key.rawValue] = newValue }
    }

    public mutating func setError<K: FormKey>(_ message: String, field key: K) { setError(message, field: key.rawValue) }
}
