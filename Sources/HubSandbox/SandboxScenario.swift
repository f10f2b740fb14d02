import Foundation
import HubCore

/// An exact partner loaded from a file (`--scenario FILE`); format in docs/sandbox.md.
public struct SandboxScenario: Codable, Sendable {
    public var partner: PartnerSpec
    public var clients: [ClientSpec]
    public var partners: [OtherPartner]?
    public var autoApprovePartnerChanges: Bool?

    public struct PartnerSpec: Codable, Sendable {
        public var id: String
        public var brandName: String?
    }

    public struct ClientSpec: Codable, Sendable {
        public var id: String
        public var name: String?
        public var organisation: String?
        public var email: String?
        /// ISO country of the company (company information is incomplete without it: P4 step 1).
        public var country: String?
        public var paymentModel: PaymentModel?
        public var partnerPayload: String?
        public var maxChannels: Int?
        public var companyInfoComplete: Bool?
        /// P3: a legacy client that cannot change partner.
        public var legacy: Bool?
        public var channels: [ChannelSpec]
    }

    public struct ChannelSpec: Codable, Sendable {
        public var id: String
        public var phoneNumber: String
        public var displayName: String?
        /// live, pending, draft, sandbox, pending_deletion, error, unregistered, walking
        public var state: String
        public var hosting: String?
        public var wabaAccountId: String
        public var balance: String?
        public var usageSinceLatestPayment: String?
        public var payments: [PaymentSpec]?
    }

    public struct PaymentSpec: Codable, Sendable {
        public var id: String
        public var invoiceId: String
        public var amount: String
        public var fee: String?
        public var paidAt: Date
    }

    /// What is wrong with a scenario file: the file, where in it, what. A usage error (exit 2).
    public struct ScenarioError: Error, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

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
                let kind = Self.states[c.state] ?? .live
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
                if sc.channel.lifecycle() == .live { permitted.insert(c.id) }
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
