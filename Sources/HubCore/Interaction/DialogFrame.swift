/// Where each part of a dialog goes at a terminal size. The reducer (to bound scrolling) and
/// the view (to draw) use this one function, so they always agree.
public struct DialogFrame: Equatable, Sendable {
    public let rect: Rect
    /// Inside the border, with a column of padding each side.
    public let inner: Rect
    public let stepsY: Int?
    public let body: Rect
    public let noticeLines: [String]
    public let noticeY: Int
    public let workingY: Int?
    public let footerY: Int

    public init(_ d: Dialog, layout: Layout, depth: Int) {
        let noticeWrapWidth = max(10, min(d.preferredWidth, layout.width - 4) - 6)
        let notice = d.notice.map { TextWrap.wrap([$0.text], width: noticeWrapWidth).prefix(3) }.map(Array.init) ?? []
        let chrome = 4 + (d.steps == nil ? 0 : 2) + (notice.isEmpty ? 0 : notice.count + 1) + (d.working == nil ? 0 : 1)
        rect = layout.dialogRect(preferredWidth: d.preferredWidth, preferredHeight: d.preferredHeight + chrome, depth: depth)
        inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        var top = rect.y + 1
        if d.steps != nil {
            stepsY = top
            top += 2
        } else {
            stepsY = nil
        }
        footerY = rect.y + rect.height - 2
        var end = footerY - 1
        if d.working != nil {
            end -= 1
            workingY = end
        } else {
            workingY = nil
        }
        noticeLines = notice.map { String($0) }
        noticeY = end - noticeLines.count
        if !noticeLines.isEmpty { end -= noticeLines.count + 1 }
        body = Rect(x: inner.x, y: top, width: inner.width, height: max(1, end - top))
    }
}
