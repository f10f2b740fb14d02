/// Rows under column headings that scroll (the audit log). Columns are cut to fit, the last
/// one takes what is left. A table made with row IDs also has a cursor (kept on its row by
/// ID when the rows are replaced, like the cards) and a filter line (`/`): each word typed
/// must appear in some cell of a row for the row to show (k9s-style narrowing).
public struct DataTable: Equatable, Sendable {
    public var columns: [String]
    public var widths: [Int]
    public private(set) var rows: [[String]]
    /// One per row when the table is a list to act on; empty for a read-only table.
    public private(set) var rowIds: [String]
    public private(set) var offset = 0
    /// Index into `shown` of the row the cursor is on.
    public private(set) var cursor = 0
    public private(set) var filter = TextField(maxLength: 80)
    /// Typed text goes to the filter line until Enter or Esc.
    public private(set) var filtering = false
    /// Indices of the rows that match the filter, in row order.
    public private(set) var shown: [Int] = []

    /// A list to act on (cursor and filter), not only to read.
    public let selectable: Bool

    /// `rowIds`: one per row for a list to act on; nil for a table only to read.
    public init(columns: [String], widths: [Int], rows: [[String]], rowIds: [String]? = nil) {
        self.columns = columns
        self.widths = widths
        self.rows = rows
        selectable = rowIds != nil
        self.rowIds = rowIds?.count == rows.count ? rowIds ?? [] : []
        shown = Array(rows.indices)
    }

    /// The ID of the row under the cursor.
    public var selectedId: String? {
        guard !rowIds.isEmpty, shown.indices.contains(cursor) else { return nil }
        return rowIds[shown[cursor]]
    }

    public var shownRows: [[String]] { shown.map { rows[$0] } }

    /// New rows (a reload): the filter stays, the cursor stays on the same ID when it is still there.
    public mutating func replaceRows(_ newRows: [[String]], ids: [String]) {
        let keep = selectedId
        rows = newRows
        rowIds = ids.count == newRows.count ? ids : []
        applyFilter(keep: keep)
    }

    /// Puts the cursor on this row (a new item: shown at once).
    public mutating func select(id: String) {
        guard let i = rowIds.firstIndex(of: id) else { return }
        if !shown.contains(i) {
            filter = TextField(maxLength: 80)
            applyFilter(keep: nil)
        }
        cursor = shown.firstIndex(of: i) ?? cursor
    }

    /// Whether a row matches the filter: every word is in some cell, case-insensitively.
    public static func matches(_ cells: [String], words: [Substring]) -> Bool {
        words.allSatisfy { w in cells.contains { $0.range(of: w, options: [.caseInsensitive, .diacriticInsensitive]) != nil } }
    }

    mutating func applyFilter(keep: String?) {
        let words = filter.text.split(whereSeparator: \.isWhitespace)
        shown = words.isEmpty ? Array(rows.indices) : rows.indices.filter { Self.matches(rows[$0], words: words) }
        if let keep, let i = rowIds.firstIndex(of: keep), let at = shown.firstIndex(of: i) { cursor = at }
        cursor = min(cursor, max(0, shown.count - 1))
    }

    /// Keys of the table. `height`: rows on screen. Returns false for a key it does not use
    /// (the dialog's own keys: Enter, Esc, `a`, `n`, `d` ...).
    @discardableResult
    public mutating func handle(_ key: EditKey, height: Int) -> Bool {
        if filtering {
            switch key {
            case .enter: filtering = false
            case .escape:
                filtering = false
                filter = TextField(maxLength: 80)
                applyFilter(keep: selectedId)
            case .up, .down, .pageUp, .pageDown: return moveCursor(key, height: height)
            default:
                guard filter.handle(key) else { return false }
                applyFilter(keep: selectedId)
            }
            return true
        }
        if selectable {
            if key == .insert("/") {
                filtering = true
                return true
            }
            if key == .escape, !filter.isEmpty {
                filter = TextField(maxLength: 80)
                applyFilter(keep: selectedId)
                return true
            }
            return moveCursor(key, height: height)
        }
        guard let moved = ScrollOffset.apply(key, to: offset, page: height, total: rows.count) else { return false }
        offset = moved
        return true
    }

    mutating func moveCursor(_ key: EditKey, height: Int) -> Bool {
        let page = max(1, height - 1)
        switch key {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= page
        case .pageDown: cursor += page
        case .home: cursor = 0
        case .end: cursor = shown.count - 1
        default: return false
        }
        cursor = min(max(0, cursor), max(0, shown.count - 1))
        return true
    }

    /// The first shown row on screen, so that the cursor is visible in `height` rows.
    public func firstVisible(height: Int) -> Int {
        guard selectable else { return offset }
        let h = max(1, height)
        return max(0, min(cursor - h / 2, shown.count - h))
    }
}
