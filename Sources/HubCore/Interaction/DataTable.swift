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

    public mutating func handle(_ key: EditKey, height: Int) -> Bool {
        let maxOffset = max(0, rows.count - height)
        switch key {
        case .up: offset -= 1
        case .down: offset += 1
        case .pageUp: offset -= max(1, height - 1)
        case .pageDown, .space: offset += max(1, height - 1)
        case .home: offset = 0
        case .end: offset = maxOffset
        default: return false
        }
        offset = min(max(0, offset), maxOffset)
        return true
    }
}
