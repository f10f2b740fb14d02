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
}

/// A partner a WABA can move to (P3, P4): how it treats partner change requests.
public struct OtherPartner: Codable, Hashable, Sendable {
    public var id: String
    public var brandName: String
    public var autoApprove: Bool
    public var differentPaymentProcessor: Bool
    public var paymentMethodRequired: Bool

    public init(id: String, brandName: String, autoApprove: Bool, differentPaymentProcessor: Bool, paymentMethodRequired: Bool) {
        self.id = id
        self.brandName = brandName
        self.autoApprove = autoApprove
        self.differentPaymentProcessor = differentPaymentProcessor
        self.paymentMethodRequired = paymentMethodRequired
    }
}
