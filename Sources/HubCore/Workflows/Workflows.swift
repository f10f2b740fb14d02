import Foundation

/// The opener's side of the dialog stack: a command opens a workflow's first dialog, and a
/// dialog's result comes back here by its purpose (Textual's `push_screen(callback)` as data).
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

    mutating func finish(_ d: Dialog, _ result: DialogResult) -> [Effect] {
        switch d.purpose {
        case .info, .auditLog, .users, .templates, .apiKey, .healthResult: return []
        case .exportPath: return exportSubmitted(d, result)
        case let .exportOverwrite(path, form): return overwriteAnswered(path: path, form: form, result)
        case .maxChannels(let clientId): return maxChannelsSubmitted(d, clientId: clientId, result)
        case .confirmMutation(let request): return mutationConfirmed(request, result)
        case .fundsLoading: return []
        case .partnerChange(let waba): return partnerChangeResult(d, waba: waba, result)
        case .incomingRequests: return incomingChosen(d, result)
        case .partnerSettings(let clientId): return partnerSettingsSubmitted(d, clientId: clientId, result)
        case .manageFundsNumber: return manageFundsNumberChosen(d, result)
        case .manageFundsAction(let channelId): return manageFundsActionChosen(d, channelId: channelId, result)
        case .addFunds(let channelId, let currency): return addFundsSubmitted(d, channelId: channelId, currency: currency, result)
        case .addUser: return addUserSubmitted(d, result)
        case .newTemplate(let waba): return newTemplateSubmitted(d, waba: waba, result)
        case .health(let channelId): return healthSubmitted(d, channelId: channelId, result)
        }
    }

    /// A message dialog with one button.
    @discardableResult
    mutating func presentMessage(_ title: String, _ lines: [String], notice: Notice? = nil) -> Int {
        present { id in
            // Tall enough for the lines as they wrap (a long one was cut: "expected by … (48").
            Dialog(id: id, purpose: .info, title: title, body: .message(lines), notice: notice,
                   preferredWidth: 64, preferredHeight: max(3, TextWrap.wrap(lines, width: 60).count + 1))
        }
    }
}
