import Foundation

/// What a card says about a channel (seed C13, C14).
public enum Lifecycle: Hashable, Sendable {
    case live
    case sandbox
    /// Not live yet; the associated actions are what blocks it, most urgent first.
    case pending([RequiredAction])
    case draft
    case unregistered
    case pendingDeletion
    case error(String?)
    /// A Classic Signup (version 1) channel on its way to `ready`.
    case classic(ChannelStatus)
    /// The fields the rules read are missing (a Classic channel without a `status`).
    case unknown

    /// The badge text, in the Hub's words.
    public var label: String {
        switch self {
        case .live: return "Live"
        case .sandbox: return "Sandbox"
        case .pending: return "Pending"
        case .draft: return "Draft"
        case .unregistered: return "Unregistered"
        case .pendingDeletion: return "Pending deletion"
        case .error: return "Error"
        case .classic(let s): return ClassicSignup.label(s)
        case .unknown: return "Unknown"
        }
    }

    /// A short form that fits a narrow card.
    public var shortLabel: String {
        switch self {
        case .pendingDeletion: return "Deleting"
        case .unregistered: return "Unreg."
        case .classic(let s): return ClassicSignup.shortLabel(s)
        default: return label
        }
    }

    /// Ordering for "needs action first" and "status" sorts: what needs an agent comes first.
    public var urgency: Int {
        switch self {
        case .error: return 0
        case .pending: return 1
        case .classic(let s): return s == .certificateDeclined ? 0 : 2
        case .unregistered: return 3
        case .draft: return 4
        case .pendingDeletion: return 5
        case .sandbox: return 6
        case .unknown: return 5
        case .live: return 7
        }
    }

    public var kind: Kind {
        switch self {
        case .live: return .live
        case .sandbox: return .sandbox
        case .pending: return .pending
        case .draft: return .draft
        case .unregistered: return .unregistered
        case .pendingDeletion: return .pendingDeletion
        case .error: return .error
        case .classic: return .classic
        case .unknown: return .unknown
        }
    }

    /// The case without its payload, for comparisons and change detection.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case live, sandbox, pending, draft, unregistered, pendingDeletion, error, classic, unknown
    }
}

enum ClassicSignup {
    static func label(_ s: ChannelStatus) -> String {
        switch s {
        case .created: return "Created"
        // "unverified: the account was not approved in the Commerce Policy review" (C14).
        case .unverified: return "Not approved (Commerce Policy review)"
        case .verified: return "Verified"
        case .certificateDeclined: return "Name declined"
        case .newNameRequested: return "Name change"
        default: return s.rawValue.replacingOccurrences(of: "_", with: " ").capitalized
        }
    }

    static func shortLabel(_ s: ChannelStatus) -> String {
        switch s {
        case .certificateDeclined: return "Declined"
        case .newNameRequested: return "Renaming"
        case .unverified: return "Not approved"
        default: return label(s)
        }
    }
}

/// Which rule of the seed decided a channel's card state (C13, C14; `004_7da0d63ea4302874.txt`).
/// The details pane names it, and the tests check it, so "why is this number Draft?" has an answer.
public enum StatusRule: String, Hashable, Sendable, CaseIterable {
    /// "hub_status indicates the current status of the account": present and known, it wins.
    case hubStatus
    /// Version 2: "A channel is live and running if the account mode is live."
    case embeddedLive
    /// "if terminated_at exists = channel is pending deletion"
    case terminated
    /// "if app_id exists = channel was not terminated": not live yet, so what blocks it.
    case embeddedNotLive
    /// "if app_id and terminated_at do not exist = channel is in draft"
    case embeddedDraft
    /// Version 1: "A channel is live and running if the status is ready", other values per the seed.
    case classicStatus

    /// One line for the details pane.
    public var explanation: String {
        switch self {
        case .hubStatus: return "hub_status"
        case .embeddedLive: return "account_mode live (v2)"
        case .terminated: return "terminated_at set"
        case .embeddedNotLive: return "app_id set, not live (v2)"
        case .embeddedDraft: return "no app_id or terminated_at"
        case .classicStatus: return "status (Classic Signup)"
        }
    }
}

/// How a channel's signup version was known: from `version`, or judged from its fields.
public enum SignupVersion: Hashable, Sendable {
    case classic(inferred: Bool)
    case embedded(inferred: Bool)

    public var isClassic: Bool { if case .classic = self { return true } else { return false } }
}

extension Lifecycle {
    /// C15: an unregistered number, or one in error, is reconnected by 360dialog support only.
    public var needsSupportTicket: Bool {
        switch self {
        case .error, .unregistered: return true
        default: return false
        }
    }
}

extension Channel {
    /// Version 1 = Classic Signup, 2 = Embedded Signup (C14). Without a (known) version the
    /// channel is judged by what it has: `account_mode` is the decisive field of version 2, so
    /// a channel with one is Embedded; one with only a `status` is Classic; one with neither is
    /// Embedded (then draft or pending by its `app_id`).
    public var signupVersion: SignupVersion {
        switch version {
        case 1?: return .classic(inferred: false)
        case 2?: return .embedded(inferred: false)
        default:
            if accountMode != nil { return .embedded(inferred: true) }
            if status != nil { return .classic(inferred: true) }
            return .embedded(inferred: true)
        }
    }

