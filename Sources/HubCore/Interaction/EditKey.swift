/// The keys a dialog's widgets understand. Dialog keys are fixed (like huh's one form keymap):
/// the user keymap remaps the main screen's commands, never what typing in a field means.
public enum EditKey: Hashable, Sendable {
    /// Typed text: one character, or a whole paste (bracketed paste or a burst of keys).
    case insert(String)
    case space
    case backspace, deleteForward
    /// Ctrl-W: the word before the cursor.
    case deleteWord
    /// Ctrl-U: everything.
    case clear
    /// Ctrl-K: from the cursor to the end.
    case deleteToEnd
    case left, right, home, end
    case up, down, pageUp, pageDown
    case tab, backtab, enter, escape
    /// A click on the dialog's submit or confirm button: submits from any field, and confirms
    /// only what Enter on the button would (a typed confirm still needs its text).
    case submit
}
