import Foundation

/// One kind of change, whole (issue 27): its names, how it is sent, how a lost answer is
/// reconciled, and what the screen does when it settles. Each lives in its feature's folder
/// (`SetMaxChannels` in Features/MaxChannels/ …); `Mutation` stays the stored, Codable form of
/// an intent (ledger rows written by earlier versions decode unchanged) and maps each case to
/// its command once, in `command`.
protocol MutationCommand: Sendable {
    /// The audit log's operation name.
    static var kind: String { get }
    /// What it acts on, for the audit log and the one-open-operation rule.
    var target: String { get }
    /// One line for people, names first.
    func summary(_ names: MutationNames) -> String
    /// Sends it; the answer as the audit row's outcome.
    func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String
    /// What the server says now about a request whose answer was lost. Never sends it again.
    func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Mutation.Reconciled

    /// The server keeps the key: completed after a crash with the same key (default: no).
    var resumesAfterCrash: Bool { get }
    /// Sending it twice cannot act twice (the server keeps the key, or it sets a state).
    var safeToRepeat: Bool { get }
    /// Completes later at the server: the live engine watches it closely (default: no).
    var startsSettlement: Bool { get }
    /// The WABA whose partner change wizard sent it (default: none).
    var partnerChangeWaba: String? { get }
    /// The form field a refusal is about (default: the one the error body names).
    func formField(server: String?, message: String) -> String?

    /// Shown at once when the server confirmed it, before the next poll brings it (default: nothing).
    func applyConfirmed(in state: inout AppState)
    /// What is read again once it settled, and any other step of its feature (default: none).
    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect]
    /// After success, in place of the "Done" message; nil: that message (default).
    func succeeded(in state: inout AppState) -> [Effect]?
}

extension MutationCommand {
    var resumesAfterCrash: Bool { false }
    var startsSettlement: Bool { false }
    var partnerChangeWaba: String? { nil }
    func formField(server: String?, message: String) -> String? { server }
    func applyConfirmed(in state: inout AppState) {}
    func followUps(_ outcome: MutationOutcome, in state: inout AppState) -> [Effect] { [] }
    func succeeded(in state: inout AppState) -> [Effect]? { nil }
}

extension Mutation {
    /// The command this intent is: the one place that lists them.
    var command: any MutationCommand {
        switch self {
        case let .setMaxChannels(c, p, n): return SetMaxChannels(clientId: c, partnerPayload: p, maxChannels: n)
        case let .addFunds(c, a): return AddFunds(channelId: c, amount: a)
        case let .requestRefund(c, t): return RequestRefund(channelId: c, expectedTotal: t)
        case let .submitPartnerChange(c, w, t, ids, company):
            return SubmitPartnerChange(clientId: c, wabaAccountId: w, targetPartnerId: t, channelIds: ids, company: company)
        case let .setPermissions(c, ids): return SetPermissions(clientId: c, channelIds: ids)
        case let .approvePartnerChange(id): return ApprovePartnerChange(requestId: id)
        case let .setAutoApprove(on): return SetAutoApprove(on: on)
        case let .withdrawPartnerChange(w, id): return WithdrawPartnerChange(wabaAccountId: w, requestId: id)
        case let .confirmPaymentMethod(w, id): return ConfirmPaymentMethod(wabaAccountId: w, requestId: id)
        case let .addUser(n, e, r): return AddUser(name: n, email: e, role: r)
        case let .createTemplate(w, d): return CreateTemplate(wabaAccountId: w, draft: d)
        case let .deleteTemplate(w, id, n): return DeleteTemplate(wabaAccountId: w, templateId: id, name: n)
        case let .generateAPIKey(c): return GenerateAPIKey(channelId: c)
        }
    }

    public var resumesAfterCrash: Bool { command.resumesAfterCrash }
    public var safeToRepeat: Bool { command.safeToRepeat }
    public var startsSettlement: Bool { command.startsSettlement }
    public var partnerChangeWaba: String? { command.partnerChangeWaba }
    public func formField(server: String?, message: String) -> String? { command.formField(server: server, message: message) }
    public var kind: String { type(of: command).kind }
    public var target: String { command.target }
    public func summary(_ names: MutationNames) -> String { command.summary(names) }
    /// One line with IDs only; `summary(_:)` names people.
    public var summary: String { summary(.ids) }

    public func send(_ service: any PartnerService, idempotencyKey key: String) async throws -> String {
        try await command.send(service, idempotencyKey: key)
    }

    public func reconcile(_ service: any PartnerService, idempotencyKey key: String, sentAt: Date) async throws -> Reconciled {
        try await command.reconcile(service, idempotencyKey: key, sentAt: sentAt)
    }
}
