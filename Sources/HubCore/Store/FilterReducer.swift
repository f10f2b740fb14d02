/// The filter line: a text field whose every edit re-filters the grid at once.
extension AppState {
    mutating func reduceFilter(_ action: FilterAction) -> [Effect] {
        switch action {
        case .begin:
            filter.editing = true
            overlay = nil
        case .edit(let key):
            let before = filter.field.text
            filter.field.handle(key)
            filter.editing = true
            if filter.field.text != before { refilter() }
        case .set(let text):
            filter.field.setText(text)
            filter.editing = true
            refilter()
        case .commit:
            filter.editing = false
        case .clear:
            filter.field.setText("")
            filter.editing = false
            refilter()
        }
        return []
    }
}
