import Foundation

/// Approves another partner's client's request to move to this partner (public API).
struct ApprovePartnerChange: MutationCommand {
    let requestId: String

    static let kind = "approve-partner-change"
    var target: String { "partner change request \(requestId)" }
    var safeToRepeat: Bool { true }

    func summary(_ names: MutationNames) -> String { "Approve incoming \(names.requestText(requestId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let pcr = try await service.approvePartnerChangeRequest(id: requestId)
        return "partner change request \(pcr.id) \(pcr.status?.rawValue ?? "approved")"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        try await Mutation.request(requestId, reached: .completed, "approved", on: service)
    }

    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] { [.loadPartnerChanges] }
}

/// `PATCH /partners/{pid}/settings/partner_change_request` (public API).
struct SetAutoApprove: MutationCommand {
    let on: Bool

    static let kind = "set-auto-approve"
    var target: String { "partner settings" }
    var safeToRepeat: Bool { true }

    func summary(_ names: MutationNames) -> String { "Turn automatic approval of incoming partner change requests \(on ? "on" : "off")" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        "automatic approval \(try await service.setPartnerChangeAutoApprove(on) ? "on" : "off")"
    }

    /// The setting is shown again at the next start; setting it twice is harmless.
    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled { .notApplied }

    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] {
        if case .succeeded = outcome { state.autoApproveSet = on }
        return [.loadPartnerChanges]
    }
}
