import Foundation

/// What the refund planner needs to know about one number (C7).
public struct RefundInput: Hashable, Sendable {
    /// Newest first.
    public var payments: [Payment]
    /// Billable conversation cost since the latest payment.
    public var billableUsageSinceLatestPayment: Money
    public var balance: Money
    public var prePaymentEnabled: Bool
    /// A refund of this number still processing: a second one is refused until it completes.
    public var refundInFlight: Refund?

    public init(payments: [Payment], billableUsageSinceLatestPayment: Money, balance: Money, prePaymentEnabled: Bool,
                refundInFlight: Refund? = nil) {
        self.payments = payments
        self.billableUsageSinceLatestPayment = billableUsageSinceLatestPayment
        self.balance = balance
        self.prePaymentEnabled = prePaymentEnabled
        self.refundInFlight = refundInFlight
    }
}

public struct RefundPlan: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var paymentId: String
        public var invoiceId: String
        public var paidAt: Date
        /// What the client paid, fee included.
        public var paid: Money
        /// Its credited part no earlier refund took.
        public var leftBefore: Money
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
    public var feeReason: FeeReason
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
    /// One refund at a time per number: this one completes first.
    case refundInFlight(Refund)

    public var description: String {
        switch self {
        case .notPrePayment: return "The number is not enabled for pre-payment."
        case .zeroBalance: return "The balance is 0: there is nothing to refund."
        case .negativeBalance(let m): return "The balance is \(m): add funds instead."
        case .noPayments: return "There is no payment to refund from."
        case .mixedCurrencies(let codes): return "Payments and balance are in several currencies (\(codes.joined(separator: ", "))); ask support."
        case .refundInFlight(let r): return "A refund of \(r.amount) is already processing; one refund at a time per number."
        }
    }
}

extension NotRefundable {
    /// A few words, for a greyed-out choice.
    public var short: String {
        switch self {
        case .notPrePayment: return "not on pre-payment"
        case .zeroBalance: return "balance is 0"
        case .negativeBalance: return "below 0: add funds instead"
        case .noPayments: return "no payment to refund from"
        case .mixedCurrencies: return "several currencies: ask support"
        case .refundInFlight: return "a refund is processing"
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
        let codes = Set(([input.balance.currency, input.billableUsageSinceLatestPayment.currency]
                         + input.payments.flatMap(\.currencies)).map(\.code))
        guard codes.count == 1 else { return .notRefundable(.mixedCurrencies(codes.sorted())) }
        if let pending = input.refundInFlight { return .notRefundable(.refundInFlight(pending)) }
        if input.balance.isNegative { return .notRefundable(.negativeBalance(input.balance)) }
        if input.balance.isZero { return .notRefundable(.zeroBalance) }
        guard let latest = input.payments.first else { return .notRefundable(.noPayments) }

        let currency = input.balance.currency
        let reason = FeeReason.of(latest: latest, usage: input.billableUsageSinceLatestPayment, balance: input.balance)
        let feeIncluded = reason == .noUsageSince

        var remaining = input.balance
        var lines: [RefundPlan.Line] = []
        for (index, payment) in input.payments.enumerated() where remaining.isPositive {
            let left = payment.remainingCredit
            let principal = Money.min(remaining, left)
            guard principal.isPositive else { continue }
            remaining = remaining - principal
            let fee = index == 0 && feeIncluded ? payment.processingFee : .zero(currency)
            let isFull = principal == payment.credited && (payment.processingFee.isZero || fee == payment.processingFee)
            lines.append(.init(paymentId: payment.id, invoiceId: payment.invoiceId, paidAt: payment.paidAt, paid: payment.amount,
                               leftBefore: left, principal: principal, fee: fee, isFull: isFull))
        }
        guard !lines.isEmpty else { return .notRefundable(.noPayments) }
        let total = lines.reduce(Money.zero(currency)) { $0 + $1.total }
        return .refundable(RefundPlan(
            lines: lines,
            feeIncluded: feeIncluded,
            feeReason: reason,
            creditNote: .init(invoiceId: latest.invoiceId, amount: total),
            total: total,
            unrefundableRemainder: remaining))
    }
}

/// Why the processing fee of the latest payment goes back or stays (C7d), in the agent's words.
public enum FeeReason: String, Hashable, Sendable, CustomStringConvertible {
    /// No billable conversation since the latest payment: the whole payment, fee included, goes back.
    case noUsageSince
    case usageSince
    case noFee
    case alreadyRefunded
    /// Less is left than the latest payment credited (data that does not add up): the fee stays.
    case partlyUsed

    static func of(latest: Payment, usage: Money, balance: Money) -> FeeReason {
        if latest.processingFee.isZero { return .noFee }
        if latest.feeRefunded || (latest.refundedCredit?.isPositive ?? false) { return .alreadyRefunded }
        if !usage.isZero { return .usageSince }
        return balance >= latest.credited ? .noUsageSince : .partlyUsed
    }

    public var description: String {
        switch self {
        case .noUsageSince: return "Fee included: no billable conversation since the latest payment."
        case .usageSince: return "Fee excluded: billable conversations since the latest payment."
        case .noFee: return "No processing fee on the latest payment."
        case .alreadyRefunded: return "Fee excluded: an earlier refund already drew on the latest payment."
        case .partlyUsed: return "Fee excluded: less than the latest payment is left on the balance."
        }
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
