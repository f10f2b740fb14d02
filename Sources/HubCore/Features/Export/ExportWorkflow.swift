import Foundation

/// Export all accounts as CSV: a path (with a default), an overwrite confirm when the file
/// exists, progress while it is written off the main actor, and the row count at the end.
extension AppState {
    mutating func openExport() -> [Effect] {
        let stamp = Timestamp.format(now).filter { $0.isNumber }.prefix(14)
        let dir = environment.workingDirectory.hasSuffix("/") ? environment.workingDirectory : environment.workingDirectory + "/"
        let path = "\(dir)partnerhub-accounts-\(stamp.prefix(8))-\(stamp.dropFirst(8)).csv"
        let form = Form([
            FormField(id: ExportPathForm.Field.about, label: "", kind: .note(aboutExport, loadingTotal == nil ? .muted : .warning)),
            .text(ExportPathForm.Field.path, "File", value: path, maxLength: 1024, help: "~ is your home folder; an existing file is not overwritten without asking.",
                  rules: [.required("Type where the file goes.")]),
        ], submitLabel: "Export")
        let height = loadingTotal == nil ? 6 : 8 // room for the note that the export waits
        present { Dialog(id: $0, feature: ExportPathForm(), title: "Export all accounts as CSV", body: .form(form), preferredWidth: 76, preferredHeight: height) }
        return []
    }

    /// What the file will hold; while the list is still loading, that the export waits for it.
    var aboutExport: String {
        guard let total = loadingTotal else { return "All \(channelCount) accounts of the WhatsApp Accounts page, in the Hub's CSV format." }
        return "The list is still loading (\(ProgressLine.grouped(channelCount)) of \(ProgressLine.grouped(total))): "
            + "the export waits for all \(ProgressLine.grouped(total)) accounts, never writes part of them."
    }

    mutating func exportSubmitted(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        guard case .submitted(let values) = result else { return [] }
        let path = values[ExportPathForm.Field.path].trimmingCharacters(in: .whitespaces)
        return startExport(path: path, overwrite: false, dialog: d.id)
    }

    /// Writes the file now, or, while the list is still loading, once all of it is here (a
    /// file of the first 1,000 of 48,439 would look whole and be wrong).
    mutating func startExport(path: String, overwrite: Bool, dialog: Int) -> [Effect] {
        if let total = loadingTotal {
            dialogs.updateState(dialog, as: ExportPathForm.self) { $0.waiting = ExportWait(path: path, overwrite: overwrite) }
            let progress = ProgressLine("Waiting for the whole list before exporting", done: channelCount, total: total, startedAt: now)
            dialogs.update(dialog) { $0.working = progress }
            return []
        }
        dialogs.updateState(dialog, as: ExportPathForm.self) { $0.waiting = nil }
        let progress = ProgressLine("Exporting \(channelCount) accounts", startedAt: now)
        dialogs.update(dialog) { $0.working = progress }
        return [.exportCSV(path: path, overwrite: overwrite, dialog: dialog)]
    }

    /// A part or the whole of the list arrived: a waiting export moves on, or shows how far.
    mutating func exportListProgressed() -> [Effect] {
        // The form holds its waiting export; closed while it waited, the export is gone with it.
        guard let d = dialogs.items.first(where: { $0.owned(by: ExportPathForm.self)?.waiting != nil }),
              let wait = d.owned(by: ExportPathForm.self)?.waiting else { return [] }
        if let total = loadingTotal {
            let done = channelCount
            dialogs.update(d.id) { $0.working?.done = done; $0.working?.total = total }
            return []
        }
        return startExport(path: wait.path, overwrite: wait.overwrite, dialog: d.id)
    }

    mutating func exportExists(form: Int, path: String) {
        dialogs.update(form) { $0.working = nil }
        guard dialogs.dialog(form) != nil else { return }
        let confirm = Confirm(message: ["\(path) exists.", "Overwrite it with the accounts CSV?"], confirmLabel: "Overwrite")
        present { Dialog(id: $0, feature: ExportOverwriteConfirm(path: path, form: form), title: "Overwrite file?", body: .confirm(confirm),
                         preferredWidth: 64, preferredHeight: 4) }
    }

    mutating func overwriteAnswered(path: String, form: Int, _ result: DialogResult) -> [Effect] {
        guard result == .confirmed, dialogs.dialog(form) != nil else { return [] }
        return startExport(path: path, overwrite: true, dialog: form)
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
            d.form?.setError(message, field: ExportPathForm.Field.path)
        }
        if dialogs.dialog(form) == nil { flash(.error, "Export failed: \(message)") }
    }
}

/// The path form: where the file goes.
public struct ExportPathForm: DialogFeature {
    /// Confirmed while the list was still loading: written once all of it is here.
    var waiting: ExportWait?
    enum Field: String, FormKey { case about, path }
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] { state.exportSubmitted(d, result) }
}

/// The file exists: overwrite it? (`form` is the path form below it).
public struct ExportOverwriteConfirm: DialogFeature {
    let path: String
    let form: Int
    public func finish(_ d: Dialog, _ result: DialogResult, in state: inout AppState) -> [Effect] {
        state.overwriteAnswered(path: path, form: form, result)
    }
}

/// An export the agent confirmed while the list was still loading.
struct ExportWait: Hashable, Sendable {
    var path: String
    var overwrite: Bool
}
