import Foundation
import HubCore

/// Hub-only operations (docs/sandbox.md lists them as modeled): funds and refunds, client-side
/// partner change, partner permissions, users.
extension SandboxEngine {
    func channelState(_ id: String) throws -> SandboxChannel {
        guard let sc = world.channels[id] else { throw notFound("Channel \(id) not found") }
        return sc
    }

    public func payments(channelId: String) async throws -> [Payment] {
        advance()
        return try channelState(channelId).payments
    }

    public func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money {
        advance()
        if let done = fundsKeys[idempotencyKey] { return done }
        var sc = try channelState(channelId)
        guard sc.prePayment else { throw badRequest("The number is not enabled for pre-payment") }
        guard amount.isPositive else { throw badRequest("The amount must be above 0", details: ["amount"]) }
        let current = sc.balance ?? .zero(amount.currency)
        guard current.currency == amount.currency else {
            throw badRequest("The number is billed in \(current.currency.code), not \(amount.currency.code)", details: ["currency"])
        }
        sc.payments.insert(Payment(id: rng.id(length: 8, suffix: "PY"), invoiceId: "INV-\(rng.int(100_000...999_999))",
                                   amount: amount, processingFee: .zero(amount.currency), paidAt: now,
                                   idempotencyKey: idempotencyKey), at: 0)
        sc.balance = current + amount
        sc.usageSinceLatestPayment = .zero(amount.currency)
        world.channels[channelId] = sc
        world.version += 1
        fundsKeys[idempotencyKey] = sc.balance
        emit("funds_added", .object(["channel_id": .string(channelId), "amount": .string(amount.description)]))
        return sc.balance!
    }

    /// Plans with the same `RefundPlanner` the app shows, so what the agent confirmed is what
    /// happens. The same idempotency key never refunds twice.
    public func requestRefund(channelId: String, idempotencyKey: String) async throws -> Refund {
        advance()
        if let existing = world.refunds.values.first(where: { $0.idempotencyKey == idempotencyKey }) { return existing }
        var sc = try channelState(channelId)
        if world.refunds.values.contains(where: { $0.channelId == channelId && $0.status == .processing }) {
            throw badRequest("A refund for this number is already processing")
        }
        guard let balance = sc.balance else { throw badRequest("The number is not enabled for pre-payment") }
        let input = RefundInput(payments: sc.payments, billableUsageSinceLatestPayment: sc.usageSinceLatestPayment ?? .zero(balance.currency),
                                balance: balance, prePaymentEnabled: sc.prePayment)
        switch RefundPlanner.plan(input) {
        case .notRefundable(let why):
            throw badRequest(why.description)
        case .refundable(let plan):
            let simNow = now
            let refund = Refund(id: rng.id(length: 8, suffix: "RF"), channelId: channelId, idempotencyKey: idempotencyKey,
                                amount: plan.total, creditNoteInvoiceId: plan.creditNote.invoiceId, status: .processing,
                                requestedAt: simNow, completesAt: simNow + Double(rng.int(48...72)) * 3600)
            let principal = plan.lines.reduce(Money.zero(balance.currency)) { $0 + $1.principal }
            sc.balance = balance - principal
            world.channels[channelId] = sc
            world.refunds[refund.id] = refund
            world.version += 1
            return refund
        }
    }

    public func refunds(channelId: String?) async throws -> [Refund] {
        record("refunds")
        advance()
        return world.refunds.values.filter { channelId == nil || $0.channelId == channelId }.sorted { $0.requestedAt > $1.requestedAt }
    }

    /// The client moves a whole WABA to another partner (P2..P4).
    public func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String, idempotencyKey: String) async throws -> PartnerChangeSubmission {
        advance()
        if let done = submissionKeys[idempotencyKey] { return done }
        guard world.clients[clientId] != nil else { throw notFound("Client \(clientId) not found") }
        guard targetPartnerId != world.partner.id else { throw badRequest("\(targetPartnerId) is already the current partner") }
        guard let target = world.otherPartners[targetPartnerId] else { throw notFound("Partner \(targetPartnerId) not found") }
        if target.differentPaymentProcessor { throw badRequest(differentPaymentProcessorMessage) }
        let channels = world.channels.values.filter { $0.channel.clientId == clientId && $0.channel.wabaAccount?.id == wabaAccountId }
            .map(\.channel.id).sorted()
        guard !channels.isEmpty else { throw notFound("WABA account \(wabaAccountId) has no numbers for client \(clientId)") }
        let simNow = now
        let pcr = PartnerChangeRequest(id: rng.id(length: 8, suffix: "PCR"), status: .pending, isFullMigration: true,
                                       sourceClientId: clientId, sourcePartnerId: world.partner.id, targetPartnerId: targetPartnerId,
                                       channelIds: channels, createdAt: simNow, updatedAt: simNow)
        world.partnerChangeRequests[pcr.id] = pcr
        // Some partners approve automatically, others in their hub a while later (P4 step 7).
        pcrDecisions[pcr.id] = simNow + (target.autoApprove ? 60 : Double(rng.int(10...60)) * 60)
        world.version += 1
        let submission = PartnerChangeSubmission(partnerChangeRequest: pcr, paymentMethodRequired: target.paymentMethodRequired, autoApprove: target.autoApprove)
        submissionKeys[idempotencyKey] = submission
        return submission
    }

    public func permissions(clientId: String) async throws -> [String] {
        guard world.clients[clientId] != nil else { throw notFound("Client \(clientId) not found") }
        return (world.permissions[clientId] ?? []).sorted()
    }

    public func setPermissions(clientId: String, channelIds: [String]) async throws -> [String] {
        guard world.clients[clientId] != nil else { throw notFound("Client \(clientId) not found") }
        let own = Set(world.channels.values.filter { $0.channel.clientId == clientId }.map(\.channel.id))
        let unknown = channelIds.filter { !own.contains($0) }
        guard unknown.isEmpty else { throw badRequest("Not numbers of client \(clientId): \(unknown.joined(separator: ", "))", details: unknown) }
        world.permissions[clientId] = Set(channelIds)
        world.version += 1
        return channelIds.sorted()
    }

    public func users() async throws -> [HubUser] { world.users }

    public func addUser(name: String, email: String) async throws -> HubUser {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("@"), trimmed.split(separator: "@").count == 2, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw badRequest("A user needs a name and a valid email", details: ["email"])
        }
        guard !world.users.contains(where: { $0.email.lowercased() == trimmed.lowercased() }) else {
            throw badRequest("\(trimmed) is already a user of this hub", details: ["email"])
        }
        let user = HubUser(id: rng.id(length: 6, suffix: "U"), name: name, email: trimmed, role: "member", createdAt: now)
        world.users.append(user)
        return user
    }

    /// Other partners a WABA can move to (for the wizard's hints and the scenario tests).
    public func destinationPartners() -> [OtherPartner] { world.otherPartners.values.sorted { $0.id < $1.id } }

    public func channelFunds(_ channelId: String) -> (balance: Money?, usageSinceLatestPayment: Money?, prePayment: Bool)? {
        world.channels[channelId].map { ($0.balance, $0.usageSinceLatestPayment, $0.prePayment) }
    }
}
