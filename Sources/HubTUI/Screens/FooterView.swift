import HubCore

/// The flash line (one notification at a time, level-coloured) and the status bar with the
/// keys of the current context.
enum FooterView {
    static func draw(_ buf: inout CellBuffer, _ state: AppState, _ layout: Layout, _ c: RenderContext) {
        let w = buf.width
        let flashY = buf.height - 2
        let statusY = buf.height - 1
        if let n = state.notifications.flash {
            let role: Role = n.level == .error ? .flashError : n.level == .warning ? .flashWarning : .flashInfo
            let prefix = n.level == .error ? "error: " : n.level == .warning ? "warning: " : ""
            buf.fill(x: 0, y: flashY, width: w, height: 1, style: Style(role))
            Draw.text(&buf, " " + c.clock(n.time) + " " + prefix + n.text, x: 0, y: flashY, width: w - 1, style: Style(role), g: c.glyphs)
        }
        buf.fill(x: 0, y: statusY, width: w, height: 1, style: Style(.keyText))
        var x = 1
        var list = hints(state, c.keymap)
        // A dialog's way out (Esc, its last hint) is always shown: the room for it is kept.
        let wayOut = state.dialogs.top != nil && state.overlay == nil ? list.popLast() : nil
        func width(_ h: (String, String)) -> Int { DisplayWidth.of(h.0) + DisplayWidth.of(h.1) + 3 }
        let reserved = wayOut.map(width) ?? 0
        for (key, text) in list + (wayOut.map { [$0] } ?? []) {
            let need = width((key, text))
            let room = w - 8 - (wayOut != nil && key != wayOut?.0 ? reserved : 0)
            if x + need > room { continue }
            x = buf.put(key, x: x, y: statusY, style: Style(.key, bold: true))
            x = buf.put(" " + text, x: x, y: statusY, style: Style(.keyText)) + 2
        }
        if state.notifications.unread > 0 {
            Draw.right(&buf, "\(state.notifications.unread) new ", right: w, y: statusY, style: Style(.key, bold: true))
        }
    }

    static func hints(_ s: AppState, _ k: Keymap) -> [(String, String)] {
        func h(_ c: Command, _ t: String) -> (String, String)? {
            let l = k.shortLabel(c)
            return l.isEmpty ? nil : (l, t)
        }
        let list: [(String, String)?]
        if let overlay = s.overlay, case .palette = overlay {
            list = [("type", "to search"), ("↑↓", "choose"), ("Enter", "run"), ("Esc", "close")]
        } else if s.overlay != nil {
            // q closes an overlay (it does not quit from one).
            list = [("Esc", "close"), h(.quit, "close")]
        } else if let d = s.dialogs.top {
            list = DialogKeys.hints(d).map { ($0.key, $0.text) }
        } else if s.mainView == .clients {
            list = s.clientsView.filter.editing ? [("type", "to filter"), ("Enter", "done"), ("Esc", "clear"), ("↑↓", "move")]
                : [h(.details, "numbers"), h(.filter, "filter"), h(.sort, "sort"), h(.clients, "cards"), h(.maxChannels, "max channels"),
                   h(.palette, "commands"), h(.help, "help"), h(.quit, "quit")]
        } else if s.filterEditing {
            list = [("type", "to filter"), ("Enter", "done"), ("Esc", "clear"), ("↑↓", "move")]
        } else if s.detailsOpen {
            list = [h(.back, "close"), ("[ ] 1-4", "tabs"), h(.help, "help"), h(.quit, "quit"),
                    h(.nextPane, s.detailsFocused ? "cards" : "focus details"), h(.palette, "commands")]
        } else {
            // The keys a newcomer needs first, so they survive a narrow terminal.
            let back: [(String, String)?] = s.clientScope == nil ? [] : [h(.back, "all clients")]
            list = back + [h(.details, "Show details"), h(.filter, "filter"), h(.palette, "commands"), h(.help, "help"), h(.quit, "quit"),
                    h(.sort, "sort"), h(.notifications, "notifications"), h(.pause, s.live.phase == .paused ? "resume" : "pause")]
        }
        return list.compactMap { $0 }
    }
}
