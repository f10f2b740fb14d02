import Foundation

/// Reference §7: a new API key for a running number; it revokes the number's old keys.
struct GenerateAPIKey: MutationCommand {
    let channelId: String

    static let kind = "generate-api-key"
    var target: String { "channel \(channelId)" }
    var safeToRepeat: Bool { false }

    func summary(_ names: MutationNames) -> String { "Generate a new API key for \(names.channelText(channelId)) (the old keys stop working)" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let k = try await service.createChannelAPIKey(channelId: channelId)
        // The key goes to the screen once, never into the audit log this string becomes.
        OneTimeSecrets.shared.put(k, for: key)
        return "API key \(k.id.map { "\($0) " } ?? "")generated (shown once, not kept)"
    }

    /// Nothing says whether a key was made; the key itself is lost either way, so the agent
    /// generates one again (that only revokes again).
    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled { .notApplied }

    /// The key's own dialog follows (`apiKeyReady`).
    func succeeded(in state: inout AppState) -> [Effect]? { [] }
}
