// The Partner API's enums (reference/partner-api.md §11). Every one is open: a value the
// API adds later decodes as `.unknown(raw)` and encodes back unchanged.

/// Channel `status` (Classic Signup meaning, reference §11 and seed C14).
public enum ChannelStatus: OpenEnum {
    case created, unverified, verified, ready, modified, imported, newNameRequested
    case certificateDeclined, consentsSigned, error, portingReady, readyForMigration
    case waitingForMigrationCode, migrationCodeRequested, submitted, running
    case unknown(String)

    public static let knownCases: [ChannelStatus] = [
        .created, .unverified, .verified, .ready, .modified, .imported, .newNameRequested,
        .certificateDeclined, .consentsSigned, .error, .portingReady, .readyForMigration,
        .waitingForMigrationCode, .migrationCodeRequested, .submitted, .running,
    ]

    public var rawValue: String {
        switch self {
        case .created: return "created"
        case .unverified: return "unverified"
        case .verified: return "verified"
        case .ready: return "ready"
        case .modified: return "modified"
        case .imported: return "imported"
        case .newNameRequested: return "new_name_requested"
        case .certificateDeclined: return "certificate_declined"
        case .consentsSigned: return "consents_signed"
        case .error: return "error"
        case .portingReady: return "porting_ready"
        case .readyForMigration: return "ready_for_migration"
        case .waitingForMigrationCode: return "waiting_for_migration_code"
        case .migrationCodeRequested: return "migration_code_requested"
        case .submitted: return "submitted"
        case .running: return "running"
        case .unknown(let raw): return raw
        }
    }
}

/// `hub_status` as the seed lists it (C13). Not seen in public API sources: optional everywhere.
public enum HubStatus: OpenEnum {
    case live, sandbox, pendingDeletion, draft, unregistered, done, pending
    case unknown(String)

    public static let knownCases: [HubStatus] = [.live, .sandbox, .pendingDeletion, .draft, .unregistered, .done, .pending]

    public var rawValue: String {
        switch self {
        case .live: return "live"
        case .sandbox: return "sandbox"
        case .pendingDeletion: return "pending_deletion"
        case .draft: return "draft"
        case .unregistered: return "unregistered"
        case .done: return "done"
        case .pending: return "pending"
        case .unknown(let raw): return raw
        }
    }
}

public enum AccountMode: OpenEnum {
    case sandbox, live
    case unknown(String)

    public static let knownCases: [AccountMode] = [.sandbox, .live]

    public var rawValue: String {
        switch self {
        case .sandbox: return "sandbox"
        case .live: return "live"
        case .unknown(let raw): return raw
        }
    }
}

/// Meta business verification, `waba_account.fb_account_status`.
public enum FBAccountStatus: OpenEnum {
    case verified, notVerified, rejected, pendingSubmission, failed, pending, pendingNeedMoreInfo
    case unknown(String)

    public static let knownCases: [FBAccountStatus] = [.verified, .notVerified, .rejected, .pendingSubmission, .failed, .pending, .pendingNeedMoreInfo]

    public var rawValue: String {
        switch self {
        case .verified: return "verified"
        case .notVerified: return "not_verified"
        case .rejected: return "rejected"
        case .pendingSubmission: return "pending_submission"
        case .failed: return "failed"
        case .pending: return "pending"
        case .pendingNeedMoreInfo: return "pending_need_more_info"
        case .unknown(let raw): return raw
        }
    }
}

/// Message on behalf, `waba_account.on_behalf_of_business_info.status`.
public enum OBOStatus: OpenEnum {
    case submitted, approved, rejected, denied
    case unknown(String)

    public static let knownCases: [OBOStatus] = [.submitted, .approved, .rejected, .denied]

    public var rawValue: String {
        switch self {
        case .submitted: return "submitted"
        case .approved: return "approved"
        case .rejected: return "rejected"
        case .denied: return "denied"
        case .unknown(let raw): return raw
        }
    }
}

/// WABA account `status` (V2).
public enum WabaStatus: OpenEnum {
    case created, consentsPending, unverified, pending, approved, imported, sandbox, verificationFailed
    case accountViolation, accountRestriction, accountBanned, modified, error, bspRemoved
    case unknown(String)

