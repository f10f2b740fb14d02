import Foundation

// Hub-only objects that the public Partner API does not have: the sandbox serves them on
// modeled endpoints (docs/sandbox.md), the live client reports them as unavailable.

/// A team member of the Partner Hub (C8; modeled).
public struct HubUser: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var email: String
    public var role: String
    public var createdAt: Date?

    public init(id: String, name: String, email: String, role: String, createdAt: Date? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.createdAt = createdAt
    }
}

/// A refund in flight or done (C7f: 48 to 72 hours; modeled).
public struct Refund: Codable, Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable { case processing, completed }

    public var id: String
    public var channelId: String
    public var idempotencyKey: String
    public var amount: Money
    public var creditNoteInvoiceId: String
    public var status: Status
    public var requestedAt: Date
    public var completesAt: Date

    public init(id: String, channelId: String, idempotencyKey: String, amount: Money, creditNoteInvoiceId: String,
                status: Status, requestedAt: Date, completesAt: Date) {
        self.id = id
        self.channelId = channelId
        self.idempotencyKey = idempotencyKey
        self.amount = amount
        self.creditNoteInvoiceId = creditNoteInvoiceId
        self.status = status
        self.requestedAt = requestedAt
        self.completesAt = completesAt
    }
}

/// The answer to a client-side partner change submission (P4 steps 5..7; modeled).
public struct PartnerChangeSubmission: Codable, Hashable, Sendable {
    public var partnerChangeRequest: PartnerChangeRequest
    public var paymentMethodRequired: Bool
    public var autoApprove: Bool

    public init(partnerChangeRequest: PartnerChangeRequest, paymentMethodRequired: Bool, autoApprove: Bool) {
        self.partnerChangeRequest = partnerChangeRequest
        self.paymentMethodRequired = paymentMethodRequired
        self.autoApprove = autoApprove
    }
}

/// Another partner as the Hub shows it before a partner change (modeled lookup by Partner ID):
/// its brand name, and what the change to it will ask for.
public struct PartnerSummary: Codable, Hashable, Sendable {
    public var id: String
    public var brandName: String
    public var paymentMethodRequired: Bool?
    /// Approves partner change requests automatically (its own setting).
    public var autoApprove: Bool?

    public init(id: String, brandName: String, paymentMethodRequired: Bool? = nil, autoApprove: Bool? = nil) {
        self.id = id
        self.brandName = brandName
        self.paymentMethodRequired = paymentMethodRequired
        self.autoApprove = autoApprove
    }
}

/// Whether a client may change partner at all (modeled; P3: some legacy clients cannot).
public struct PartnerChangeEligibility: Codable, Hashable, Sendable {
    public var available: Bool
    public var reason: String?

    public init(available: Bool, reason: String? = nil) {
        self.available = available
        self.reason = reason
    }
}

/// A partner webhook event `{id, event, data}` (reference §10).
public struct WebhookEvent: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var event: String
    public var data: JSONValue

    public init(id: String, event: String, data: JSONValue) {
        self.id = id
        self.event = event
        self.data = data
    }
}

/// What a server says it serves beyond the public Partner API, from `GET {base}/sandbox/capabilities`.
/// The sandbox answers it; the real API, a proxy or a mock does not (any error, any other shape),
/// and then every modeled operation is handed to the Hub. Asked, not guessed from the host name.
public struct ServerCapabilities: Codable, Hashable, Sendable {
    /// The modeled operations of docs/sandbox.md, by the names the capabilities document uses.
    public enum Modeled: String, CaseIterable, Sendable {
        case payments, funds, refunds, permissions, users
        case partnerDirectory = "partner_directory"
        case partnerChange = "partner_change"
        /// `payment_model` on each client: without it the payment model is the partner account's (config).
        case clientPaymentModel = "client_payment_model"
    }

    /// Strings, so that a name this build does not know is ignored rather than failing the document.
    public var modeled: [String]

    public init(modeled: [String]) { self.modeled = modeled }

    public static let none = ServerCapabilities(modeled: [])
    public static let all = ServerCapabilities(modeled: Modeled.allCases.map(\.rawValue))

    public func offers(_ m: Modeled) -> Bool { modeled.contains(m.rawValue) }
}