    /// The card state of a channel (see `statusDecision` for the rules).
    public func lifecycle(balance: Money? = nil, directPayment: Bool = false) -> Lifecycle {
        statusDecision(balance: balance, directPayment: directPayment).lifecycle
    }

    /// `lifecycle() == .live`, without working out what a pending number is waiting for (the
    /// same first matches as `statusDecision`; a test holds the two together).
    public var isLive: Bool {
        switch hubStatus {
        case .live?, .done?: return true
        case nil, .unknown?: break
        case _?: return false
        }
        if signupVersion.isClassic { return status == .ready }
        return accountMode == .live
    }

    /// The card state and the rule that decided it, exactly as the seed says (C13, C14), first
    /// match wins:
    /// 1. `hub_status` present and known -> that status (`done`, a finished Classic Signup, is
    ///    Live; `pending` is Pending with its blockers). An unknown value falls through.
    /// 2. Version 2 (Embedded Signup): `account_mode` live -> Live (`status` ignored); then
    ///    `terminated_at` present -> Pending deletion; then `app_id` present (at the top level or
    ///    under `integration`) -> not terminated: `setup_info.error` -> Error, `account_mode`
    ///    sandbox -> Sandbox, else Pending with what blocks it; neither -> Draft.
    /// 3. Version 1 (Classic Signup): `status` ready -> Live; then `terminated_at` -> Pending
    ///    deletion; `error` -> Error; created, unverified, verified, certificate_declined,
    ///    new_name_requested and any other value -> that Classic state; no status -> Unknown.
    public func statusDecision(balance: Money? = nil, directPayment: Bool = false) -> (lifecycle: Lifecycle, rule: StatusRule) {
        if let hub = hubStatus {
            switch hub {
            case .live, .done: return (.live, .hubStatus)
            case .sandbox: return (.sandbox, .hubStatus)
            case .pendingDeletion: return (.pendingDeletion, .hubStatus)
            case .draft: return (.draft, .hubStatus)
            case .unregistered: return (.unregistered, .hubStatus)
            case .pending: return (.pending(requiredActions(balance: balance, directPayment: directPayment)), .hubStatus)
            case .unknown: break
            }
        }
        if signupVersion.isClassic {
            if status == .ready { return (.live, .classicStatus) }
            if isTerminated { return (.pendingDeletion, .terminated) }
            switch status {
            case .error?: return (.error(setupInfo?.error.nonEmpty), .classicStatus)
            case let s?: return (.classic(s), .classicStatus)
            case nil: return (.unknown, .classicStatus)
            }
        }
        if accountMode == .live { return (.live, .embeddedLive) }
        if isTerminated { return (.pendingDeletion, .terminated) }
        guard appId != nil else { return (.draft, .embeddedDraft) }
        if let message = setupInfo?.error.nonEmpty { return (.error(message), .embeddedNotLive) }
        if accountMode == .sandbox { return (.sandbox, .embeddedNotLive) }
        return (.pending(requiredActions(balance: balance, directPayment: directPayment)), .embeddedNotLive)
    }

    /// The "immediate actions required from the client" (C1), in the order an agent works
    /// through them. A channel pending deletion needs nothing.
    public func requiredActions(balance: Money? = nil, directPayment: Bool = false) -> [RequiredAction] {
        // Being deleted: nothing is asked of the client (`hub_status` or `terminated_at`).
        if isTerminated || hubStatus == .pendingDeletion { return [] }
        var out: [RequiredAction] = []
        let statuses = ActivationStatuses(channel: self)
        if statuses.metaBusinessVerification.needsAction { out.append(.metaBusinessVerification) }
        if statuses.messageOnBehalf.needsAction { out.append(.messageOnBehalf) }
        if statuses.numberRegistration.needsAction { out.append(.numberRegistration) }
        if displayNameNeedsAction { out.append(.displayName) }
        if directPayment, let balance, balance.isNegative { out.append(.payment) }
        return out
    }

    public var displayNameNeedsAction: Bool {
        if signupVersion.isClassic, status == .certificateDeclined { return true }
        switch setupInfo?.newNameStatus?.uppercased() {
        case "DECLINED"?, "EXPIRED"?, "REJECTED"?: return true
        default: return false
        }
    }
}

/// One immediate action required from the client.
public enum RequiredAction: String, Hashable, Sendable, Codable, CaseIterable {
    case metaBusinessVerification
    case messageOnBehalf
    case numberRegistration
    case displayName
    case payment
    /// C15: "If your phone number is disconnected | uninitialized or unregistered - create a
    /// ticket with our Support Team and we will assist you to get the number reconnected."
    case supportTicket

    public var label: String {
        switch self {
        case .metaBusinessVerification: return "Meta business verification"
        case .messageOnBehalf: return "Message on behalf"
        case .numberRegistration: return "Number registration"
        case .displayName: return "Display name"
        case .payment: return "Add funds"
        case .supportTicket: return "Support ticket"
        }
    }

    /// What the agent tells the client to do.
    public var instruction: String {
        switch self {
        case .metaBusinessVerification: return "Complete Meta business verification"
        case .messageOnBehalf: return "Accept the Message on behalf request"
        case .numberRegistration: return "Register the number"
        case .displayName: return "Submit an approvable display name"
        case .payment: return "Add funds: the balance is below 0"
        case .supportTicket: return "Create a ticket with 360dialog support to get the number reconnected"
        }
    }
}
