/// Read-only text that scrolls (terms, long explanations). Wrapped to the width it is shown
/// at; the offset can never pass the end, so the first key back always moves.
public struct ScrollText: Equatable, Sendable {
    public var paragraphs: [String]
    public private(set) var offset = 0
    /// Set once the reader has scrolled to the end (terms must be read before accepting).
    public private(set) var reachedEnd = false

    public init(_ paragraphs: [String]) { self.paragraphs = paragraphs }

    public func lines(width: Int) -> [String] { TextWrap.wrap(paragraphs, width: width) }

    @discardableResult
    public mutating func handle(_ key: EditKey, width: Int, height: Int) -> Bool {
        let total = lines(width: width).count
        guard let moved = ScrollOffset.apply(key, to: offset, page: height, total: total) else { return false }
        offset = moved
        if offset >= total - height { reachedEnd = true }
        return true
    }
}

/// Word wrap by display width (a CJK character is two cells); a word longer than the line is cut.
public enum TextWrap {
    public static func wrap(_ paragraphs: [String], width: Int) -> [String] {
        let w = max(1, width)
        var out: [String] = []
        for p in paragraphs {
            if p.isEmpty { out.append(""); continue }
            var line = "", lineWidth = 0
            for word in p.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var ww = DisplayWidth.of(word)
                let sep = line.isEmpty ? 0 : 1
                if lineWidth + sep + ww <= w {
                    line += (sep == 1 ? " " : "") + word
                    lineWidth += sep + ww
                    continue
                }
                if !line.isEmpty { out.append(line) }
                line = ""; lineWidth = 0
                while ww > w {
                    var head = "", hw = 0
                    for ch in word {
                        let cw = DisplayWidth.of(ch)
                        if hw + cw > w { break }
                        head.append(ch); hw += cw
                    }
                    if head.isEmpty { break }
                    out.append(head)
                    word = String(word.dropFirst(head.count))
                    ww = DisplayWidth.of(word)
                }
                line = word; lineWidth = ww
            }
            out.append(line)
        }
        return out
    }
}
