import Foundation

/// Details as text (`D`, `:details-text`): the selected number's facts as Copy details words
/// them, in a dialog, so an agent without OSC 52 can select them with the terminal; `c` copies
/// them when copying is on. The whole feature is this folder; outside it, a `Workflow` case
/// with its line in `open` and a `Command` descriptor register it (docs/architecture.md).
extension AppState {
    mutating func openDetailsText() -> [Effect] {
        guard let record = selectedRecord else {
            flash(.info, "No number selected to show.")
            return []
        }
        let text = CopyDetails.text(record, self)
        let lines = text.split(separator: "\n").map(String.init)
        let who = [record.phone, record.company].filter { !$0.isEmpty }.first ?? record.id
        let copying = environment.clipboard
        let notice = copying ? Notice(.info, "c copies it (OSC 52); or select it with the terminal (Shift and drag in most).")
            : Notice(.info, "Select it with the terminal (Shift and drag in most); c copies it once osc52_clipboard = true under [ui].")
        present { Dialog(id: $0, feature: DetailsTextDialog(channelId: record.id, canCopy: copying), title: "Details · \(Sanitizer.oneLine(who, max: 40))",
                         body: .text(ScrollText(lines)), notice: notice, preferredWidth: 76, preferredHeight: TextWrap.wrap(lines, width: 72).count) }
        return []
    }
}

/// The details of one number as text; `c` copies them when the agent allowed OSC 52.
public struct DetailsTextDialog: DialogFeature {
    public let channelId: String
    public let canCopy: Bool

    public func key(_ key: EditKey, _ d: Dialog, in state: inout AppState) -> [Effect]? {
        guard key == .insert("c") else { return nil }
        guard canCopy, let record = state.records[channelId] else {
            state.dialogs.update(d.id) { $0.notice = Notice(.warning, "Copying is off: set osc52_clipboard = true under [ui] in config.toml (the terminal must allow OSC 52).") }
            return []
        }
        state.dialogs.update(d.id) { $0.notice = Notice(.success, "Copied (OSC 52).") }
        return [.copyToClipboard(Secret(CopyDetails.text(record, state)))]
    }

    public func hints(body: [KeyHint]) -> [KeyHint] {
        canCopy ? [KeyHint("c", "copy", "copy-text", .insert("c"))] + body : body
    }
}
