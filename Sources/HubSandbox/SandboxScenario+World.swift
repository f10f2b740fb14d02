import Foundation
import HubCore

// The world a scenario describes (the parsing and its checks stay free of the simulator, so
// scripts/fuzz.sh can compile them with HubCore alone).
extension SandboxScenario {
    /// The generator's shape for each state name of `SandboxScenario.states`.
    static let kinds: [String: SandboxGenerator.Kind] = [
        "live": .live, "pending": .pendingBlocked, "draft": .draft, "sandbox": .sandbox, "pending_deletion": .pendingDeletion,
        "error": .error, "unregistered": .unregistered, "walking": .walking,
    ]

    func world(reference: Date) -> SandboxWorld {
        var world = SandboxWorld(partner: Partner(id: partner.id, brandName: partner.brandName ?? partner.id, country: "DE", settings: .object([:])))
        for p in partners ?? [] { world.otherPartners[p.id] = p }
        world.autoApprovePartnerChanges = autoApprovePartnerChanges ?? false
        var rng = SeededRandom(seed: 42)
        for spec in clients {
            let client = Client(id: spec.id, name: spec.name ?? spec.organisation ?? spec.id, status: .active, maxChannels: spec.maxChannels ?? 10,
                                organisation: spec.organisation, contactInfo: ContactInfo(email: spec.email, country: spec.companyInfoComplete == false ? nil : spec.country),
                                partnerPayload: spec.partnerPayload ?? "", createdAt: reference - 86400 * 100,
                                paymentModel: spec.paymentModel ?? .partner)
            world.clients[spec.id] = client
            if spec.legacy == true { world.legacyClients.insert(spec.id) }
            var permitted = Set<String>()
            for c in spec.channels {
                let waba = WabaAccount(id: c.wabaAccountId, status: .approved, fbAccountStatus: .verified, name: client.name,
                                       clientId: spec.id, partnerId: partner.id,
                                       onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: .approved), createdAt: reference - 86400 * 90)
                let ch = Channel(id: c.id, clientId: spec.id, version: 2, type: c.hosting ?? "cloud_api",
                                 createdAt: reference - 86400 * 90, modifiedAt: reference - 86400 * 90,
                                 client: ChannelClient(id: spec.id, name: client.name, organisation: spec.organisation, contactInfo: ContactInfo(email: spec.email)),
                                 setupInfo: SetupInfo(phoneNumber: c.phoneNumber.filter(\.isNumber), phoneName: c.displayName), wabaAccount: waba)
                // States are checked at load (`problems()`): nothing unknown reaches here.
                let kind = Self.kinds[c.state] ?? .live
                var sc = SandboxChannel(channel: ch, prePayment: client.isDirectPayment, payments: [], balance: nil,
                                        usageSinceLatestPayment: nil, monthUsage: nil, monthConversations: 0)
                SandboxGenerator.shape(&sc, kind: kind, rng: &rng, reference: reference)
                if let b = c.balance { sc.balance = try? Money.parse(b) }
                if let u = c.usageSinceLatestPayment { sc.usageSinceLatestPayment = try? Money.parse(u); sc.monthUsage = sc.usageSinceLatestPayment }
                let used = sc.usageSinceLatestPayment?.minorUnits ?? 0
                sc.conversationsSinceLatestPayment = used == 0 ? 0 : max(1, Int(used / 7))
                sc.payments = (c.payments ?? []).compactMap { p in
                    guard let amount = try? Money.parse(p.amount) else { return nil }
                    let fee = p.fee.flatMap { try? Money.parse($0) } ?? .zero(amount.currency)
                    return Payment(id: p.id, invoiceId: p.invoiceId, amount: amount, processingFee: fee, paidAt: p.paidAt)
                }.sorted { $0.paidAt > $1.paidAt }
                if sc.channel.isLive { permitted.insert(c.id) }
                world.channels[c.id] = sc
                // A scenario's WABAs exist with no templates (not "not found").
                if world.templates[c.wabaAccountId] == nil { world.templates[c.wabaAccountId] = [] }
            }
            world.permissions[spec.id] = permitted
        }
        world.version = 1
        return world
    }
}
