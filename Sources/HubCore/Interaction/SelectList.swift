/// A list to choose from: one option (Enter) or several (Space toggles, `a` all or none).
/// Options are chosen by ID, never by row, like the cards.
public struct SelectList: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public var id: String
        public var label: String
        public var detail: String
        /// Why it cannot be chosen (shown greyed out with the reason), or nil.
        public var disabledReason: String?

        public init(id: String, label: String, detail: String = "", disabledReason: String? = nil) {
            self.id = id
            self.label = label
            self.detail = detail
            self.disabledReason = disabledReason
        }
    }

    public var options: [Option]
    public private(set) var cursor: Int
    public let multiple: Bool
    public private(set) var chosen: Set<String>
    /// Rows shown at once; the list scrolls around the cursor.
    public var visibleRows: Int

    public init(options: [Option], multiple: Bool = false, chosen: Set<String> = [], visibleRows: Int = 6) {
        self.options = options
        self.multiple = multiple
        self.visibleRows = max(1, visibleRows)
        let enabled = Set(options.filter { $0.disabledReason == nil }.map(\.id))
        self.chosen = multiple ? chosen.intersection(enabled) : []
        let start = multiple ? 0 : (options.firstIndex { chosen.contains($0.id) } ?? 0)
        cursor = options.isEmpty ? 0 : start
        if !multiple, let id = options.indices.contains(cursor) ? options[cursor].id : nil, enabled.contains(id) { self.chosen = [id] }
    }

    public var current: Option? { options.indices.contains(cursor) ? options[cursor] : nil }

    /// The chosen IDs in option order.
    public var selection: [String] { options.map(\.id).filter(chosen.contains) }

    @discardableResult
    public mutating func handle(_ key: EditKey) -> Bool {
        guard !options.isEmpty else { return false }
        switch key {
        case .up: move(to: cursor - 1)
        case .down: move(to: cursor + 1)
        case .pageUp: move(to: cursor - visibleRows)
        case .pageDown: move(to: cursor + visibleRows)
        case .home: move(to: 0)
        case .end: move(to: options.count - 1)
        case .space where multiple: toggle(options[cursor])
        case .insert("a") where multiple:
            let enabled = options.filter { $0.disabledReason == nil }.map(\.id)
            chosen = chosen.count == enabled.count ? [] : Set(enabled)
        default: return false
        }
        return true
    }

    mutating func move(to index: Int) {
        cursor = min(max(0, index), options.count - 1)
        // A single choice follows the cursor, skipping what cannot be chosen.
        if !multiple { chosen = options[cursor].disabledReason == nil ? [options[cursor].id] : [] }
    }

    mutating func toggle(_ o: Option) {
        guard o.disabledReason == nil else { return }
        if chosen.contains(o.id) { chosen.remove(o.id) } else { chosen.insert(o.id) }
    }

    /// The first row shown so that the cursor is visible.
    public var firstVisible: Int { max(0, min(cursor - visibleRows / 2, options.count - visibleRows)) }
}
