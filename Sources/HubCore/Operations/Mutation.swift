import Foundation

/// A change an agent asks the Partner API to make, in its stored form (each case's behaviour is
/// its `MutationCommand`, in its feature's folder). Every one goes through the operation
/// pipeline (HubLive's `OperationPipeline`): idempotency key, audit and pending rows first,
/// then the request, then the settled outcome back to the dialog that asked.
public enum Mutation: Codable, Hashable, Sendable {
    /// C11: `PATCH /partners/{pid}/clients/{cid}` with the `partner_payload` read from the list.
    case setMaxChannels(clientId: String, partnerPayload: String, maxChannels: Int)
    /// C7b (modeled): funds for one number.
    case addFunds(channelId: String, amount: Money)
    /// C7 (modeled): refund of one number's funds.
    /// `expectedTotal`: the plan's total the agent confirmed (nil on a live connection).
    case requestRefund(channelId: String, expectedTotal: Money?)
    /// P4 (modeled): the client moves a whole WABA to another partner. `channelIds`: the WABA's
    /// numbers when the intent was confirmed (what a lost answer is matched on; nil in rows
    /// written before). `company`: what P4 step 2 completed, sent with the request.
    case submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String,
                             channelIds: [String]? = nil, company: PartnerChangeWizard.CompanyInformation? = nil)
    /// P5 (modeled): the numbers of a client the partner may manage (Partner Settings).
    case setPermissions(clientId: String, channelIds: [String])
    /// Approves another partner's client's request to move to this partner (public API).
    case approvePartnerChange(partnerChangeRequestId: String)
    /// `PATCH /partners/{pid}/settings/partner_change_request` (public API).
    case setAutoApprove(Bool)
    /// Withdraws a submitted partner change request before the destination decides (modeled).
    case withdrawPartnerChange(wabaAccountId: String, partnerChangeRequestId: String)
    /// P4 step 6 (modeled): the client's payment method on file, confirmed for the destination.
    case confirmPaymentMethod(wabaAccountId: String, partnerChangeRequestId: String)
    /// C8 (modeled). `role` is nil in rows written before roles were chosen (the Hub's default).
    case addUser(name: String, email: String, role: String?)
    /// Template Message Manager (C2): a new template on a WABA, reviewed by Meta afterwards.
    case createTemplate(wabaAccountId: String, draft: TemplateDraft)
    /// Deletes one template of a WABA.
    case deleteTemplate(wabaAccountId: String, templateId: String, name: String)
    /// Reference §7: a new API key for a running number; it revokes the number's old keys.
    case generateAPIKey(channelId: String)
}

/// A confirmed intent: the mutation, its idempotency key (one per intent, kept across retries
/// and restarts) and the dialog that asked (the answer goes back to it).
public struct MutationRequest: Codable, Hashable, Sendable {
    public var mutation: Mutation
    public var idempotencyKey: String
    public var correlation: Int

    public init(mutation: Mutation, idempotencyKey: String, correlation: Int) {
        self.mutation = mutation
        self.idempotencyKey = idempotencyKey
        self.correlation = correlation
    }
}

/// How a mutation ended, as the dialog and the audit log say it.
public enum MutationOutcome: Hashable, Sendable {
    case succeeded(String)
    /// The server refused; `field` names the form field when the error body points at one.
    case failed(String, field: String?)
    /// The public API lacks this step: finish it in the Hub.
    case handedToHub(url: String)
    /// No answer that says whether it acted (network lost after sending): left pending, and
    /// reconciled with the server instead of sent again.
    case unknown(String)

    /// The audit log's outcome column.
    public var auditText: String {
        switch self {
        case .succeeded(let s): return "ok: \(s)"
        case .failed(let m, _): return "failed: \(m)"
        case .handedToHub(let url): return "handed to the Hub: \(url)"
        case .unknown(let m): return "unknown: \(m)"
        }
    }
}

/// Where partner change wizards are kept between runs, per connection.
public protocol PartnerChangeStore: Sendable {
    func save(wabaAccountId: String, _ wizard: PartnerChangeWizard?) async
    func partnerChangeWizards() async -> [PartnerChangeWizard]
}

/// Where the pipeline's work is kept and shown: the runtime hands one to the TUI.
public protocol MutationPerformer: Sendable {
    func perform(_ request: MutationRequest) async -> MutationOutcome
    func auditLog(limit: Int) async -> [AuditEntry]
}
