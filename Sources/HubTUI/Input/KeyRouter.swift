import HubCore

/// Turns a key into actions, given what is on screen. Pure: the same key in the same state
/// always means the same thing, so key handling is tested without a terminal. What has the
/// keys, in order: an overlay (help, palette), the top dialog, the filter line, the screen.
public enum KeyRouter {
    public static func route(_ key: Key, state: AppState, context: RenderContext) -> [Action] {
        if key.name == "ctrl-c" { return [.quit] }
        if let mouse = key.mouse { return MouseRouter.route(mouse, state: state, context: context) }
        let layout = state.layout
        if layout.tooSmall {
            return context.keymap.command(for: key) == .quit ? [.quit] : []
        }
        if let overlay = state.overlay { return overlayKey(key, overlay, state, context) }
        if let dialog = state.dialogs.top { return dialogKey(key, dialog, state, context) }
        if state.mainView == .clients, state.clientsView.filter.editing {
            return filterKey(key, filter: { .clients(.filter($0)) }, move: { .clients(.move($0)) })
        }
        if state.filterEditing { return filterKey(key) }
        guard let command = context.keymap.command(for: key) else {
            // A changing key in read-only: said, never silently nothing.
            if let taken = context.keymap.removed[key] { return [.flash(.info, "read-only: \(key.label) (\(taken.rawValue)) changes accounts or money and is off (--read-only or [ui] read_only)")] }
            return []
        }
        if !command.isAvailable(readOnly: state.readOnly) { return [.flash(.info, "read-only: \(key.label) (\(command.rawValue)) changes accounts or money and is off")] }
        return run(command, state: state, context: context)
    }

    /// Whether typed characters are text here (a field has focus) rather than commands.
    public static func takesText(_ s: AppState) -> Bool {
        if case .palette? = s.overlay { return true }
        if s.overlay != nil { return false }
        if let d = s.dialogs.top { return d.takesText }
        if s.mainView == .clients { return s.clientsView.filter.editing }
        return s.filterEditing
    }

    public static func run(_ command: Command, state: AppState, context: RenderContext) -> [Action] {
        let layout = state.layout
        let detailsKeys = state.detailsOpen && (state.detailsFocused || layout.grid.isEmpty)
        func scroll(_ delta: Int) -> Action { .details(.scroll(delta, maxScroll: DetailsView.maxScroll(state, layout, context))) }
        if let workflow = command.workflow {
            if !command.isAvailable(readOnly: state.readOnly) { return [] }
            return [.open(workflow)]
        }
        if let action = command.descriptor.action { return command.isAvailable(readOnly: state.readOnly) ? [action] : [] }
        if state.mainView == .clients, let actions = clientsCommand(command, state) { return actions }
        switch command {
        case .up: return [detailsKeys ? scroll(-1) : .grid(.move(.up))]
        case .down: return [detailsKeys ? scroll(1) : .grid(.move(.down))]
        case .left: return [detailsKeys ? .details(.previousTab) : .grid(.move(.left))]
        case .right: return [detailsKeys ? .details(.nextTab) : .grid(.move(.right))]
        case .pageUp: return [detailsKeys ? scroll(-10) : .grid(.move(.pageUp))]
        case .pageDown: return [detailsKeys ? scroll(10) : .grid(.move(.pageDown))]
        case .first: return [.grid(.move(.first))]
        case .last: return [.grid(.move(.last))]
        case .details: return [state.detailsOpen ? .details(.togglePaneFocus) : .details(.open)]
        case .back:
            if state.detailsOpen { return [.details(.close)] }
            if !state.filterText.isEmpty { return [.filter(.clear)] }
            if state.stateFilter != .all { return [.filter(.state(.all))] }
            if state.clientScope != nil { return [.clients(.back)] }
            return []
        case .clients: return [.clients(.toggle)]
        case .groupByClient: return [.grid(.toggleGroupByClient)]
        case .nextPane: return state.detailsOpen ? [.details(.togglePaneFocus)] : []
        case .nextTab: return [.details(.nextTab)]
        case .previousTab: return [.details(.previousTab)]
        case .tab1: return [.details(.setTab(.overview))]
        case .tab2: return [.details(.setTab(.templates))]
        case .tab3: return [.details(.setTab(.billing))]
        case .tab4: return [.details(.setTab(.partnerSettings))]
        case .filter: return [.filter(.begin)]
        case .stateFilter: return [.filter(.state(state.stateFilter.next))]
        case .sort: return [.grid(.cycleSort)]
        case .palette: return [.overlay(.open(.palette(PaletteState())))]
        case .help: return [.overlay(.open(.help))]
        case .notifications: return [.overlay(.open(.notifications))]
        case .liveStatus: return [.overlay(.open(.liveStatus))]
        case .refresh: return [.refreshNow]
        case .pause: return [.togglePause]
        case .redraw: return [.redraw]
        case .quit: return [.quit]
        // Workflows and one-action commands: their descriptor says what they do (above), so a
        // new one needs no line here; `everyCommandDoesSomething` catches one that does nothing.
        default: return []
        }
    }

