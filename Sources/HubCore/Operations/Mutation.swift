import Foundation

/// A change an agent asks the Partner API to make. Every one goes through the operation
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

    /// The server keeps this request's idempotency key (funds, refunds, partner changes): a
    /// confirmed intent that a crash interrupted before it reached the server is completed on
    /// the next start with the same key, which the server can never act on twice. Others
    /// (max channels) are only checked, never sent again: the agent decides.
    public var resumesAfterCrash: Bool {
        switch self {
        case .addFunds, .requestRefund, .submitPartnerChange: return true
        case .setMaxChannels, .addUser, .createTemplate, .deleteTemplate, .generateAPIKey, .confirmPaymentMethod, .withdrawPartnerChange, .approvePartnerChange, .setAutoApprove, .setPermissions: return false
        }
    }

    /// Sending it twice cannot act twice: the server keeps its idempotency key (funds, refunds,
    /// partner changes) or the request sets a state (max channels, permissions, approve,
    /// auto-approve, delete). The operation pipeline, the one retry layer for changes, sends
    /// again after an unclear answer only these; the others (a new user, template or API key,
    /// withdraw, payment method) are sent once and then reconciled.
    public var safeToRepeat: Bool {
        switch self {
        case .addFunds, .requestRefund, .submitPartnerChange, .setMaxChannels, .deleteTemplate, .approvePartnerChange, .setAutoApprove, .setPermissions:
            return true
        case .addUser, .createTemplate, .generateAPIKey, .confirmPaymentMethod, .withdrawPartnerChange:
            return false
        }
    }

    /// Completes later at the server (a refund in 48 to 72 hours, a partner change on approval):
    /// the live engine watches it closely so its notification comes soon after.
    public var startsSettlement: Bool {
        switch self {
        case .requestRefund, .submitPartnerChange: return true
        default: return false
        }
    }

    /// The WABA whose partner change wizard sent this, if one did.
    public var partnerChangeWaba: String? {
        switch self {
        case .submitPartnerChange(_, let waba, _, _, _), .withdrawPartnerChange(let waba, _), .confirmPaymentMethod(let waba, _): return waba
        default: return nil
        }
    }

    /// The form field a refusal is about: the field the error body named, or for a template
    /// the one its message is about (the live API names none for a name already in use).
    public func formField(server: String?, message: String) -> String? {
        if case .createTemplate = self { return TemplateRules.field(forServer: server, message: message) }
        return server
    }

    /// The audit log's operation name.
    public var kind: String {
        switch self {
        case .setMaxChannels: return "set-max-channels"
        case .addFunds: return "add-funds"
        case .requestRefund: return "refund"
        case .submitPartnerChange: return "partner-change"
        case .confirmPaymentMethod: return "payment-method"
        case .withdrawPartnerChange: return "withdraw-partner-change"
        case .approvePartnerChange: return "approve-partner-change"
        case .setAutoApprove: return "set-auto-approve"
        case .setPermissions: return "set-permissions"
        case .addUser: return "add-user"
        case .createTemplate: return "create-template"
        case .deleteTemplate: return "delete-template"
        case .generateAPIKey: return "generate-api-key"
        }
    }

    /// What it acts on, for the audit log and the one-open-operation rule.
    public var target: String {
        switch self {
        case .setMaxChannels(let id, _, _): return "client \(id)"
        case .addFunds(let id, _), .requestRefund(let id, _): return "channel \(id)"
        case .submitPartnerChange(_, let waba, _, _, _): return "waba \(waba)"
        case .confirmPaymentMethod(_, let id), .withdrawPartnerChange(_, let id), .approvePartnerChange(let id): return "partner change request \(id)"
        case .setAutoApprove: return "partner settings"
        case .setPermissions(let id, _): return "client \(id)"
        case .addUser(_, let email, _): return "user \(email)"
        case .createTemplate(let waba, let draft): return "template \(draft.name) on waba \(waba)"
        case .deleteTemplate(let waba, _, let name): return "template \(name) on waba \(waba)"
        case .generateAPIKey(let id): return "channel \(id)"
        }
    }

    /// One line with IDs only; `summary(_:)` names people (MutationNames.swift).
    public var summary: String { summary(.ids) }
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
