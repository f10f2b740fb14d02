import Foundation

/// C11: `PATCH /partners/{pid}/clients/{cid}` with the `partner_payload` read from the list.
/// Sets a state: safe to repeat, checked (never sent again) after a crash.
struct SetMaxChannels: MutationCommand {
    let clientId: String
    let partnerPayload: String
    let maxChannels: Int

    static let kind = "set-max-channels"
    var target: String { "client \(clientId)" }
    var safeToRepeat: Bool { true }

    func summary(_ names: MutationNames) -> String { "Set max channels of \(names.clientText(clientId)) to \(maxChannels)" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let client = try await service.updateClient(clientId: clientId, ClientPatch(partnerPayload: partnerPayload, maxChannels: maxChannels))
        return "max channels \(client.maxChannels.map(String.init) ?? "?")"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        let clients = try await service.allClients()
        guard let c = clients.first(where: { $0.id == clientId }) else { return .notApplied }
        return c.maxChannels == maxChannels ? .applied("max channels \(maxChannels)") : .notApplied
    }

    func applyConfirmed(in state: inout AppState) {
        guard var client = state.clients[clientId], client.maxChannels != maxChannels else { return }
        client.maxChannels = maxChannels
        let (changed, _) = state.applyChanges(partner: nil, clients: ListDelta(upserted: [client]), channels: ListDelta())
        state.reorder(updating: changed)
        if state.mainView == .clients { state.updateClientRows(channels: changed, clients: [clientId]) }
    }
}
