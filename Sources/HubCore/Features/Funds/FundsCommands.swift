import Foundation

/// C7b (modeled): funds for one number. The server keeps the key: resumed after a crash.
struct AddFunds: MutationCommand {
    let channelId: String
    let amount: Money

    static let kind = "add-funds"
    var target: String { "channel \(channelId)" }
    var resumesAfterCrash: Bool { true }
    var safeToRepeat: Bool { true }

    func summary(_ names: MutationNames) -> String { "Add funds \(amount) to \(names.channelText(channelId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let balance = try await service.addFunds(channelId: channelId, amount: amount, idempotencyKey: key)
        return "balance \(balance)"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        // A payment made for this request carries its key (modeled; docs/sandbox.md).
        let payments = try await service.payments(channelId: channelId)
        let match = payments.first { $0.idempotencyKey == key && $0.amount == amount }
        return match.map { .applied("payment \($0.invoiceId)") } ?? .notApplied
    }

    func applyConfirmed(in state: inout AppState) {
        guard let clientId = state.records[channelId]?.channel.resolvedClientId, var b = state.balances[clientId],
              let before = b.balance, before.currency == amount.currency, let after = Money.total([before, amount], in: amount.currency) else { return }
        b.balance = after
        state.reorder(updating: state.setBalance(b, clientId: clientId))
        if state.mainView == .clients { state.updateClientRows(channels: [], clients: [clientId]) }
    }

    /// Money moved (or may have): the number's funds are read again for its card and details.
    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] { [.loadFunds(channelId: channelId)] }
}

/// C7 (modeled): refund of one number's funds; `expectedTotal` is the plan's total the agent
/// confirmed (nil on a live connection). Completes at the server in 48 to 72 hours.
struct RequestRefund: MutationCommand {
    let channelId: String
    let expectedTotal: Money?

    static let kind = "refund"
    var target: String { "channel \(channelId)" }
    var resumesAfterCrash: Bool { true }
    var safeToRepeat: Bool { true }
    var startsSettlement: Bool { true }

    func summary(_ names: MutationNames) -> String { "Refund \(expectedTotal.map { "\($0) " } ?? "")of \(names.channelText(channelId))" }

    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        let refund = try await service.requestRefund(channelId: channelId, expectedTotal: expectedTotal, idempotencyKey: key)
        return "refund \(refund.id) of \(refund.amount), credit note \(refund.creditNoteInvoiceId)"
    }

    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled {
        let refunds = try await service.refunds(channelId: channelId)
        return refunds.first { $0.idempotencyKey == key }.map { .applied("refund \($0.id)") } ?? .notApplied
    }

    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] { [.loadFunds(channelId: channelId)] }
}
