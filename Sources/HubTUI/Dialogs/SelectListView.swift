import HubCore

/// Options with the cursor's row highlighted; a multi-select shows a box per option, a single
/// choice a dot on the chosen one; disabled options are muted with their reason.
enum SelectListView {
    static func draw(_ buf: inout CellBuffer, _ list: SelectList, x: Int, y: Int, width: Int, focused: Bool, _ c: RenderContext) {
        let first = list.firstVisible
        for (row, option) in list.options.dropFirst(first).prefix(list.visibleRows).enumerated() {
            let index = first + row
            let isCursor = index == list.cursor
            let chosen = list.chosen.contains(option.id)
            let mark: String
            if list.multiple {
                mark = c.glyphs.unicode ? (chosen ? "☑ " : "☐ ") : (chosen ? "[x] " : "[ ] ")
            } else {
                mark = c.glyphs.unicode ? (chosen ? "● " : "○ ") : (chosen ? "(*) " : "( ) ")
            }
            let pointer = isCursor && focused ? c.glyphs.pointer + " " : "  "
            let role: Role = option.disabledReason != nil ? .muted : (isCursor && focused ? .selected : .overlay)
            if isCursor && focused { buf.fill(x: x, y: y + row, width: width, height: 1, style: Style(role)) }
            var text = pointer + mark + option.label
            if !option.detail.isEmpty { text += "  " + option.detail }
            if let why = option.disabledReason { text += " (\(why))" }
            Draw.text(&buf, text, x: x, y: y + row, width: width, style: Style(role, bold: isCursor && focused), g: c.glyphs)
        }
        if list.options.count > list.visibleRows {
            let more = "\(list.cursor + 1)/\(list.options.count)"
            Draw.right(&buf, more, right: x + width, y: y, style: Style(.muted))
        }
    }
}
