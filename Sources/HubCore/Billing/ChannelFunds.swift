import Foundation

/// One number's pre-payment funds (modeled `GET /partners/{pid}/channels/{id}/funds`): the
/// balance, what was used since the latest payment, the payments with what each has left, and
/// the refunds of the number. Everything a refund plan needs, so the app previews exactly what
/// the server will do.
public struct ChannelFunds: Codable, Hashable, Sendable {
    public var channelId: String
    public var prePayment: Bool
    /// The number's own balance (nil: not on pre-payment).
    public var balance: Money?
    /// Billable conversation cost since the latest payment.
    public var usageSinceLatestPayment: Money?
    public var billableConversationsSinceLatestPayment: Int?
    /// Newest first.
    public var payments: [Payment]
    /// Newest first, in flight and done.
    public var refunds: [Refund]

    public init(channelId: String, prePayment: Bool, balance: Money?, usageSinceLatestPayment: Money?,
                billableConversationsSinceLatestPayment: Int?, payments: [Payment], refunds: [Refund]) {
        self.channelId = channelId
        self.prePayment = prePayment
        self.balance = balance
        self.usageSinceLatestPayment = usageSinceLatestPayment
        self.billableConversationsSinceLatestPayment = billableConversationsSinceLatestPayment
        self.payments = payments
        self.refunds = refunds
    }

    /// The refund still processing (C7f: it completes 48 to 72 hours after the request).
    public var pendingRefund: Refund? { refunds.first { $0.status == .processing } }

    /// The planner's input; nil when the number has no balance (not on pre-payment).
    public var refundInput: RefundInput? {
        guard let balance else { return nil }
        return RefundInput(payments: payments, billableUsageSinceLatestPayment: usageSinceLatestPayment ?? .zero(balance.currency),
                           balance: balance, prePaymentEnabled: prePayment, refundInFlight: pendingRefund)
    }

    /// What a refund now would do (C7d).
    public var refundDecision: RefundDecision {
        guard let input = refundInput else { return .notRefundable(.notPrePayment) }
        return RefundPlanner.plan(input)
    }

    /// The funds actions of this number (C7a), none while a refund is in flight.
    public var actions: [FundsAction] {
        pendingRefund == nil ? FundsAction.available(balance: balance, prePaymentEnabled: prePayment) : []
    }
}
