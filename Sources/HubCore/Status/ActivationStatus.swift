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
    /// Pending; rejected/denied -> Rejected; absent (the object or its status) -> Unknown, which
    /// asks nothing of the client; unknown value -> Unknown (value).
    static func messageOnBehalf(_ c: Channel) -> ActivationStatus {
        guard let status = c.wabaAccount?.onBehalfOfBusinessInfo?.status else { return .notReported }
        switch status {
        case .approved: return .done
        case .submitted: return .pending
        case .rejected, .denied: return .rejected
        case .unknown(let raw): return .unknown(raw)
        }
    }

    /// `waba_account.fb_account_status`: verified -> Verified; pending -> Pending;
    /// pending_need_more_info -> Meta needs more information and pending_submission -> Not
    /// submitted (both the client's to do); rejected, failed -> Rejected; not_verified ->
    /// Not verified; absent -> Unknown (asks nothing of the client).
    static func metaBusinessVerification(_ c: Channel) -> ActivationStatus {
        guard let status = c.wabaAccount?.fbAccountStatus else { return .notReported }
        switch status {
        case .verified: return .done
        case .pending: return .pending
        // Waiting for the client, not for Meta: an action (reference §11).
        case .pendingNeedMoreInfo: return .needsMoreInformation
        case .pendingSubmission: return .notSubmitted
        case .rejected, .failed: return .rejected
        case .notVerified: return .notVerified
        case .unknown(let raw): return .unknown(raw)
        }
    }

    /// Not registered when `hub_status` is unregistered (it wins, C13); registered when `integration.state` is running, `account_mode` is live, a Classic
    /// channel is `ready` or `hub_status` is live/done; Deregistered when `terminated_at` is
    /// set; Not registered when `hub_status` is unregistered, a Classic channel is `created`
    /// ("the number wasn't registered"), or an Embedded one has no `app_id`; Pending otherwise.
    static func numberRegistration(_ c: Channel) -> ActivationStatus {
        let classic = c.signupVersion.isClassic
        // hub_status "indicates the current status of the account" (C13): it wins here as on the card.
        if c.hubStatus == .unregistered { return .notStarted }
        if c.integration?.isRunning == true || c.accountMode == .live || (classic && c.status == .ready)
            || c.hubStatus == .live || c.hubStatus == .done { return .done }
        if c.isTerminated { return .deregistered }
        if classic { return c.status == .created ? .notStarted : .pending }
        if c.appId == nil { return .notStarted }
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
    /// Meta business verification waits for more information from the client.
    case needsMoreInformation
    /// Meta business verification was started and not submitted by the client.
    case notSubmitted
    /// The API did not say (the object or field is absent): shown as Unknown, never an action.
    case notReported
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
        case (.needsMoreInformation, _): return "Meta needs more information"
        case (.notSubmitted, _): return "Not submitted"
        case (.notReported, _): return "Unknown"
        case (.unknown(let raw), _): return "Unknown (\(raw))"
        }
    }

    /// One glyph for a card: ✓ done, … pending, ✗ needs the client, – not applicable.
    public var glyph: String {
        switch self {
        case .done: return "✓"
        case .pending: return "…"
        case .rejected, .notVerified, .needsMoreInformation, .notSubmitted: return "✗"
        case .notStarted: return "○"
        case .deregistered: return "–"
        case .notReported, .unknown: return "?"
        }
    }

    public var asciiGlyph: String {
        switch self {
        case .done: return "+"
        case .pending: return "~"
        case .rejected, .notVerified, .needsMoreInformation, .notSubmitted: return "x"
        case .notStarted: return "o"
        case .deregistered: return "-"
        case .notReported, .unknown: return "?"
        }
    }

    /// The client has something to do.
    public var needsAction: Bool {
        switch self {
        case .rejected, .notVerified, .notStarted, .needsMoreInformation, .notSubmitted: return true
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
