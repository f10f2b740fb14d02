import Foundation

/// The opener's side of the dialog stack: a command opens a workflow's first dialog (each in
/// its folder under Features/), and a dialog's result goes to the feature state it carries.
extension AppState {
    mutating func open(_ workflow: Workflow) -> [Effect] {
        switch workflow {
        case .export: return openExport()
        case .maxChannels: return openMaxChannels()
        case .audit: return openAudit()
        case .refund: return openFunds(.refund)
        case .addFunds: return openFunds(.addFunds)
        case .manageFunds: return openManageFunds()
        case .partnerChange: return openPartnerChange()
        case .incomingRequests: return openIncoming()
        case .autoApprove: return openAutoApprove()
        case .partnerSettings: return openPartnerSettings()
        case .users: return openUsers()
        case .addUser: return openAddUser()
        case .templates: return openTemplates()
        case .generateAPIKey: return openGenerateAPIKey()
        case .health: return openHealth()
        }
    }

    /// A dialog's result goes to the feature that opened it.
    mutating func finish(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        d.owner.state.finish(d, result, in: &self)
    }

    /// A message dialog with one button.
    @discardableResult
    mutating func presentMessage(_ title: String, _ lines: [String], notice: Notice? = nil) -> Int {
        present { id in
            // Tall enough for the lines as they wrap (a long one was cut: "expected by … (48").
            Dialog(id: id, title: title, body: .message(lines), notice: notice,
                   preferredWidth: 64, preferredHeight: max(3, TextWrap.wrap(lines, width: 60).count + 1))
        }
    }
}
