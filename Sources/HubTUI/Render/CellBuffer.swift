import HubCore

/// One terminal cell: a grapheme cluster (or nothing, right of a wide one) and its style.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    /// The right half of a two-cell glyph: drawn by its left neighbour.
    public var isContinuation: Bool

    public init(_ text: String, _ style: Style = .normal, continuation: Bool = false) {
        self.text = text
        self.style = style
        self.isContinuation = continuation
    }

    public static let blank = Cell(" ")
}

/// The frame `render` produces. Pure data: snapshot tests read it as text, the backend diffs it.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` cells (and the buffer), measured per
    /// grapheme cluster. Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        if text.unicodeScalars.allSatisfy(DisplayWidth.isOneCell) {
            // ASCII, Latin and the screen's own lines and symbols (most of a frame): one cell
            // per scalar, without grapheme breaking or width lookups.
            for scalar in text.unicodeScalars {
                let v = scalar.value
                if v < 0x20 || v == 0x7F { continue }
                if col + 1 > limit { break }
                if col >= 0 {
                    clearWide(at: col, y)
                    self[col, y] = Cell(v < 0x80 ? Self.asciiCells[Int(v)] : String(scalar), style)
                }
                col += 1
            }
            return col
        }
        for ch in text {
            // The last line of defence: no control, escape, bidi or separator character reaches
            // a cell, whichever path the text took (callers sanitise too).
            if let a = ch.asciiValue { if a < 0x20 || a == 0x7F { continue } }
            else if ch.unicodeScalars.contains(where: Sanitizer.isUnsafe) { continue }
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit { break }
            if col >= 0 {
                clearWide(at: col, y)
                self[col, y] = Cell(String(ch), style)
                if w == 2 {
                    clearWide(at: col + 1, y)
                    self[col + 1, y] = Cell("", style, continuation: true)
                }
            }
            col += w
        }
        return col
    }

    /// Overwriting half of a wide glyph blanks its other half, so no half glyph is left behind.
    private mutating func clearWide(at x: Int, _ y: Int) {
        guard x >= 0, x < width else { return }
        let c = self[x, y]
        if c.isContinuation, x > 0 { self[x - 1, y] = Cell(" ", self[x - 1, y].style) }
        else if x + 1 < width, self[x + 1, y].isContinuation { self[x + 1, y] = Cell(" ", c.style) }
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { self[xx, yy] = Cell(" ", style) }
        }
    }

    /// Restyles cells without changing their text (selection bars).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<min(width, x + w) { self[xx, y].style = style }
    }

    /// The frame as plain text, one line per row (continuation cells omitted): what golden
    /// snapshots compare and what an agent would read.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Each printable ASCII character as a string, made once.
    static let asciiCells: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Positions that differ from `old` (everything when sizes differ): what the backend redraws.
    public func diff(from old: CellBuffer?) -> [(x: Int, y: Int)] {
        guard let old, old.width == width, old.height == height else {
            return (0..<height).flatMap { y in (0..<width).map { (x: $0, y: y) } }
        }
        var out: [(x: Int, y: Int)] = []
        for i in 0..<cells.count where cells[i] != old.cells[i] { out.append((x: i % width, y: i / width)) }
        return out
    }
}
