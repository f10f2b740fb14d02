import Foundation

/// How each mutation is sent, and how the server is asked whether an unsettled one happened.
extension Mutation {
    public func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        switch self {
        case let .setMaxChannels(clientId, payload, n):
            let client = try await service.updateClient(clientId: clientId, ClientPatch(partnerPayload: payload, maxChannels: n))
            return "max channels \(client.maxChannels.map(String.init) ?? "?")"
        case let .addFunds(channelId, amount):
            let balance = try await service.addFunds(channelId: channelId, amount: amount, idempotencyKey: key)
            return "balance \(balance)"
        case let .requestRefund(channelId, total):
            let refund = try await service.requestRefund(channelId: channelId, expectedTotal: total, idempotencyKey: key)
            return "refund \(refund.id) of \(refund.amount), credit note \(refund.creditNoteInvoiceId)"
        case let .submitPartnerChange(clientId, waba, target, _, company):
            let s = try await service.submitPartnerChange(clientId: clientId, wabaAccountId: waba, targetPartnerId: target,
                                                          company: company, idempotencyKey: key)
            return Self.submittedPrefix + s.partnerChangeRequest.id
        case let .confirmPaymentMethod(_, id):
            let pcr = try await service.confirmPaymentMethod(partnerChangeRequestId: id)
            return "payment method confirmed for \(pcr.id)"
        case let .setPermissions(clientId, ids):
            let saved = try await service.setPermissions(clientId: clientId, channelIds: ids)
            return "\(saved.count) number\(saved.count == 1 ? "" : "s") managed by the partner"
        case let .approvePartnerChange(id):
            let pcr = try await service.approvePartnerChangeRequest(id: id)
            return "partner change request \(pcr.id) \(pcr.status?.rawValue ?? "approved")"
        case let .setAutoApprove(on):
            return "automatic approval \(try await service.setPartnerChangeAutoApprove(on) ? "on" : "off")"
        case let .withdrawPartnerChange(_, id):
            let pcr = try await service.withdrawPartnerChange(id: id)
            return "partner change request \(pcr.id) \(pcr.status?.rawValue ?? "withdrawn")"
        case let .addUser(name, email, role):
            let user = try await service.addUser(name: name, email: email, role: role)
            return "user \(user.id)"
        case let .createTemplate(waba, draft):
            let t = try await service.createTemplate(wabaAccountId: waba, draft)
            return "template \(t.id) \(t.status?.rawValue ?? "submitted")"
        case let .deleteTemplate(waba, id, _):
            try await service.deleteTemplate(wabaAccountId: waba, templateId: id)
            return "template \(id) deleted"
        case let .generateAPIKey(channelId):
            let k = try await service.createChannelAPIKey(channelId: channelId)
            // The key goes to the screen once, never into the audit log this string becomes.
            OneTimeSecrets.shared.put(k, for: key)
            return "API key \(k.id.map { "\($0) " } ?? "")generated (shown once, not kept)"
        }
    }

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

    public func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Reconciled {
        switch self {
        case let .setMaxChannels(clientId, _, n):
            let clients = try await service.allClients()
            guard let c = clients.first(where: { $0.id == clientId }) else { return .notApplied }
            return c.maxChannels == n ? .applied("max channels \(n)") : .notApplied
        case let .addFunds(channelId, amount):
            // A payment made for this request carries its key (modeled; docs/sandbox.md).
            let payments = try await service.payments(channelId: channelId)
            let match = payments.first { $0.idempotencyKey == key && $0.amount == amount }
            return match.map { .applied("payment \($0.invoiceId)") } ?? .notApplied
        case let .requestRefund(channelId, _):
            let refunds = try await service.refunds(channelId: channelId)
            return refunds.first { $0.idempotencyKey == key }.map { .applied("refund \($0.id)") } ?? .notApplied
        case let .submitPartnerChange(clientId, waba, target, channelIds, _):
            // The WABA's numbers as confirmed; rows from before that are asked of the server.
            var numbers = Set(channelIds ?? [])
            if numbers.isEmpty {
                numbers = Set(try await service.allChannels(query: ListQuery(filters: ["waba_account.id": .string(waba)]))
                    .filter { $0.resolvedClientId == nil || $0.resolvedClientId == clientId }.map(\.id))
            }
            let all = try await Self.allPartnerChangeRequests(service)
            switch PartnerChangeMatch.find(in: all, clientId: clientId, wabaChannels: numbers, target: target, since: sentAt) {
            case .found(let r): return .applied(Self.submittedPrefix + r.id)
            case .none: return .notApplied
            case .unsure(let why): return .unsure(why)
            }
        case let .setPermissions(clientId, ids):
            return Set(try await service.permissions(clientId: clientId)) == Set(ids) ? .applied("permissions saved") : .notApplied
        case let .approvePartnerChange(id):
            return try await Self.allPartnerChangeRequests(service).first { $0.id == id && $0.status == .completed }.map { .applied("partner change request \($0.id) approved") } ?? .notApplied
        case .setAutoApprove:
            return .notApplied // the setting is shown again at the next start; setting it twice is harmless
        case let .withdrawPartnerChange(_, id):
            return try await Self.allPartnerChangeRequests(service).first { $0.id == id && $0.status == .withdrawn }.map { .applied("partner change request \($0.id) withdrawn") } ?? .notApplied
        case .confirmPaymentMethod:
            return .notApplied // asking is harmless to repeat: the agent confirms again
        case let .addUser(_, email, _):
            let users = try await service.users()
            return users.first { $0.email.lowercased() == email.lowercased() }.map { .applied("user \($0.id)") } ?? .notApplied
        case let .createTemplate(waba, draft):
            let list = try await service.allPages { try await service.listTemplates(wabaAccountId: waba, $0) }
            return list.first { $0.name == draft.name && $0.language == draft.language }.map { .applied("template \($0.id)") } ?? .notApplied
        case let .deleteTemplate(waba, id, _):
            let list = try await service.allPages { try await service.listTemplates(wabaAccountId: waba, $0) }
            return list.contains { $0.id == id } ? .notApplied : .applied("template \(id) deleted")
        case .generateAPIKey:
            // Nothing says whether a key was made; the key itself is lost either way, so the
            // agent generates one again (that only revokes again).
            return .notApplied
        }
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
