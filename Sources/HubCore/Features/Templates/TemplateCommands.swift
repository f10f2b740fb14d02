import Foundation

/// Template Message Manager (C2): a new template on a WABA, reviewed by Meta afterwards.
struct CreateTemplate: MutationCommand {
    let wabaAccountId: String
    let draft: TemplateDraft

    static let kind = "create-template"
    var target: String { "template \(draft.name) on waba \(wabaAccountId)" }
    var safeToRepeat: Bool { false }

    func summary(_ names: MutationNames) -> String {
        "Create template \(draft.name) (\(draft.language), \(draft.category.rawValue)) on \(names.wabaText(wabaAccountId))"
    }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let t = try await service.createTemplate(wabaAccountId: wabaAccountId, draft)
        return "template \(t.id) \(t.status?.rawValue ?? "submitted")"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        let list = try await service.allPages { try await service.listTemplates(wabaAccountId: wabaAccountId, $0) }
        return list.first { $0.name == draft.name && $0.language == draft.language }.map { .applied("template \($0.id)") } ?? .notApplied
    }

    /// The live API names no field for a name already in use: the message says which.
    func formField(server: String?, message: String) -> String? { TemplateRules.field(forServer: server, message: message) }

    /// The list is read again, with the new one selected.
    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] {
        guard case .succeeded = outcome else { return [] }
        if let list = state.templatesDialog(wabaAccountId) {
            state.dialogs.updateState(list.id, as: TemplatesList.self) { $0.pendingSelection = draft.name }
        }
        state.flash(.info, "\(draft.name) submitted: a notification comes when Meta approves or rejects it.")
        return [.loadTemplates(wabaAccountId: wabaAccountId)]
    }

    /// The list shows it, selected.
    func succeeded(in state: inout AppState) -> [Effect]? { [] }
}

/// Deletes one template of a WABA.
struct DeleteTemplate: MutationCommand {
    let wabaAccountId: String
    let templateId: String
    let name: String

    static let kind = "delete-template"
    var target: String { "template \(name) on waba \(wabaAccountId)" }
    var safeToRepeat: Bool { true }

    func summary(_ names: MutationNames) -> String { "Delete template \(name) (\(templateId)) of \(names.wabaText(wabaAccountId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        try await service.deleteTemplate(wabaAccountId: wabaAccountId, templateId: templateId)
        return "template \(templateId) deleted"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        let list = try await service.allPages { try await service.listTemplates(wabaAccountId: wabaAccountId, $0) }
        return list.contains { $0.id == templateId } ? .notApplied : .applied("template \(templateId) deleted")
    }

    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] {
        guard case .succeeded = outcome else { return [] }
        return [.loadTemplates(wabaAccountId: wabaAccountId)]
    }
}