    /// The notification center: ↑↓ choose, Enter goes to the number it is about, `l` shows
    /// warnings and errors only, then errors, then all again.
    static func notificationsKey(_ key: Key, _ state: AppState) -> [Action] {
        let shown = state.notificationsShown
        let last = max(0, shown.count - 1)
        guard let binding = OverlayKeys.find(key, in: OverlayKeys.notifications) else { return [] }
        switch binding.intent {
        case .scroll(let n): return [.overlay(.scroll(n, max: last))]
        case .level:
            let next: HubNotification.Level? = state.notificationLevel == nil ? .warning : state.notificationLevel == .warning ? .error : nil
            return [.overlay(.notificationLevel(next))]
        case .jump:
            guard shown.indices.contains(state.overlayScroll) else { return [] }
            let n = shown[state.overlayScroll]
            guard let id = n.channelId, state.records[id] != nil else {
                return [.flash(.info, n.channelId == nil ? "This notification is not about one number." : "That number is no longer in this partner's list.")]
            }
            // The number is shown whatever filter hid it, and selected.
            var out: [Action] = [.overlay(.close)]
            if !state.filterText.isEmpty { out.append(.filter(.clear)) }
            if state.stateFilter != .all { out.append(.filter(.state(.all))) }
            return out + [.grid(.select(channelId: id))]
        default: return []
        }
    }

    /// The clients view's meaning of the screen keys; nil: the same as on the cards.
    static func clientsCommand(_ command: Command, _ state: AppState) -> [Action]? {
        switch command {
        case .up: return [.clients(.move(.up))]
        case .down: return [.clients(.move(.down))]
        case .left, .right, .nextPane, .nextTab, .previousTab, .tab1, .tab2, .tab3, .tab4, .groupByClient: return []
        case .pageUp: return [.clients(.move(.pageUp))]
        case .pageDown: return [.clients(.move(.pageDown))]
        case .first: return [.clients(.move(.first))]
        case .last: return [.clients(.move(.last))]
        case .details: return [.clients(.open)]
        case .back: return [state.clientsView.filter.field.text.isEmpty ? .clients(.toggle) : .clients(.filter(.clear))]
        case .filter: return [.clients(.filter(.begin))]
        case .sort: return [.clients(.cycleSort)]
        default: return nil
        }
    }

    /// Keys every text field shares (filter, palette, dialogs): `EditKeys.table`, then typed text.
    public static func editKey(_ key: Key) -> EditKey? {
        if let text = key.pasted { return .insert(text) }
        if let k = EditKeys.byName[key.name] { return k }
        return key.character.map { .insert(String($0)) }
    }

    /// The filter line's keys, for the cards (default) or the clients view.
    static func filterKey(_ key: Key, filter: (FilterAction) -> Action = { .filter($0) },
                          move: (Action.Direction) -> Action = { .grid(.move($0)) }) -> [Action] {
        switch OverlayKeys.find(key, in: OverlayKeys.filterLine)?.intent {
        case .keep?: return [filter(.commit)]
        case .clear?: return [filter(.clear)]
        case .move(let n)?: return [move(n < 0 ? .up : .down)]
        default: return editKey(key).map { [filter(.edit($0))] } ?? []
        }
    }

    static func dialogKey(_ key: Key, _ d: Dialog, _ state: AppState, _ context: RenderContext) -> [Action] {
        // Help and the palette follow the dialog: F1 and Ctrl-P always, ? and : when no text field has focus.
        if key.name == "f1" || (key.name == "?" && !d.takesText) { return [.overlay(.open(.help))] }
        if key.name == "ctrl-p" || (key.name == ":" && !d.takesText) { return [.overlay(.open(.palette(PaletteState())))] }
        return editKey(key).map { [.dialog(.key($0))] } ?? []
    }

    static func overlayKey(_ key: Key, _ overlay: AppState.Overlay, _ state: AppState, _ context: RenderContext) -> [Action] {
        guard case .palette(let palette) = overlay else {
            // Help, notifications and live status: Esc, q or their own key close them.
            let command = context.keymap.command(for: key)
            if OverlayKeys.closeNames.contains(key.name) || command == .quit || command == .help || command == .notifications || command == .liveStatus
                || command == .overview {
                return [.overlay(.close)]
            }
            if overlay == .overview {
                let last = Overview.states.count - 1
                switch OverlayKeys.find(key, in: OverlayKeys.overview)?.intent {
                case .move(let n)?: return [.overlay(.scroll(n, max: last))]
                case .run?: return [.overlay(.close), .filter(.state(Overview.states[min(max(0, state.overlayScroll), last)]))]
                default: return []
                }
            }
            if overlay == .notifications { return notificationsKey(key, state) }
            // Help scrolls: nothing is cut at 80x24.
            if overlay == .help {
                let maxScroll = OverlayView.helpMaxScroll(state, state.layout, context)
                switch OverlayKeys.find(key, in: OverlayKeys.help)?.intent {
                case .scroll(let n)?: return [.overlay(.scroll(n, max: maxScroll))]
                case .top?: return [.overlay(.scroll(-maxScroll, max: maxScroll))]
                case .bottom?: return [.overlay(.scroll(maxScroll, max: maxScroll))]
                default: break
                }
            }
            return []
        }
        let entries = Palette.filter(context.paletteEntries(state), query: palette.query.text)
        switch OverlayKeys.find(key, in: OverlayKeys.palette)?.intent {
        case .close?: return [.overlay(.close)]
        case .move(let n)?: return [.overlay(.paletteMove(n, count: entries.count))]
        case .run?:
            guard !entries.isEmpty else { return [] }
            let entry = entries[min(palette.selected, entries.count - 1)]
            switch entry.intent {
            case .command(let c): return [.overlay(.close)] + run(c, state: state, context: context)
            case .theme(let t): return [.overlay(.close), .setTheme(t)]
            case .stateFilter(let f): return [.overlay(.close), .filter(.state(f))]
            case .dialogKey(let k): return [.overlay(.close), .dialog(.key(k))]
            }
        default:
            return editKey(key).map { [.overlay(.paletteEdit($0))] } ?? []
        }
    }
}
