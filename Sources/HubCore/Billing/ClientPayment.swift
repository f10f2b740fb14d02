import Foundation

/// Who pays for a client's conversations, as far as partnerhub knows (reference §14). The
/// public API has no field for it: it is the partner account's (`[connection] payment_model`),
/// unless the data says the client pays directly. A balance other than 0 is such a signal (C10:
/// "For all other clients this field will stay at the value 0"), and it is never overridden.
/// Not configured and not shown by the data is said as such, never guessed as "Partner payment".
public enum ClientPayment: Hashable, Sendable {
    case direct
    case partner
    case notConfigured

    public static func of(_ client: Client?, balance: Money?) -> ClientPayment {
        if client?.paymentModel == .direct { return .direct }
        if let balance, !balance.isZero { return .direct }
        if client?.paymentModel == .partner { return .partner }
        return .notConfigured
    }

    /// The whole sentence, for details, dialogs and flashes.
    public static let notConfiguredText = "payment model not configured (set [connection] payment_model)"

    /// One word for a table column.
    public var columnLabel: String {
        switch self {
        case .direct: return "direct"
        case .partner: return "partner"
        case .notConfigured: return "not set"
        }
    }

    /// For the details pane's "Payment" field.
    public var label: String {
        switch self {
        case .direct: return "Direct payment"
        case .partner: return "Partner payment"
        case .notConfigured: return "Not configured (set [connection] payment_model)"
        }
    }
}
