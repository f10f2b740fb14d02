import HubCore

/// What a click or a wheel notch means, given what is on screen: the same geometry the views
/// draw with (`CardGridView.cards`, `DetailsView.tabs`, `ButtonsView.spans`, `DialogFrame`),
/// so a click lands on what the agent sees. Pure, like `KeyRouter`. Acts on the press (the
/// release is ignored); a click outside the top dialog does nothing (it never dismisses typed
/// input).
enum MouseRouter {
    /// Lines a wheel notch scrolls text by; lists move their selection by one.
    static let wheelLines = 3

    static func route(_ e: MouseEvent, state: AppState, context: RenderContext) -> [Action] {
        let layout = state.layout
        guard !layout.tooSmall, e.kind != .release else { return [] }
        if let overlay = state.overlay { return overlayMouse(e, overlay, state, context) }
        if let d = state.dialogs.top { return dialogMouse(e, d, state) }
        if state.mainView == .clients { return clientsMouse(e, state) }
        if let details = layout.details, contains(details, e) { return detailsMouse(e, details, state, context) }
        return cardsMouse(e, state)
    }

    static func contains(_ r: Rect, _ e: MouseEvent) -> Bool {
        e.x >= r.x && e.x < r.x + r.width && e.y >= r.y && e.y < r.y + r.height
    }

    static func wheelDelta(_ e: MouseEvent) -> Int? {
        switch e.kind {
        case .wheelUp: return -1
        case .wheelDown: return 1
        default: return nil
        }
    }

    static func cardsMouse(_ e: MouseEvent, _ state: AppState) -> [Action] {
        if let d = wheelDelta(e) { return [.grid(.move(d < 0 ? .up : .down))] }
        guard let card = CardGridView.cards(state, state.layout).first(where: { contains($0.rect, e) }) else { return [] }
        var out: [Action] = [.grid(.select(channelId: card.id))]
        // The keyboard follows the click back to the cards.
        if state.detailsOpen, state.detailsFocused { out.append(.details(.togglePaneFocus)) }
        if e.clicks >= 2, !state.detailsOpen { out.append(.details(.open)) }
        return out
    }

    static func detailsMouse(_ e: MouseEvent, _ rect: Rect, _ state: AppState, _ context: RenderContext) -> [Action] {
        if let d = wheelDelta(e) {
            return [.details(.scroll(d * wheelLines, maxScroll: DetailsView.maxScroll(state, state.layout, context)))]
        }
        var out: [Action] = state.detailsFocused ? [] : [.details(.togglePaneFocus)]
        if e.y == rect.y + 1, let tab = DetailsView.tabs(state, rect: rect, context).first(where: { $0.x.contains(e.x) }) {
            out.append(.details(.setTab(tab.tab)))
        }
        return out
    }

    static func clientsMouse(_ e: MouseEvent, _ state: AppState) -> [Action] {
        if let d = wheelDelta(e) { return [.clients(.move(d < 0 ? .up : .down))] }
        let rect = Layout(width: state.layout.width, height: state.layout.height, detailsOpen: false).grid
        guard let id = ClientsView.client(at: e.y, state, rect), contains(rect, e) else { return [] }
        return [.clients(.select(clientId: id))] + (e.clicks >= 2 ? [.clients(.open)] : [])
    }

    static func overlayMouse(_ e: MouseEvent, _ overlay: AppState.Overlay, _ state: AppState, _ context: RenderContext) -> [Action] {
        guard let d = wheelDelta(e) else { return [] }
        switch overlay {
        case .help:
            return [.overlay(.scroll(d * wheelLines, max: OverlayView.helpMaxScroll(state, state.layout, context)))]
        case .notifications:
            return [.overlay(.scroll(d, max: max(0, state.notificationsShown.count - 1)))]
        case .palette(let palette):
            return [.overlay(.paletteMove(d, count: Palette.filter(context.paletteEntries(state), query: palette.query.text).count))]
        default:
            return []
        }
    }

    static func dialogMouse(_ e: MouseEvent, _ d: Dialog, _ state: AppState) -> [Action] {
        guard d.working == nil else { return [] }
        if let delta = wheelDelta(e) {
            let key: EditKey = delta < 0 ? .up : .down
            switch d.body {
            case .text, .confirm: return Array(repeating: .dialog(.key(key)), count: wheelLines)
            case .table: return [.dialog(.key(key))]
            case .form, .message: return [] // the wheel never changes a choice in a form
            }
        }
        let f = DialogFrame(d, layout: state.layout, depth: state.dialogs.count - 1)
        guard e.y == f.footerY else { return [] }
        // The buttons as drawn, and the key each one is.
        let buttons: [(String, EditKey)]
        let x: Int, width: Int
        switch d.body {
        case .form(let form):
            buttons = [("Cancel", .escape), (form.submitLabel, .submit)]
            (x, width) = (f.inner.x, f.inner.width)
        case .confirm(let c):
            buttons = c.fits(f.body) ? [(c.cancelLabel, .escape), (c.confirmLabel, .submit)] : [(c.cancelLabel, .escape)]
            (x, width) = (f.body.x, f.body.width)
        case .message:
            buttons = [("OK", .enter)]
            (x, width) = (f.inner.x, f.inner.width)
        case .text, .table:
            return []
        }
        let spans = ButtonsView.spans(buttons.map(\.0), x: x, width: width)
        guard let hit = zip(buttons, spans).first(where: { $0.1.contains(e.x) }) else { return [] }
        return [.dialog(.key(hit.0.1))]
    }
}
