/// A one-line text input: cursor, grapheme-correct editing (a `Character` is one grapheme
/// cluster, so é, 中文 and emoji move and delete as one), paste, max length, mask, placeholder.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Cursor position in characters, 0...count.
    public private(set) var cursor: Int
    public var maxLength: Int
    /// Secrets show as bullets; the text is never rendered.
    public var masked: Bool
    public var placeholder: String

    public init(_ text: String = "", maxLength: Int = 200, masked: Bool = false, placeholder: String = "") {
        self.maxLength = max(1, maxLength)
        self.masked = masked
        self.placeholder = placeholder
        characters = Array(Self.clean(text).prefix(self.maxLength))
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// Applies a key; returns false when the key is not an editing key (the form may use it).
    @discardableResult
    public mutating func handle(_ key: EditKey) -> Bool {
        switch key {
        case .insert(let s): insert(s)
        case .space: insert(" ")
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .deleteWord:
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace, !Self.isWordBreak(characters[start - 1]) { start -= 1 }
            if start == cursor, start > 0 { start -= 1 } // a lone separator goes on its own
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .clear:
            characters.removeAll()
            cursor = 0
        case .deleteToEnd:
            characters.removeSubrange(cursor...)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        default: return false
        }
        return true
    }

    /// Inserts at the cursor what fits under the max length; control characters and escape
    /// sequences are dropped and line breaks become spaces (a pasted block stays one line).
    public mutating func insert(_ s: String) {
        let room = maxLength - characters.count
        guard room > 0 else { return }
        let add = Array(Self.clean(s).prefix(room))
        characters.insert(contentsOf: add, at: cursor)
        cursor += add.count
    }

    public mutating func setText(_ s: String) {
        characters = Array(Self.clean(s).prefix(maxLength))
        cursor = characters.count
    }

    static func clean(_ s: String) -> String { Sanitizer.terminalSafe(s) }

    static func isWordBreak(_ c: Character) -> Bool { c == "/" || c == "." || c == "-" || c == "_" || c == "@" || c == "," }

    /// What is drawn: the text or bullets, and the cursor's column in cells.
    public func display(glyphBullet: String = "•") -> (text: String, cursorColumn: Int) {
        let shown = masked ? String(repeating: glyphBullet, count: characters.count) : text
        let col = masked ? cursor : DisplayWidth.of(String(characters[..<cursor]))
        return (shown, col)
    }
}
