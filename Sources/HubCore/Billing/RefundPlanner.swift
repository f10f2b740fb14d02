import Foundation

/// What the refund planner needs to know about one number (C7).
public struct RefundInput: Hashable, Sendable {
    /// Newest first.
    public var payments: [Payment]
    /// Billable conversation cost since the latest payment.
    public var billableUsageSinceLatestPayment: Money
    public var balance: Money
    public var prePaymentEnabled: Bool

    public init(payments: [Payment], billableUsageSinceLatestPayment: Money, balance: Money, prePaymentEnabled: Bool) {
        self.payments = payments
        self.billableUsageSinceLatestPayment = billableUsageSinceLatestPayment
        self.balance = balance
        self.prePaymentEnabled = prePaymentEnabled
    }
}

public struct RefundPlan: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var paymentId: String
        public var invoiceId: String
        /// Refunded from the credited part of the payment.
        public var principal: Money
        /// Refunded processing fee (only ever on the latest payment).
        public var fee: Money
        /// True when the whole payment, fee included, goes back.
        public var isFull: Bool

        public var total: Money { principal + fee }
    }

    public struct CreditNote: Hashable, Sendable {
        public var invoiceId: String
        public var amount: Money
    }

    public var lines: [Line]
    public var feeIncluded: Bool
    public var creditNote: CreditNote
    public var total: Money
    /// Balance that no payment accounts for (credits, adjustments): not refundable here.
    public var unrefundableRemainder: Money
}

public enum NotRefundable: Hashable, Sendable, CustomStringConvertible {
    case notPrePayment
    case zeroBalance
    /// The balance is below 0: the action is Add funds instead (C7a).
    case negativeBalance(Money)
    case noPayments
    case mixedCurrencies([String])

    public var description: String {
        switch self {
        case .notPrePayment: return "The number is not enabled for pre-payment."
        case .zeroBalance: return "The balance is 0: there is nothing to refund."
        case .negativeBalance(let m): return "The balance is \(m): add funds instead."
        case .noPayments: return "There is no payment to refund from."
        case .mixedCurrencies(let codes): return "Payments and balance are in several currencies (\(codes.joined(separator: ", "))); ask support."
        }
    }
}

public enum RefundDecision: Hashable, Sendable {
    case refundable(RefundPlan)
    case notRefundable(NotRefundable)
}

/// Plans a refund by the rules of C7d: from the most recent payment backwards; the processing
/// fee only when there was no billable conversation after the latest payment; one credit note
/// for the last paid invoice.
public enum RefundPlanner {
    public static func plan(_ input: RefundInput) -> RefundDecision {
        guard input.prePaymentEnabled else { return .notRefundable(.notPrePayment) }
        let codes = Set([input.balance.currency.code, input.billableUsageSinceLatestPayment.currency.code]
                        + input.payments.flatMap { [$0.amount.currency.code, $0.processingFee.currency.code] })
        guard codes.count == 1 else { return .notRefundable(.mixedCurrencies(codes.sorted())) }
        if input.balance.isNegative { return .notRefundable(.negativeBalance(input.balance)) }
        if input.balance.isZero { return .notRefundable(.zeroBalance) }
        guard let latest = input.payments.first else { return .notRefundable(.noPayments) }

        let currency = input.balance.currency
        // The fee goes back only when nothing billable happened since the latest payment, which
        // also means its whole credited amount is still on the balance.
        let feeIncluded = input.billableUsageSinceLatestPayment.isZero
            && latest.processingFee.isPositive
            && input.balance >= latest.credited

        var remaining = input.balance
        var lines: [RefundPlan.Line] = []
        for (index, payment) in input.payments.enumerated() where remaining.isPositive {
            let principal = Money.min(remaining, payment.credited)
            guard principal.isPositive else { continue }
            remaining = remaining - principal
            let fee = index == 0 && feeIncluded ? payment.processingFee : .zero(currency)
            let isFull = principal == payment.credited && (payment.processingFee.isZero || fee == payment.processingFee)
            lines.append(.init(paymentId: payment.id, invoiceId: payment.invoiceId, principal: principal, fee: fee, isFull: isFull))
        }
        guard !lines.isEmpty else { return .notRefundable(.noPayments) }
        let total = lines.reduce(Money.zero(currency)) { $0 + $1.total }
        return .refundable(RefundPlan(
            lines: lines,
            feeIncluded: feeIncluded,
            creditNote: .init(invoiceId: latest.invoiceId, amount: total),
            total: total,
            unrefundableRemainder: remaining))
    }
}

/// The funds actions a card offers (C7a): Refund when the balance is above 0 and the number
/// is on pre-payment; Add funds when the balance is below 0.
public enum FundsAction: String, Hashable, Sendable, CaseIterable {
    case refund
    case addFunds

    public var label: String { self == .refund ? "Refund account funds" : "Add funds" }

    public static func available(balance: Money?, prePaymentEnabled: Bool) -> [FundsAction] {
        guard let balance else { return [] }
        if balance.isNegative { return [.addFunds] }
        if balance.isPositive && prePaymentEnabled { return [.refund] }
        return []
    }
}
