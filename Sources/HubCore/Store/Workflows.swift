import Foundation

/// The workflows a command can open: a feature with dialogs registers here, a case and its
/// line in `open` (its keys are a `Command` descriptor in HubTUI's Keymap.swift).
public enum Workflow: String, Sendable, CaseIterable {
    case export
    case maxChannels = "max-channels"
    case audit
    /// C7: the selected number's refund, its Add funds, and Manage funds (choose the number).
    case refund
    case addFunds = "add-funds"
    case manageFunds = "manage-funds"
    /// P1..P4: move the selected number's WABA to another partner.
    case partnerChange = "partner-change"
    /// Incoming partner change requests (the partner side), and the auto-approve setting.
    case incomingRequests = "partner-requests"
    case autoApprove = "auto-approve"
    /// P5: the numbers of the selected client the partner may manage.
    case partnerSettings = "partner-settings"
    /// C8: the hub's team members, and adding one.
    case users
    case addUser = "add-user"
    /// C2: the Template Message Manager of the selected number's WABA.
    case templates
    /// Reference §7: a new API key for the selected number.
    case generateAPIKey = "api-key"
    /// C15, C16: the messaging health of the number behind a key.
    case health
    /// The selected number's details as text (Features/DetailsText).
    case detailsText = "details-text"
}

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
        case .detailsText: return openDetailsText()
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
