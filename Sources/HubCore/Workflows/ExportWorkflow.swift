import Foundation

/// Export all accounts as CSV: a path (with a default), an overwrite confirm when the file
/// exists, progress while it is written off the main actor, and the row count at the end.
extension AppState {
    mutating func openExport() -> [Effect] {
        let stamp = Timestamp.format(now).filter { $0.isNumber }.prefix(14)
        let dir = environment.workingDirectory.hasSuffix("/") ? environment.workingDirectory : environment.workingDirectory + "/"
        let path = "\(dir)partnerhub-accounts-\(stamp.prefix(8))-\(stamp.dropFirst(8)).csv"
        let form = Form([
            FormField(id: "about", label: "", kind: .note("All \(channelCount) accounts of the WhatsApp Accounts page, in the Hub's CSV format.", .muted)),
            .text("path", "File", value: path, maxLength: 1024, help: "~ is your home folder; an existing file is not overwritten without asking.",
                  rules: [.required("Type where the file goes.")]),
        ], submitLabel: "Export")
        present { Dialog(id: $0, purpose: .exportPath, title: "Export all accounts as CSV", body: .form(form), preferredWidth: 76, preferredHeight: 6) }
        return []
    }

    mutating func exportSubmitted(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        let path = values["path"].trimmingCharacters(in: .whitespaces)
        let progress = ProgressLine("Exporting \(channelCount) accounts", startedAt: now)
        dialogs.update(d.id) { $0.working = progress }
        return [.exportCSV(path: path, overwrite: false, dialog: d.id)]
    }

    mutating func exportExists(form: Int, path: String) {
        dialogs.update(form) { $0.working = nil }
        guard dialogs.dialog(form) != nil else { return }
        let confirm = Confirm(message: ["\(path) exists.", "Overwrite it with the accounts CSV?"], confirmLabel: "Overwrite")
        present { Dialog(id: $0, purpose: .exportOverwrite(path: path, form: form), title: "Overwrite file?", body: .confirm(confirm),
                         preferredWidth: 64, preferredHeight: 4) }
    }

    mutating func overwriteAnswered(path: String, form: Int, _ result: DialogResult) -> [Effect] {
        guard result == .confirmed, dialogs.dialog(form) != nil else { return [] }
        let progress = ProgressLine("Exporting \(channelCount) accounts", startedAt: now)
        dialogs.update(form) { $0.working = progress }
        return [.exportCSV(path: path, overwrite: true, dialog: form)]
    }

    mutating func exportFinished(form: Int, path: String, rows: Int) {
        dialogs.remove(form)
        let text = "Exported \(rows) accounts to \(path)"
        notifications.push(HubNotification(id: "export-\(now.timeIntervalSince1970)", level: .info, time: now, text: text))
        presentMessage("Export done", ["\(ProgressLine.grouped(rows)) accounts written to", path])
    }

    mutating func exportFailed(form: Int, message: String) {
        dialogs.update(form) { d in
            d.working = nil
            d.form?.setError(message, field: "path")
        }
        if dialogs.dialog(form) == nil { flash(.error, "Export failed: \(message)") }
    }
}
