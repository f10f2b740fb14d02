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
        }
    }

    /// The case without its payload, for comparisons and change detection.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case live, sandbox, pending, draft, unregistered, pendingDeletion, error, classic
    }
}

enum ClassicSignup {
    static func label(_ s: ChannelStatus) -> String {
        switch s {
        case .created: return "Created"
        case .unverified: return "In review"
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
        default: return label(s)
        }
    }
}

extension Channel {
    /// The card state of a channel. Rules, first match wins (each has a test):
    /// 1. `terminated_at` set -> Pending deletion (C13).
    /// 2. `hub_status` known -> that status (C13); `done` is a finished Classic Signup -> Live,
    ///    `pending` -> Pending with its blockers.
    /// 3. Neither `integration.app_id` nor `terminated_at` -> Draft (C13).
    /// 4. Version 1 (Classic Signup): `status=ready` -> Live; `error` -> Error; other -> that
    ///    Classic state (C14).
    /// 5. Embedded Signup (version 2, or no version): `account_mode=live` -> Live (C13, C14;
    ///    `status` is ignored); `setup_info.error` -> Error; `account_mode=sandbox` -> Sandbox;
    ///    otherwise Pending with what blocks it.
    public func lifecycle(balance: Money? = nil, directPayment: Bool = false) -> Lifecycle {
        if terminatedAt != nil { return .pendingDeletion }
        if let hub = hubStatus {
            switch hub {
            case .live, .done: return .live
            case .sandbox: return .sandbox
            case .pendingDeletion: return .pendingDeletion
            case .draft: return .draft
            case .unregistered: return .unregistered
            case .pending: return .pending(requiredActions(balance: balance, directPayment: directPayment))
            case .unknown: break
            }
        }
        if integration?.appId.nonEmpty == nil { return .draft }
        if version == 1 {
            switch status {
            case .ready?: return .live
            case .error?: return .error(setupInfo?.error.nonEmpty)
            case let s?: return .classic(s)
            case nil: return .classic(.created)
            }
        }
        if accountMode == .live { return .live }
        if let message = setupInfo?.error.nonEmpty { return .error(message) }
        if accountMode == .sandbox { return .sandbox }
        return .pending(requiredActions(balance: balance, directPayment: directPayment))
    }

    /// The "immediate actions required from the client" (C1), in the order an agent works
    /// through them. A channel pending deletion needs nothing.
    public func requiredActions(balance: Money? = nil, directPayment: Bool = false) -> [RequiredAction] {
        if terminatedAt != nil { return [] }
        var out: [RequiredAction] = []
        let statuses = ActivationStatuses(channel: self)
        if statuses.metaBusinessVerification.needsAction { out.append(.metaBusinessVerification) }
        if statuses.messageOnBehalf.needsAction { out.append(.messageOnBehalf) }
        if statuses.numberRegistration.needsAction { out.append(.numberRegistration) }
        if displayNameNeedsAction { out.append(.displayName) }
        if directPayment, let balance, balance.isNegative { out.append(.payment) }
        return out
    }

    var displayNameNeedsAction: Bool {
        if version == 1, status == .certificateDeclined { return true }
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

    public var label: String {
        switch self {
        case .metaBusinessVerification: return "Meta business verification"
        case .messageOnBehalf: return "Message on behalf"
        case .numberRegistration: return "Number registration"
        case .displayName: return "Display name"
        case .payment: return "Add funds"
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
        }
    }
}
