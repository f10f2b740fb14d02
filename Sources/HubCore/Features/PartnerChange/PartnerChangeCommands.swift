import Foundation

/// P4 (modeled): the client moves a whole WABA to another partner. `channelIds`: the WABA's
/// numbers when the intent was confirmed (what a lost answer is matched on; nil in rows
/// written before). `company`: what P4 step 2 completed, sent with the request.
struct SubmitPartnerChange: MutationCommand {
    let clientId: String
    let wabaAccountId: String
    let targetPartnerId: String
    let channelIds: [String]?
    let company: PartnerChangeWizard.CompanyInformation?

    static let kind = "partner-change"
    var target: String { "waba \(wabaAccountId)" }
    var resumesAfterCrash: Bool { true }
    var safeToRepeat: Bool { true }
    var startsSettlement: Bool { true }
    var partnerChangeWaba: String? { wabaAccountId }

    func summary(_ names: MutationNames) -> String { "Change partner of \(names.wabaText(wabaAccountId)) to \(names.partnerText(targetPartnerId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let s = try await service.submitPartnerChange(clientId: clientId, wabaAccountId: wabaAccountId, targetPartnerId: targetPartnerId,
                                                      company: company, idempotencyKey: key)
        return Mutation.submittedPrefix + s.partnerChangeRequest.id
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        // The WABA's numbers as confirmed; rows from before that are asked of the server.
        var numbers = Set(channelIds ?? [])
        if numbers.isEmpty {
            numbers = Set(try await service.allChannels(query: ListQuery(filters: ["waba_account.id": .string(wabaAccountId)]))
                .filter { $0.resolvedClientId == nil || $0.resolvedClientId == clientId }.map(\.id))
        }
        let all = try await Mutation.allPartnerChangeRequests(service)
        switch PartnerChangeMatch.find(in: all, clientId: clientId, wabaChannels: numbers, target: targetPartnerId, since: sentAt) {
        case .found(let r): return .applied(Mutation.submittedPrefix + r.id)
        case .none: return .notApplied
        case .unsure(let why): return .unsure(why)
        }
    }
}

/// P4 step 6 (modeled): the client's payment method on file, confirmed for the destination.
/// Sent once; asking again is harmless (the agent confirms again).
struct ConfirmPaymentMethod: MutationCommand {
    let wabaAccountId: String
    let requestId: String

    static let kind = "payment-method"
    var target: String { "partner change request \(requestId)" }
    var safeToRepeat: Bool { false }
    var partnerChangeWaba: String? { wabaAccountId }

    func summary(_ names: MutationNames) -> String { "Confirm the payment method for \(names.requestText(requestId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let pcr = try await service.confirmPaymentMethod(partnerChangeRequestId: requestId)
        return "payment method confirmed for \(pcr.id)"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled { .notApplied }
}

/// Withdraws a submitted partner change request before the destination decides (modeled).
struct WithdrawPartnerChange: MutationCommand {
    let wabaAccountId: String
    let requestId: String

    static let kind = "withdraw-partner-change"
    var target: String { "partner change request \(requestId)" }
    var safeToRepeat: Bool { false }
    var partnerChangeWaba: String? { wabaAccountId }

    func summary(_ names: MutationNames) -> String { "Withdraw \(names.requestText(requestId)) of \(names.wabaText(wabaAccountId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let pcr = try await service.withdrawPartnerChange(id: requestId)
        return "partner change request \(pcr.id) \(pcr.status?.rawValue ?? "withdrawn")"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        try await Mutation.request(requestId, reached: .withdrawn, "withdrawn", on: service)
    }
}
