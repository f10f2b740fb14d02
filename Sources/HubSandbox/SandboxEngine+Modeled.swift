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
        try claim(idempotencyKey, for: "add-funds \(channelId) \(amount)")
        if let done = fundsKeys[idempotencyKey] { return done }
        var sc = try channelState(channelId)
        guard sc.prePayment else { throw badRequest("The number is not enabled for pre-payment") }
        guard amount.isPositive else { throw badRequest("The amount must be above 0", details: ["amount"]) }
        guard amount <= FundsLimits.maxTopUp(amount.currency) else {
            throw badRequest("At most \(FundsLimits.maxTopUp(amount.currency)) per top-up", details: ["amount"])
        }
        let current = sc.balance ?? .zero(amount.currency)
        guard current.currency == amount.currency else {
            throw badRequest("The number is billed in \(current.currency.code), not \(amount.currency.code)", details: ["amount"])
        }
        let balance = current + amount
        sc.payments.insert(Payment(id: rng.id(length: 8, suffix: "PY"), invoiceId: "INV-\(rng.int(100_000...999_999))",
                                   amount: amount, processingFee: .zero(amount.currency), paidAt: now,
                                   idempotencyKey: idempotencyKey), at: 0)
        sc.balance = balance
        sc.usageSinceLatestPayment = .zero(amount.currency)
        sc.conversationsSinceLatestPayment = 0
        world.channels[channelId] = sc
        world.version += 1
        fundsKeys[idempotencyKey] = balance
        emit("funds_added", .object(["channel_id": .string(channelId), "amount": .string(amount.description)]))
        return balance
    }

    /// One key, one request: the same key again answers the first result; with another body it
    /// is a 422, as payment APIs do, so a client bug cannot pass for a retry.
    func claim(_ key: String, for fingerprint: String) throws {
        if let first = idempotency[key], first != fingerprint {
            throw ServiceError.api(status: 422, body: APIErrorBody(
                httpCode: 422, developerMessage: "Idempotency-Key \(key) was already used for another request (\(first))",
                details: ["Idempotency-Key"]))
        }
        idempotency[key] = fingerprint
    }

    /// Everything a refund plan needs about one number (C7d), as the app previews it.
    public func funds(channelId: String) async throws -> ChannelFunds {
        record("funds", channelId)
        advance()
        return try fundsSnapshot(channelId)
    }

    /// The funds as they stand (no request counted: the refund endpoint plans from this too).
    func fundsSnapshot(_ channelId: String) throws -> ChannelFunds {
        let sc = try channelState(channelId)
        let refunds = world.refunds.values.filter { $0.channelId == channelId }.sorted { $0.requestedAt > $1.requestedAt }
        // Usage means something only where there is a balance (pre-payment).
        let usage = sc.balance.map { sc.usageSinceLatestPayment ?? .zero($0.currency) }
        return ChannelFunds(channelId: channelId, prePayment: sc.prePayment, balance: sc.balance, usageSinceLatestPayment: usage,
                            billableConversationsSinceLatestPayment: sc.balance == nil ? nil : sc.conversationsSinceLatestPayment,
                            payments: sc.payments, refunds: refunds)
    }

    /// Plans with the same `RefundPlanner` the app shows, so what the agent confirmed is what
    /// happens. Each payment keeps what was refunded from it; the same key never refunds twice.
    public func requestRefund(channelId: String, expectedTotal: Money?, idempotencyKey: String) async throws -> Refund {
        advance()
        try claim(idempotencyKey, for: "refund \(channelId)" + (expectedTotal.map { " \($0)" } ?? ""))
        if let existing = world.refunds.values.first(where: { $0.idempotencyKey == idempotencyKey }) { return existing }
        guard let input = try fundsSnapshot(channelId).refundInput else { throw badRequest("The number is not enabled for pre-payment") }
        switch RefundPlanner.plan(input) {
        case .notRefundable(let why):
            throw badRequest(why.description)
        case .refundable(let plan):
            if let expectedTotal, expectedTotal != plan.total {
                throw ServiceError.api(status: 409, body: APIErrorBody(httpCode: 409,
                    developerMessage: "The refund is now \(plan.total), not the \(expectedTotal) confirmed: the funds changed; review it again",
                    details: ["expected_total"]))
            }
            var sc = try channelState(channelId)
            let simNow = now
            let refund = Refund(id: rng.id(length: 8, suffix: "RF"), channelId: channelId, idempotencyKey: idempotencyKey,
                                amount: plan.total, creditNoteInvoiceId: plan.creditNote.invoiceId, status: .processing,
                                requestedAt: simNow, completesAt: simNow + Double(rng.int(48...72)) * 3600)
            for line in plan.lines {
                guard let i = sc.payments.firstIndex(where: { $0.id == line.paymentId }) else { continue }
                let currency = line.principal.currency
                sc.payments[i].refundedCredit = (sc.payments[i].refundedCredit ?? .zero(currency)) + line.principal
                if line.fee.isPositive { sc.payments[i].refundedFee = (sc.payments[i].refundedFee ?? .zero(currency)) + line.fee }
            }
            sc.balance = plan.unrefundableRemainder // what no payment accounts for stays
            world.channels[channelId] = sc
            world.refunds[refund.id] = refund
            world.version += 1
            emit("refund_requested", .object(["id": .string(refund.id), "channel_id": .string(channelId), "amount": .string(refund.amount.description)]))
            return refund
        }
    }

    public func refunds(channelId: String?) async throws -> [Refund] {
        record("refunds")
        advance()
        return world.refunds.values.filter { channelId == nil || $0.channelId == channelId }.sorted { $0.requestedAt > $1.requestedAt }
    }

    /// The client moves a whole WABA to another partner (P2..P4).
    public func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String,
                                    company: PartnerChangeWizard.CompanyInformation?, idempotencyKey: String) async throws -> PartnerChangeSubmission {
        advance()
        if let done = submissionKeys[idempotencyKey] { return done }
        guard world.clients[clientId] != nil else { throw notFound("Client \(clientId) not found") }
        if world.legacyClients.contains(clientId) { throw badRequest(Self.legacyMessage) }
        guard targetPartnerId != world.partner.id else { throw badRequest("\(targetPartnerId) is already the current partner") }
        guard let target = world.otherPartners[targetPartnerId] else { throw notFound("Partner \(targetPartnerId) not found") }
        if target.differentPaymentProcessor { throw badRequest(differentPaymentProcessorMessage) }
        let mine = world.channels.values.filter { $0.channel.clientId == clientId }
        let channels = mine.filter { $0.channel.wabaAccount?.id == wabaAccountId }.map(\.channel.id).sorted()
        guard !channels.isEmpty else { throw notFound("WABA account \(wabaAccountId) has no numbers for client \(clientId)") }
        // One open request per WABA: a second one would move the same numbers twice.
        if let open = world.partnerChangeRequests.values.first(where: { ($0.status == .pending || $0.status == .created) && Set($0.channelIds ?? []) == Set(channels) }) {
            throw ServiceError.api(status: 409, body: APIErrorBody(httpCode: 409,
                developerMessage: "WABA \(wabaAccountId) already has an open partner change request (\(open.id))", details: ["waba_account_id"]))
        }
        // Full migration only when the client keeps no other WABA with this partner.
        let full = mine.allSatisfy { $0.channel.wabaAccount?.id == wabaAccountId }
        let simNow = now
        let pcr = PartnerChangeRequest(id: rng.id(length: 8, suffix: "PCR"), status: .pending, isFullMigration: full,
                                       sourceClientId: clientId, sourcePartnerId: world.partner.id, targetPartnerId: targetPartnerId,
                                       channelIds: channels, createdAt: simNow, updatedAt: simNow)
        world.partnerChangeRequests[pcr.id] = pcr
        // P4 step 2: the company information completed in the wizard is the client's from now on.
        if let company, var client = world.clients[clientId] {
            client.organisation = company.legalName
            var contact = client.contactInfo ?? ContactInfo()
            contact.country = company.country
            contact.streetName = company.address
            client.contactInfo = contact
            world.clients[clientId] = client
        }
        // Some partners approve automatically, others in their hub a while later (P4 step 7);
        // one that needs a payment method decides only once it is confirmed (P4 step 6).
        if target.paymentMethodRequired { awaitingPaymentMethod.insert(pcr.id) }
        else { pcrDecisions[pcr.id] = simNow + (target.autoApprove ? 60 : Double(rng.int(10...60)) * 60) }
        world.version += 1
        let submission = PartnerChangeSubmission(partnerChangeRequest: pcr, paymentMethodRequired: target.paymentMethodRequired, autoApprove: target.autoApprove)
        submissionKeys[idempotencyKey] = submission
        return submission
    }

    static let legacyMessage = "Change Partner is not available for this legacy account; contact 360dialog support"

    public func partnerChangeEligibility(clientId: String) async throws -> PartnerChangeEligibility {
        guard world.clients[clientId] != nil else { throw notFound("Client \(clientId) not found") }
        return world.legacyClients.contains(clientId) ? PartnerChangeEligibility(available: false, reason: Self.legacyMessage)
            : PartnerChangeEligibility(available: true)
    }

    /// Before the destination decides, the client may withdraw; afterwards it is a 409.
    public func withdrawPartnerChange(id: String) async throws -> PartnerChangeRequest {
        advance()
        guard var pcr = world.partnerChangeRequests[id] else { throw notFound("Partner change request \(id) not found") }
        if pcr.status == .withdrawn { return pcr }
        guard pcr.status == .pending || pcr.status == .created else {
            throw ServiceError.api(status: 409, body: APIErrorBody(httpCode: 409,
                developerMessage: "Partner change request \(id) is \(pcr.status?.rawValue ?? "decided") and can no longer be withdrawn"))
        }
        pcr.status = .withdrawn
        pcr.updatedAt = now
        world.partnerChangeRequests[id] = pcr
        pcrDecisions[id] = nil
        awaitingPaymentMethod.remove(id)
        world.version += 1
        return pcr
    }

    public func destinationPartner(id: String) async throws -> PartnerSummary {
        advance()
        if id == world.partner.id { return PartnerSummary(id: id, brandName: world.partner.brandName ?? id) }
        guard let other = world.otherPartners[id] else { throw notFound("Partner \(id) not found") }
        return PartnerSummary(id: id, brandName: other.brandName, paymentMethodRequired: other.paymentMethodRequired, autoApprove: other.autoApprove)
    }

    public func confirmPaymentMethod(partnerChangeRequestId id: String) async throws -> PartnerChangeRequest {
        advance()
        guard let pcr = world.partnerChangeRequests[id] else { throw notFound("Partner change request \(id) not found") }
        if awaitingPaymentMethod.remove(id) != nil, let target = pcr.targetPartnerId.flatMap({ world.otherPartners[$0] }) {
            pcrDecisions[id] = now + (target.autoApprove ? 60 : Double(rng.int(10...60)) * 60)
        }
        return pcr
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

    public func addUser(name: String, email: String, role: String?) async throws -> HubUser {
        let trimmed = email.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("@"), trimmed.split(separator: "@").count == 2, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw badRequest("A user needs a name and a valid email", details: ["email"])
        }
        guard !world.users.contains(where: { $0.email.lowercased() == trimmed.lowercased() }) else {
            throw badRequest("\(trimmed) is already a user of this hub", details: ["email"])
        }
        let role = role ?? "member"
        guard ["member", "admin"].contains(role) else { throw badRequest("A role is member or admin, not \(role)", details: ["role"]) }
        let user = HubUser(id: rng.id(length: 6, suffix: "U"), name: name, email: trimmed, role: role, createdAt: now)
        world.users.append(user)
        return user
    }

    /// Other partners a WABA can move to (for the wizard's hints and the scenario tests).
    public func destinationPartners() -> [OtherPartner] { world.otherPartners.values.sorted { $0.id < $1.id } }

}