    public static let knownCases: [WabaStatus] = [
        .created, .consentsPending, .unverified, .pending, .approved, .imported, .sandbox, .verificationFailed,
        .accountViolation, .accountRestriction, .accountBanned, .modified, .error, .bspRemoved,
    ]

    public var rawValue: String {
        switch self {
        case .created: return "created"
        case .consentsPending: return "consents_pending"
        case .unverified: return "unverified"
        case .pending: return "pending"
        case .approved: return "approved"
        case .imported: return "imported"
        case .sandbox: return "sandbox"
        case .verificationFailed: return "verification_failed"
        case .accountViolation: return "account_violation"
        case .accountRestriction: return "account_restriction"
        case .accountBanned: return "account_banned"
        case .modified: return "modified"
        case .error: return "error"
        case .bspRemoved: return "bsp_removed"
        case .unknown(let raw): return raw
        }
    }

    /// Meta has restricted or banned the account: a violation an agent must see.
    public var isViolation: Bool { self == .accountViolation || self == .accountRestriction || self == .accountBanned }
}

public enum TemplateStatus: OpenEnum {
    case created, submitted, pending, approved, rejected, paused, disabled
    case unknown(String)

    public static let knownCases: [TemplateStatus] = [.created, .submitted, .pending, .approved, .rejected, .paused, .disabled]

    public var rawValue: String {
        switch self {
        case .created: return "created"
        case .submitted: return "submitted"
        case .pending: return "pending"
        case .approved: return "approved"
        case .rejected: return "rejected"
        case .paused: return "paused"
        case .disabled: return "disabled"
        case .unknown(let raw): return raw
        }
    }
}

public enum TemplateCategory: OpenEnum {
    case marketing, utility, authentication
    case unknown(String)

    public static let knownCases: [TemplateCategory] = [.marketing, .utility, .authentication]

    public var rawValue: String {
        switch self {
        case .marketing: return "MARKETING"
        case .utility: return "UTILITY"
        case .authentication: return "AUTHENTICATION"
        case .unknown(let raw): return raw
        }
    }
}

public enum PartnerChangeRequestStatus: OpenEnum {
    case created, pending, completed, failed
    /// Modeled (sandbox): the client withdrew it before the destination decided.
    case withdrawn
    case unknown(String)

    public static let knownCases: [PartnerChangeRequestStatus] = [.created, .pending, .completed, .failed, .withdrawn]

    public var rawValue: String {
        switch self {
        case .created: return "created"
        case .pending: return "pending"
        case .completed: return "completed"
        case .failed: return "failed"
        case .withdrawn: return "withdrawn"
        case .unknown(let raw): return raw
        }
    }
}

public enum ClientStatus: OpenEnum {
    case active
    case unknown(String)

    public static let knownCases: [ClientStatus] = [.active]

    public var rawValue: String {
        switch self {
        case .active: return "active"
        case .unknown(let raw): return raw
        }
    }
}

/// `current_quality_rating` (Meta's values; 360dialog casing unverified, so compare uppercased).
public enum QualityRating: OpenEnum {
    case green, yellow, red, unknownRating
    case unknown(String)

    public static let knownCases: [QualityRating] = [.green, .yellow, .red, .unknownRating]

    public var rawValue: String {
        switch self {
        case .green: return "GREEN"
        case .yellow: return "YELLOW"
        case .red: return "RED"
        case .unknownRating: return "UNKNOWN"
        case .unknown(let raw): return raw
        }
    }

    public init(rawValue: String) {
        self = Self.knownCases.first { $0.rawValue == rawValue.uppercased() } ?? .unknown(rawValue)
    }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
}

/// Client payment model (reference §14). Not a documented API field: modeled, optional.
public enum PaymentModel: OpenEnum {
    case direct, partner
    case unknown(String)

    public static let knownCases: [PaymentModel] = [.direct, .partner]

    public var rawValue: String {
        switch self {
        case .direct: return "direct"
        case .partner: return "partner"
        case .unknown(let raw): return raw
        }
    }
}
