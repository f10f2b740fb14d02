/// Rows under column headings that scroll (the audit log). Columns are cut to fit, the last
/// one takes what is left.
public struct DataTable: Equatable, Sendable {
    public var columns: [String]
    public var widths: [Int]
    public var rows: [[String]]
    public private(set) var offset = 0

    public init(columns: [String], widths: [Int], rows: [[String]]) {
        self.columns = columns
        self.widths = widths
        self.rows = rows
    }

    @discardableResult
    public mutating func handle(_ key: EditKey, height: Int) -> Bool {
        guard let moved = ScrollOffset.apply(key, to: offset, page: height, total: rows.count) else { return false }
        offset = moved
        return true
    }
}
