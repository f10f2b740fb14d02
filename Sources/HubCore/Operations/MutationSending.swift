import Foundation

/// What the commands share for sending and reconciling.
extension Mutation {
    /// What the server says now about a request whose answer was lost. Never sends it again.
    public enum Reconciled: Hashable, Sendable {
        case applied(String)
        case notApplied
        /// The server's answer fits more than one story: the agent is told and asked, and
        /// nothing is sent or settled on a guess.
        case unsure(String)
    }

    /// How a submission's result names its request, so the wizard binds to exactly that one.
    static let submittedPrefix = "partner change request "

    /// The request a submission's result names (`send` wrote it), if it names one.
    public static func submittedRequestId(_ result: String) -> String? {
        guard result.hasPrefix(submittedPrefix) else { return nil }
        let id = result.dropFirst(submittedPrefix.count).prefix { !$0.isWhitespace }
        return id.isEmpty ? nil : String(id)
    }

    /// Every partner change request the server lists, all pages.
    static func allPartnerChangeRequests(_ service: any PartnerService) async throws -> [PartnerChangeRequest] {
        try await service.allPages(pageSize: 100) { try await service.listPartnerChangeRequests($0) }
    }

    /// Applied when the server lists the request in `status` (approved, withdrawn: `word`).
    static func request(_ id: String, reached status: PartnerChangeRequestStatus, _ word: String, on service: any PartnerService) async throws -> Reconciled {
        try await allPartnerChangeRequests(service).first { $0.id == id && $0.status == status }
            .map { .applied("partner change request \($0.id) \(word)") } ?? .notApplied
    }
}

/// Secrets an answer carried (a new API key), kept in memory from the request until the
/// screen takes them, once, by the intent's idempotency key; never written anywhere.
public final class OneTimeSecrets: @unchecked Sendable {
    public static let shared = OneTimeSecrets()
    private let lock = NSLock()
    private var keys: [String: ChannelAPIKey] = [:]

    func put(_ key: ChannelAPIKey, for intent: String) {
        lock.withLock { keys[intent] = key }
    }

    /// The secret for this intent; a second call gets nothing.
    public func take(_ intent: String) -> ChannelAPIKey? {
        lock.withLock { keys.removeValue(forKey: intent) }
    }
}
