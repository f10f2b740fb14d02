/// A yes/no question. Focus starts on Cancel. For what cannot be undone, the agent types what
/// the action applies to (the phone number, a word the dialog names); Confirm stays disabled
/// until it matches.
public struct Confirm: Equatable, Sendable {
    public enum Button: Equatable, Sendable { case cancel, confirm }

    public var message: [String]
    public var review: ReviewTable?
    /// Rows to read before confirming (a refund's plan), and lines under them (its total).
    public var table: DataTable?
    public var after: [String]
    /// First content line shown when it is taller than the dialog (the typed field stays put).
    public private(set) var offset = 0
    public var confirmLabel: String
    public var cancelLabel: String
    /// The text to type, or nil for a plain confirm.
    public var typeToConfirm: String?
    /// Accepts also the last `suffix` characters of `typeToConfirm` (the last 4 digits of a number).
    public var acceptsSuffix: Int?
    public var field: TextField
    public private(set) var focus: Button = .cancel
    /// Set when Enter was pressed while the typed text did not match (the hint turns red).
    public private(set) var mismatchShown = false
    /// Set when Enter was pressed on a typed confirm whose content (a refund's plan and total)
    /// was not all on screen yet: it does not arm until the agent has scrolled to the end.
    public private(set) var unreadShown = false

    public init(message: [String], review: ReviewTable? = nil, table: DataTable? = nil, after: [String] = [],
                confirmLabel: String = "Confirm", cancelLabel: String = "Cancel",
                typeToConfirm: String? = nil, acceptsSuffix: Int? = nil) {
        self.message = message
        self.review = review
        self.table = table
        self.after = after
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.typeToConfirm = typeToConfirm
        self.acceptsSuffix = acceptsSuffix
        field = TextField(maxLength: max(1, (typeToConfirm?.count ?? 1) + 8))
    }

    public var matches: Bool {
        guard let expected = typeToConfirm else { return true }
        return Self.matches(field.text, expected: expected, acceptsSuffix: acceptsSuffix)
    }

    /// The typed text is what is confirmed, or (when allowed) its last `acceptsSuffix` characters.
    public static func matches(_ typed: String, expected: String, acceptsSuffix: Int?) -> Bool {
        let typed = typed.trimmingCharacters(in: .whitespaces)
        if typed == expected { return true }
        if let n = acceptsSuffix, typed.count == n, expected.hasSuffix(typed) { return true }
        return false
    }

    /// Confirm can be pressed: plain confirms always, typed ones once they match.
    public var canConfirm: Bool { matches }

    public enum Outcome: Equatable, Sendable { case confirmed, cancelled }

    /// Lines the content takes at this width: the message wrapped, then the review, the table
    /// (heading and rows) and the lines after it, each block after a blank line.
    public func contentHeight(width: Int) -> Int {
        var n = TextWrap.wrap(message, width: max(1, width)).count
        if let review { n += 1 + review.rows.count }
        if let table { n += 2 + table.rows.count }
        if !after.isEmpty { n += 1 + TextWrap.wrap(after, width: max(1, width)).count }
        return n
    }

    /// Lines under the content for the typed confirmation (blank, prompt, field).
    public var typingHeight: Int { typeToConfirm == nil ? 0 : 3 }

    /// Keys with the body's size known: Up/Down and PgUp/PgDn scroll content taller than it.
    /// Whether the body can show content and the field to type into (a refund at 40x12 could
    /// not: its prompt overwrote the title). A typed confirm that does not fit never arms.
    public func fits(_ body: Rect) -> Bool { typeToConfirm == nil || body.height >= typingHeight + 2 }

    @discardableResult
    public mutating func handle(_ key: EditKey, body: Rect) -> Outcome? {
        if !fits(body) { return key == .escape || key == .enter ? .cancelled : nil }
        let total = contentHeight(width: body.width)
        // As the view draws it: when it scrolls, one line says where the agent is.
        let full = max(1, body.height - typingHeight)
        let page = total > full ? max(1, full - 1) : full
        // Home, End and Space stay with the typed field.
        let scrolls = key == .up || key == .down || key == .pageUp || key == .pageDown
        if scrolls, total > page, let moved = ScrollOffset.apply(key, to: offset, page: page, total: total) {
            offset = moved
            if offset + page >= total { unreadShown = false }
            return nil
        }
        // What cannot be undone is confirmed only once all of it was on screen (the amount and
        // the total of a refund sit below the fold at 80x24).
        if key == .enter || key == .submit, typeToConfirm != nil, matches, total > page, offset + page < total {
            unreadShown = true
            return nil
        }
        return handle(key)
    }

    @discardableResult
    public mutating func handle(_ key: EditKey) -> Outcome? {
        switch key {
        case .escape: return .cancelled
        case .tab, .backtab, .left, .right:
            // With a field to type in, arrows edit the text; Tab still moves between buttons.
            if typeToConfirm != nil, key == .left || key == .right {
                field.handle(key)
                return nil
            }
            focus = focus == .cancel ? .confirm : .cancel
        case .enter:
            if typeToConfirm != nil {
                // Typing is the safety: Enter confirms once it matches, never before.
                if focus == .cancel && field.isEmpty { return .cancelled }
                guard matches else { mismatchShown = true; return nil }
                return .confirmed
            }
            return focus == .confirm ? .confirmed : .cancelled
        case .submit:
            focus = .confirm
            guard typeToConfirm == nil || matches else { mismatchShown = true; return nil }
            return .confirmed
        // `y` does what the footer says (it used to only move the focus); typed confirms take it as text.
        case .insert("y") where typeToConfirm == nil: focus = .confirm; return .confirmed
        case .insert("n") where typeToConfirm == nil: return .cancelled
        default:
            if typeToConfirm != nil, field.handle(key) {
                mismatchShown = false
                if matches { focus = .confirm }
            }
        }
        return nil
    }
}
