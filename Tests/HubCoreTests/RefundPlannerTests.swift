import Foundation
import Testing
@testable import HubCore

@Suite struct RefundPlannerTests {
    func eur(_ units: Int64) -> Money { Money(minorUnits: units * 100, currency: .eur) }

    func payment(_ id: String, _ amount: Int64, fee: Int64 = 0, daysAgo: Double = 1) -> Payment {
        Payment(id: id, invoiceId: "INV-\(id)", amount: eur(amount), processingFee: eur(fee),
                paidAt: testNow.addingTimeInterval(-daysAgo * 86400))
    }

    func plan(_ payments: [Payment], usage: Int64, balance: Int64, prePayment: Bool = true) -> RefundDecision {
        RefundPlanner.plan(RefundInput(payments: payments, billableUsageSinceLatestPayment: eur(usage),
                                       balance: eur(balance), prePaymentEnabled: prePayment))
    }

    /// C7 example 1: paid 55 (50 + 5 fee), no billable conversation since -> refund 55, fee included.
    @Test func example1FullPaymentWithFee() throws {
        guard case .refundable(let p) = plan([payment("p1", 55, fee: 5)], usage: 0, balance: 50) else { Issue.record("not refundable"); return }
        #expect(p.total == eur(55))
        #expect(p.feeIncluded)
        #expect(p.lines.count == 1)
        #expect(p.lines[0].principal == eur(50) && p.lines[0].fee == eur(5) && p.lines[0].isFull)
        #expect(p.creditNote == .init(invoiceId: "INV-p1", amount: eur(55)))
    }

    /// C7 example 2: paid 55 (50 + 5), conversations costing 5 since -> refund 45, fee excluded.
    @Test func example2RemainingBalanceWithoutFee() throws {
        guard case .refundable(let p) = plan([payment("p1", 55, fee: 5)], usage: 5, balance: 45) else { Issue.record("not refundable"); return }
        #expect(p.total == eur(45))
        #expect(!p.feeIncluded)
        #expect(p.lines.map(\.principal) == [eur(45)])
        #expect(p.lines[0].fee == eur(0))
        #expect(!p.lines[0].isFull)
        #expect(p.creditNote.invoiceId == "INV-p1")
    }

    /// C7 example 3: payments 10, 20, 30 newest first, balance 25 -> 10 in full, then 15 of the 20.
    @Test func example3MostRecentBackwards() throws {
        let payments = [payment("p10", 10, daysAgo: 1), payment("p20", 20, daysAgo: 10), payment("p30", 30, daysAgo: 20)]
        guard case .refundable(let p) = plan(payments, usage: 3, balance: 25) else { Issue.record("not refundable"); return }
        #expect(p.lines.map(\.paymentId) == ["p10", "p20"])
        #expect(p.lines.map(\.principal) == [eur(10), eur(15)])
        #expect(p.lines.map(\.isFull) == [true, false])
        #expect(p.total == eur(25))
        #expect(p.creditNote.invoiceId == "INV-p10")
        #expect(p.unrefundableRemainder == eur(0))
    }

    @Test func zeroBalanceIsNotRefundable() {
        #expect(plan([payment("p1", 55, fee: 5)], usage: 55, balance: 0) == .notRefundable(.zeroBalance))
    }

    @Test func negativeBalanceOffersAddFunds() {
        #expect(plan([payment("p1", 55, fee: 5)], usage: 60, balance: -7) == .notRefundable(.negativeBalance(eur(-7))))
        #expect(FundsAction.available(balance: eur(-7), prePaymentEnabled: true) == [.addFunds])
        #expect(FundsAction.available(balance: eur(-7), prePaymentEnabled: false) == [.addFunds])
        #expect(FundsAction.available(balance: eur(3), prePaymentEnabled: true) == [.refund])
        #expect(FundsAction.available(balance: eur(3), prePaymentEnabled: false) == [])
        #expect(FundsAction.available(balance: eur(0), prePaymentEnabled: true) == [])
        #expect(FundsAction.available(balance: nil, prePaymentEnabled: true) == [])
    }

    @Test func noPayments() {
        #expect(plan([], usage: 0, balance: 10) == .notRefundable(.noPayments))
    }

    @Test func notOnPrePayment() {
        #expect(plan([payment("p1", 55, fee: 5)], usage: 0, balance: 50, prePayment: false) == .notRefundable(.notPrePayment))
    }

    /// The fee is bigger than what is left: only the balance goes back, never the fee.
    @Test func feeBiggerThanBalance() throws {
        guard case .refundable(let p) = plan([payment("p1", 55, fee: 5)], usage: 48, balance: 2) else { Issue.record("not refundable"); return }
        #expect(p.total == eur(2))
        #expect(!p.feeIncluded)
        // Inconsistent data (no usage, yet less than the payment left): the fee still stays.
        guard case .refundable(let q) = plan([payment("p1", 55, fee: 5)], usage: 0, balance: 3) else { Issue.record("not refundable"); return }
        #expect(q.total == eur(3))
        #expect(!q.feeIncluded)
    }

    @Test func severalCurrenciesAreRefused() {
        let usd = Payment(id: "u", invoiceId: "I", amount: Money(minorUnits: 1000, currency: .usd), processingFee: .zero(.usd), paidAt: testNow)
        #expect(plan([payment("p1", 10), usd], usage: 0, balance: 5) == .notRefundable(.mixedCurrencies(["EUR", "USD"])))
    }

    @Test func balanceBeyondPaymentsLeavesARemainder() throws {
        guard case .refundable(let p) = plan([payment("p1", 10)], usage: 1, balance: 12) else { Issue.record("not refundable"); return }
        #expect(p.total == eur(10))
        #expect(p.unrefundableRemainder == eur(2))
    }

    @Test func feeOnlyOnTheLatestPayment() throws {
        let payments = [payment("new", 21, fee: 1), payment("old", 32, fee: 2)]
        guard case .refundable(let p) = plan(payments, usage: 0, balance: 40) else { Issue.record("not refundable"); return }
        #expect(p.lines.map(\.fee) == [eur(1), eur(0)])
        #expect(p.lines.map(\.principal) == [eur(20), eur(20)])
        #expect(p.total == eur(41))
    }
}
