import HubCore

/// What a key asks for: a store action, or something only the terminal runtime does.
public enum Intent: Sendable {
    case action(Action)
    case redraw
    case setTheme(String)
    case exportCSV
}

/// Turns a key into intents, given what is on screen. Pure: the same key in the same state
/// always means the same thing, so key handling is tested without a terminal.
public enum KeyRouter {
    public static func route(_ key: Key, state: AppState, layout: Layout, context: RenderContext) -> [Intent] {
        if key.name == "ctrl-c" { return [.action(.quit)] }
        if layout.tooSmall {
            return context.keymap.command(for: key) == .quit ? [.action(.quit)] : []
        }
        if state.filterEditing { return filterKey(key, state, layout) }
        if let overlay = state.overlay { return overlayKey(key, overlay, state, layout, context) }
        guard let command = context.keymap.command(for: key) else { return [] }
        if state.readOnly && command.isMutating { return [] }
        return run(command, state: state, layout: layout)
    }

    static func move(_ d: Action.Direction, _ layout: Layout) -> Intent {
        .action(.move(d, columns: layout.columns, pageRows: layout.visibleRows))
    }

    public static func run(_ command: Command, state: AppState, layout: Layout) -> [Intent] {
        let detailsKeys = state.detailsOpen && (state.detailsFocused || layout.grid.isEmpty)
        switch command {
        case .up: return detailsKeys ? [.action(.scrollDetails(-1))] : [move(.up, layout)]
        case .down: return detailsKeys ? [.action(.scrollDetails(1))] : [move(.down, layout)]
        case .left: return detailsKeys ? [.action(.previousTab)] : [move(.left, layout)]
        case .right: return detailsKeys ? [.action(.nextTab)] : [move(.right, layout)]
        case .pageUp: return detailsKeys ? [.action(.scrollDetails(-10))] : [move(.pageUp, layout)]
        case .pageDown: return detailsKeys ? [.action(.scrollDetails(10))] : [move(.pageDown, layout)]
        case .first: return [move(.first, layout)]
        case .last: return [move(.last, layout)]
        case .details: return state.detailsOpen ? [.action(.togglePaneFocus)] : [.action(.openDetails)]
        case .back:
            if state.detailsOpen { return [.action(.closeDetails)] }
            if !state.filterText.isEmpty { return [.action(.clearFilter)] }
            return []
        case .nextPane: return state.detailsOpen ? [.action(.togglePaneFocus)] : []
        case .nextTab: return [.action(.nextTab)]
        case .previousTab: return [.action(.previousTab)]
        case .tab1: return [.action(.setTab(.overview))]
        case .tab2: return [.action(.setTab(.templates))]
        case .tab3: return [.action(.setTab(.billing))]
        case .tab4: return [.action(.setTab(.partnerSettings))]
        case .filter: return [.action(.beginFilter)]
        case .sort: return [.action(.cycleSort)]
        case .palette: return [.action(.openOverlay(.palette(query: "", selected: 0)))]
        case .help: return [.action(.openOverlay(.help))]
        case .notifications: return [.action(.openOverlay(.notifications))]
        case .liveStatus: return [.action(.openOverlay(.liveStatus))]
        case .refresh: return [.action(.refreshNow)]
        case .pause: return [.action(.togglePause)]
        case .export: return [.exportCSV]
        case .redraw: return [.redraw]
        case .quit: return [.action(.quit)]
        }
    }

    static func filterKey(_ key: Key, _ state: AppState, _ layout: Layout) -> [Intent] {
        switch key.name {
        case "enter": return [.action(.commitFilter)]
        case "esc": return [.action(.clearFilter)]
        case "backspace", "delete": return [.action(.setFilter(String(state.filterText.dropLast())))]
        case "up": return [move(.up, layout)]
        case "down": return [move(.down, layout)]
        case "ctrl-u": return [.action(.setFilter(""))]
        default:
            guard let c = key.character else { return [] }
            return [.action(.setFilter(state.filterText + String(c)))]
        }
    }

    static func overlayKey(_ key: Key, _ overlay: AppState.Overlay, _ state: AppState, _ layout: Layout, _ context: RenderContext) -> [Intent] {
        guard case .palette(let query, let selected) = overlay else {
            // Help, notifications and live status: Esc, q or their own key close them.
            let command = context.keymap.command(for: key)
            if key.name == "esc" || command == .quit || command == .help || command == .notifications || command == .liveStatus { return [.action(.closeOverlay)] }
            return []
        }
        let entries = Palette.filter(context.paletteEntries(readOnly: state.readOnly), query: query)
        switch key.name {
        case "esc": return [.action(.closeOverlay)]
        case "up", "ctrl-p", "backtab": return [.action(.openOverlay(.palette(query: query, selected: max(0, selected - 1))))]
        case "down", "ctrl-n", "tab": return [.action(.openOverlay(.palette(query: query, selected: min(max(0, entries.count - 1), selected + 1))))]
        case "backspace", "delete": return [.action(.openOverlay(.palette(query: String(query.dropLast()), selected: 0)))]
        case "enter":
            guard !entries.isEmpty else { return [] }
            let entry = entries[min(selected, entries.count - 1)]
            switch entry.intent {
            case .command(let c): return [.action(.closeOverlay)] + run(c, state: state, layout: layout)
            case .theme(let t): return [.action(.closeOverlay), .setTheme(t)]
            }
        default:
            guard let c = key.character else { return [] }
            return [.action(.openOverlay(.palette(query: query + String(c), selected: 0)))]
        }
    }
}
