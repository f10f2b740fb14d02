import Foundation

/// What a new message template must be before it is sent (reference §5.5; Meta's rules as
/// the Hub applies them): checked in the form, so the API's refusals are the rare ones left
/// (a name already in use).
public enum TemplateRules {
    public static let maxName = 512
    public static let maxBody = 1024
    public static let maxHeader = 60
    public static let maxFooter = 60
    public static let maxButtons = 10
    public static let maxButtonText = 25
    public static let categories: [TemplateCategory] = [.marketing, .utility, .authentication]
    /// Examples and quick replies are typed on one line, separated by this.
    public static let separator: Character = "|"

    public static let nameRule = FieldRule.pattern("[a-z0-9_]+", message: "Lowercase letters, digits and underscores only, like order_update_2.")
    public static let languageRule = FieldRule.pattern("[a-z]{2,3}(_[A-Z]{2})?", message: "A language code like en, en_US or pt_BR.")

    /// The numbers of the `{{n}}` variables in the order they appear; nil when braces are
    /// used in another way (`{{name}}`, `{{ 1 }}`, a lone `{{`).
    public static func variables(in text: String) -> [Int]? {
        var found: [Int] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
            let inside = rest[open.upperBound..<close.lowerBound]
            guard !inside.isEmpty, inside.allSatisfy(\.isASCII), inside.allSatisfy(\.isNumber), let n = Int(inside) else { return nil }
            found.append(n)
            rest = rest[close.upperBound...]
        }
        if rest.contains("}}") { return nil }
        return found
    }

    static func split(_ text: String) -> [String] {
        text.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Every problem of the form, by field ID (empty: it can be sent).
    public static func problems(_ v: FormValues) -> [TemplateField: String] {
        var p: [TemplateField: String] = [:]
        let body = v[TemplateField.body].trimmingCharacters(in: .whitespaces)
        let examples = v[TemplateField.examples].trimmingCharacters(in: .whitespaces)
        if let vars = variables(in: body) {
            let distinct = Set(vars)
            if let top = distinct.max(), distinct != Set(1...top) {
                let missing = (1...top).filter { !distinct.contains($0) }.map { "{{\($0)}}" }.joined(separator: ", ")
                p[.body] = "\(missing) is missing: variables are numbered from {{1}} without gaps."
            } else if !distinct.isEmpty {
                let given = examples.isEmpty ? [] : split(examples)
                if given.count != distinct.count || given.contains(where: \.isEmpty) {
                    p[.examples] = "One example per variable, separated by |: the body has \(distinct.count), \(given.filter { !$0.isEmpty }.count) given."
                }
            } else if !examples.isEmpty {
                p[.examples] = "The body has no variables: leave the examples empty."
            }
        } else {
            p[.body] = "Variables are numbers in double braces, like {{1}}."
        }
        let header = v[TemplateField.header].trimmingCharacters(in: .whitespaces)
        if let hv = variables(in: header), !hv.isEmpty { p[.header] = "This form sends a header without variables." }
        let footer = v[TemplateField.footer].trimmingCharacters(in: .whitespaces)
        if footer.contains("{{") { p[.footer] = "A footer cannot have variables." }
        let buttons = v[TemplateField.buttons].trimmingCharacters(in: .whitespaces)
        if !buttons.isEmpty {
            let list = split(buttons)
            if list.contains(where: \.isEmpty) {
                p[.buttons] = "A quick reply needs a text: remove the empty one between the |."
            } else if list.count > maxButtons {
                p[.buttons] = "At most \(maxButtons) quick replies."
            } else if let long = list.first(where: { $0.count > maxButtonText }) {
                p[.buttons] = "\"\(long.prefix(30))\" is over \(maxButtonText) characters."
            } else if Set(list.map { $0.lowercased() }).count != list.count {
                p[.buttons] = "Two quick replies have the same text."
            }
        }
        return p
    }

    /// The request body of a form without problems.
    public static func draft(_ v: FormValues) -> TemplateDraft {
        let category = v.chosen(TemplateField.category).first.map { TemplateCategory(rawValue: $0) } ?? .utility
        var components: [JSONValue] = []
        let header = v[TemplateField.header].trimmingCharacters(in: .whitespaces)
        if !header.isEmpty { components.append(.object(["type": "HEADER", "format": "TEXT", "text": .string(header)])) }
        let body = v[TemplateField.body].trimmingCharacters(in: .whitespaces)
        var bodyComponent: [String: JSONValue] = ["type": "BODY", "text": .string(body)]
        let examples = v[TemplateField.examples].trimmingCharacters(in: .whitespaces)
        if !examples.isEmpty { bodyComponent["example"] = .object(["body_text": .array([.array(split(examples).map(JSONValue.string))])]) }
        components.append(.object(bodyComponent))
        let footer = v[TemplateField.footer].trimmingCharacters(in: .whitespaces)
        if !footer.isEmpty { components.append(.object(["type": "FOOTER", "text": .string(footer)])) }
        let buttons = v[TemplateField.buttons].trimmingCharacters(in: .whitespaces)
        if !buttons.isEmpty {
            components.append(.object(["type": "BUTTONS", "buttons": .array(split(buttons).map { .object(["type": "QUICK_REPLY", "text": .string($0)]) })]))
        }
        return TemplateDraft(name: v[TemplateField.name].trimmingCharacters(in: .whitespaces), category: category,
                             language: v[TemplateField.language].trimmingCharacters(in: .whitespaces), components: components)
    }

    /// The form field an API refusal is about, when the error names one in its own words.
    public static func field(forServer name: String?, message: String) -> String? { key(forServer: name, message: message)?.rawValue }

    static func key(forServer name: String?, message: String) -> TemplateField? {
        switch name {
        case "components", "text": return .body
        case let name?: if let key = TemplateField(rawValue: name) { return key }
        case nil: break
        }
        let m = message.lowercased()
        if m.contains("already in use") || m.contains("template name") { return .name }
        if m.contains("language") { return .language }
        if m.contains("category") { return .category }
        if m.contains("example") { return .examples }
        if m.contains("button") { return .buttons }
        return nil
    }
}

/// The new template form's fields; the server's names for them where it names any.
public enum TemplateField: String, FormKey, CaseIterable {
    case name, category, language, header, body, examples, footer, buttons
}
