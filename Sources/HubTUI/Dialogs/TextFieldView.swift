import HubCore

/// One line of input: the text (or bullets), scrolled so the cursor shows, with the cursor as
/// a reversed cell (the terminal's own cursor stays hidden); the placeholder when empty.
enum TextFieldView {
    static func draw(_ buf: inout CellBuffer, _ field: TextField, x: Int, y: Int, width: Int, focused: Bool, _ c: RenderContext) {
        guard width > 2 else { return }
        buf.fill(x: x, y: y, width: width, height: 1, style: Style(focused ? .input : .overlay))
        let bullet = c.glyphs.unicode ? "•" : "*"
        if field.isEmpty {
            if !field.placeholder.isEmpty {
                Draw.text(&buf, field.placeholder, x: x + (focused ? 1 : 0), y: y, width: width - 1, style: Style(.muted), g: c.glyphs)
            }
            if focused { buf.put(" ", x: x, y: y, style: Style(.selected)) }
            return
        }
        let chars = field.masked ? Array(repeating: Character(bullet), count: field.characters.count) : field.characters
        // The window: start far enough right that the cursor (and one cell after it) fits.
        var start = 0
        var widthToCursor = chars[..<field.cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        while widthToCursor > width - 2, start < field.cursor {
            widthToCursor -= DisplayWidth.of(chars[start])
            start += 1
        }
        var cx = x
        if start > 0 {
            cx = buf.put(c.glyphs.ellipsis, x: cx, y: y, style: Style(.muted))
        }
        var i = start
        while i < chars.count {
            let w = DisplayWidth.of(chars[i])
            if cx + w > x + width - (i == chars.count - 1 ? 0 : 1) { break }
            let isCursor = focused && i == field.cursor
            cx = buf.put(String(chars[i]), x: cx, y: y, style: isCursor ? Style(.selected, bold: true) : Style(focused ? .input : .overlay, bold: focused))
            i += 1
        }
        if i < chars.count, cx < x + width { buf.put(c.glyphs.ellipsis, x: cx, y: y, style: Style(.muted)) }
        if focused && field.cursor == chars.count && cx < x + width { buf.put(" ", x: cx, y: y, style: Style(.selected)) }
    }
}
