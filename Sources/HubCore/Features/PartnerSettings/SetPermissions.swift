import Foundation

/// P5 (modeled): the numbers of a client the partner may manage (Partner Settings).
struct SetPermissions: MutationCommand {
    let clientId: String
    let channelIds: [String]

    static let kind = "set-permissions"
    var target: String { "client \(clientId)" }
    var safeToRepeat: Bool { true }

    func summary(_ names: MutationNames) -> String {
        "Let the partner manage \(channelIds.count) number\(channelIds.count == 1 ? "" : "s") of \(names.clientText(clientId))"
    }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let saved = try await service.setPermissions(clientId: clientId, channelIds: channelIds)
        return "\(saved.count) number\(saved.count == 1 ? "" : "s") managed by the partner"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        Set(try await service.permissions(clientId: clientId)) == Set(channelIds) ? .applied("permissions saved") : .notApplied
    }

    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] { [.loadPermissions(clientId: clientId)] }
}
