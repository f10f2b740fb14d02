/// Help, the command palette, notifications and live status: one overlay at a time, over
/// the screen and over any dialog.
extension AppState {
    mutating func reduceOverlay(_ action: OverlayAction) -> [Effect] {
        switch action {
        case .open(let o):
            overlay = o
            overlayScroll = 0
            if o == .notifications { notifications.markRead() }
        case .notificationLevel(let level):
            notificationLevel = level
            overlayScroll = 0
        case let .scroll(delta, maxScroll):
            overlayScroll = max(0, min(maxScroll, overlayScroll + delta))
        case .close:
            overlay = nil
        case .paletteEdit(let key):
            guard case .palette(var p) = overlay else { return [] }
            let before = p.query.text
            p.query.handle(key)
            if p.query.text != before { p.selected = 0 }
            overlay = .palette(p)
        case let .paletteMove(step, count):
            guard case .palette(var p) = overlay else { return [] }
            p.selected = min(max(0, p.selected + step), max(0, count - 1))
            overlay = .palette(p)
        }
        return []
    }
}
