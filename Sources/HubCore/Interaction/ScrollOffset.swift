/// The scroll keys of read-only content (terms, tables), bounded so the offset never passes the
/// end: the first key back always moves.
public enum ScrollOffset {
    /// The new offset, or nil when the key is not a scroll key.
    public static func apply(_ key: EditKey, to offset: Int, page: Int, total: Int) -> Int? {
        let maxOffset = max(0, total - page)
        let step = max(1, page - 1)
        let moved: Int
        switch key {
        case .up: moved = offset - 1
        case .down: moved = offset + 1
        case .pageUp: moved = offset - step
        case .pageDown, .space: moved = offset + step
        case .home: moved = 0
        case .end: moved = maxOffset
        default: return nil
        }
        return min(max(0, moved), maxOffset)
    }
}
