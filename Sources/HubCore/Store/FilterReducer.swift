/// The filter line: a text field whose every edit re-filters the grid at once.
extension AppState {
    mutating func reduceFilter(_ action: FilterAction) -> [Effect] {
        if case .state(let s) = action {
            stateFilter = s
            refilter()
            return []
        }
        if case .begin = action { overlay = nil }
        if filter.apply(action) { refilter() }
        return []
    }
}

extension FilterState {
    /// One filter action on the line (the cards' and the clients view's); returns whether the
    /// text changed, so the caller filters again only then.
    mutating func apply(_ action: FilterAction) -> Bool {
        let before = field.text
        switch action {
        case .begin: editing = true
        case .edit(let key):
            field.handle(key)
            editing = true
        case .set(let text):
            field.setText(text)
            editing = true
            return true
        case .commit: editing = false
        case .state: return false // the state filter is the app's, not the text line's
        case .clear:
            field.setText("")
            editing = false
            return true
        }
        return field.text != before
    }
}
