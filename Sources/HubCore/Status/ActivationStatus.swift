/// The three activation statuses of the CSV export and the cards (C4). The mapping from API
/// fields is written down in docs/domain.md.
public struct ActivationStatuses: Hashable, Sendable {
    public var messageOnBehalf: ActivationStatus
    public var metaBusinessVerification: ActivationStatus
    public var numberRegistration: ActivationStatus

    public init(channel: Channel) {
        messageOnBehalf = Self.messageOnBehalf(channel)
        metaBusinessVerification = Self.metaBusinessVerification(channel)
        numberRegistration = Self.numberRegistration(channel)
    }

    /// `waba_account.on_behalf_of_business_info.status`: approved -> Approved; submitted ->
    /// Pending; rejected/denied -> Rejected; absent -> Not started; unknown value -> Unknown.
    static func messageOnBehalf(_ c: Channel) -> ActivationStatus {
        guard let status = c.wabaAccount?.onBehalfOfBusinessInfo?.status else { return .notStarted }
        switch status {
        case .approved: return .done
        case .submitted: return .pending
        case .rejected, .denied: return .rejected
        case .unknown(let raw): return .unknown(raw)
        }
    }

    /// `waba_account.fb_account_status`: verified -> Verified; pending, pending_submission,
    /// pending_need_more_info -> Pending; rejected, failed -> Rejected; not_verified ->
    /// Not verified; absent -> Not started.
    static func metaBusinessVerification(_ c: Channel) -> ActivationStatus {
        guard let status = c.wabaAccount?.fbAccountStatus else { return .notStarted }
        switch status {
        case .verified: return .done
        case .pending, .pendingSubmission, .pendingNeedMoreInfo: return .pending
        case .rejected, .failed: return .rejected
        case .notVerified: return .notVerified
        case .unknown(let raw): return .unknown(raw)
        }
    }

    /// Registered when `integration.state` is running, `account_mode` is live, or a Classic
    /// channel is `ready`; Deregistered when `terminated_at` is set; Not started without an
    /// `app_id`; Pending otherwise.
    static func numberRegistration(_ c: Channel) -> ActivationStatus {
        if c.terminatedAt != nil { return .deregistered }
        if c.integration?.isRunning == true || c.accountMode == .live || (c.version == 1 && c.status == .ready) { return .done }
        if c.hubStatus == .unregistered { return .notStarted }
        if c.integration?.appId.nonEmpty == nil { return .notStarted }
        return .pending
    }
}

public enum ActivationStatus: Hashable, Sendable {
    case done
    case pending
    case rejected
    case notVerified
    case notStarted
    case deregistered
    case unknown(String)

    /// The words of the CSV and the details pane.
    public func label(for column: Column) -> String {
        switch (self, column) {
        case (.done, .messageOnBehalf): return "Approved"
        case (.done, .metaBusinessVerification): return "Verified"
        case (.done, .numberRegistration): return "Registered"
        case (.pending, _): return "Pending"
        case (.rejected, _): return "Rejected"
        case (.notVerified, _): return "Not verified"
        case (.notStarted, .numberRegistration): return "Not registered"
        case (.notStarted, _): return "Not started"
        case (.deregistered, _): return "Deregistered"
        case (.unknown(let raw), _): return "Unknown (\(raw))"
        }
    }

    /// One glyph for a card: ✓ done, … pending, ✗ needs the client, – not applicable.
    public var glyph: String {
        switch self {
        case .done: return "✓"
        case .pending: return "…"
        case .rejected, .notVerified: return "✗"
        case .notStarted: return "○"
        case .deregistered: return "–"
        case .unknown: return "?"
        }
    }

    public var asciiGlyph: String {
        switch self {
        case .done: return "+"
        case .pending: return "~"
        case .rejected, .notVerified: return "x"
        case .notStarted: return "o"
        case .deregistered: return "-"
        case .unknown: return "?"
        }
    }

    /// The client has something to do.
    public var needsAction: Bool {
        switch self {
        case .rejected, .notVerified, .notStarted: return true
        default: return false
        }
    }

    public enum Column: String, CaseIterable, Sendable {
        case messageOnBehalf = "Message on behalf"
        case metaBusinessVerification = "Meta business verification"
        case numberRegistration = "Number registration"

        public var short: String {
            switch self {
            case .messageOnBehalf: return "OBO"
            case .metaBusinessVerification: return "MBV"
            case .numberRegistration: return "REG"
            }
        }
    }
}
