import Foundation

public struct Rect: Hashable, Sendable {
    public var x, y, width, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
}

/// Where everything goes for a terminal size. Pure; `render` and the key router share it, so
/// "page down" moves by exactly what is on screen.
public struct Layout: Hashable, Sendable {
    public static let minWidth = 40
    public static let minHeight = 12
    public static let cardHeight = 7
    public static let minCardWidth = 34
    public static let gap = 1

    public enum Size: String, Sendable { case narrow, medium, wide }

    public let width: Int
    public let height: Int
    public let tooSmall: Bool
    public let size: Size
    public let grid: Rect
    public let details: Rect?
    public let columns: Int
    public let cardWidth: Int
    /// Card rows that fit in the grid.
    public let visibleRows: Int

    public init(width: Int, height: Int, detailsOpen: Bool) {
        self.width = width
        self.height = height
        tooSmall = width < Self.minWidth || height < Self.minHeight
        size = width >= 120 ? .wide : width >= 80 ? .medium : .narrow
        let body = Rect(x: 0, y: 2, width: width, height: height - 4)
        var grid = body
        var details: Rect?
        if detailsOpen {
            switch size {
            case .wide:
                let dw = max(52, width * 2 / 5)
                grid = Rect(x: 0, y: body.y, width: width - dw, height: body.height)
                details = Rect(x: width - dw, y: body.y, width: dw, height: body.height)
            case .medium where body.height >= 26:
                // Details below: keep one row of cards visible above them.
                let gh = Self.cardHeight
                grid = Rect(x: 0, y: body.y, width: width, height: gh)
                details = Rect(x: 0, y: body.y + gh, width: width, height: body.height - gh)
            case .medium, .narrow:
                grid = Rect(x: 0, y: body.y, width: width, height: 0)
                details = body
            }
        }
        self.grid = grid
        self.details = details
        let cols = max(1, (grid.width + Self.gap) / (Self.minCardWidth + Self.gap))
        columns = cols
        cardWidth = grid.width <= 0 ? 0 : max(10, (grid.width - Self.gap * (cols - 1)) / cols)
        visibleRows = max(grid.height > 0 ? 1 : 0, grid.height / Self.cardHeight)
    }

    /// Where a dialog of `preferred` inner size goes: centred, at most the screen less a margin,
    /// so every dialog fits 80x24 (and scrolls inside when its content is taller).
    public func dialogRect(preferredWidth: Int, preferredHeight: Int, depth: Int = 0) -> Rect {
        let w = min(max(preferredWidth, 30), width - 4)
        let h = min(max(preferredHeight, 7), height - 4)
        // A dialog over a dialog sits one row lower, so the one below still shows its title.
        let y = max(1, (height - h) / 2) + min(depth, 2)
        return Rect(x: max(0, (width - w) / 2), y: min(y, max(0, height - h)), width: w, height: h)
    }

    /// The first card row to show: the stored scroll, moved just enough to show the selection.
    public func firstRow(selectionIndex: Int?, stored: Int, total: Int) -> Int {
        let rows = max(1, visibleRows)
        let totalRows = (total + columns - 1) / columns
        var first = min(stored, max(0, totalRows - rows))
        if let i = selectionIndex {
            let row = i / columns
            if row < first { first = row }
            if row >= first + rows { first = row - rows + 1 }
        }
        return max(0, first)
    }
}
