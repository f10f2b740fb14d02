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
