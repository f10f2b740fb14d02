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

    public init(id: String, invoiceId: String, amount: Money, processingFee: Money, paidAt: Date, idempotencyKey: String? = nil) {
        self.id = id
        self.invoiceId = invoiceId
        self.amount = amount
        self.processingFee = processingFee
        self.paidAt = paidAt
        self.idempotencyKey = idempotencyKey
    }

    /// What reached the balance.
    public var credited: Money { amount - processingFee }
}
