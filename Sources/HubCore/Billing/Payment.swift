import Foundation

/// A top-up a direct-payment client made for one number. `amount` is what the client paid,
/// processing fee included (C7 example 1: 55 = 50 credited + 5 fee).
public struct Payment: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var invoiceId: String
    public var amount: Money
    public var processingFee: Money
    public var paidAt: Date
    /// The key of the Add funds request that made it (modeled), so a lost answer can be checked.
    public var idempotencyKey: String?
    /// What earlier refunds took from its credited part and from its fee (modeled): a later
    /// refund never draws on these again.
    public var refundedCredit: Money?
    public var refundedFee: Money?

    public init(id: String, invoiceId: String, amount: Money, processingFee: Money, paidAt: Date, idempotencyKey: String? = nil,
                refundedCredit: Money? = nil, refundedFee: Money? = nil) {
        self.id = id
        self.invoiceId = invoiceId
        self.amount = amount
        self.processingFee = processingFee
        self.paidAt = paidAt
        self.idempotencyKey = idempotencyKey
        self.refundedCredit = refundedCredit
        self.refundedFee = refundedFee
    }

    /// What reached the balance. A fee in another currency (a server's mistake) is not
    /// subtracted: the planner refuses such payments, and nothing may trap on them first.
    public var credited: Money {
        let fee = processingFee.currency == amount.currency ? processingFee.minorUnits : 0
        return Money(minorUnits: amount.minorUnits &- fee, currency: amount.currency)
    }

    /// The credited part no refund has taken yet (never below 0, whatever the server says).
    public var remainingCredit: Money {
        let left = credited.minorUnits - (refundedCredit?.minorUnits ?? 0)
        return Money(minorUnits: max(0, left), currency: amount.currency)
    }

    public var feeRefunded: Bool { (refundedFee?.minorUnits ?? 0) > 0 }

    /// Every currency this payment names (a payment in two currencies is refused, not summed).
    var currencies: [Currency] { [amount.currency, processingFee.currency] + [refundedCredit, refundedFee].compactMap { $0?.currency } }
}
