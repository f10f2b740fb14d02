import Foundation
import Testing
@testable import HubCore

/// Properties of the planner and the ledger over many generated numbers (a fixed seed, so a
/// failure is reproducible): whatever the payments, refunds so far, usage and balance are.
@Suite struct RefundPropertyTests {
    /// SplitMix64: small, seeded, the same on every machine.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1000) < p * 1000 }
    }

    func eur(_ cents: Int) -> Money { Money(minorUnits: Int64(cents), currency: .eur) }

    /// A number's funds: 0..4 payments newest first, some already partly refunded, a usage and
    /// a balance that may or may not add up (servers are not always consistent).
    func makeInput(_ rng: inout Rng) -> RefundInput {
        var payments: [Payment] = []
        for i in 0..<rng.int(0...4) {
            let credited = rng.int(1...20_000)
            let fee = rng.chance(0.6) ? rng.int(1...1_000) : 0
            var p = Payment(id: "p\(i)", invoiceId: "INV-\(i)", amount: eur(credited + fee), processingFee: eur(fee),
                            paidAt: testNow.addingTimeInterval(Double(-i) * 86400))
            if rng.chance(0.25) { p.refundedCredit = eur(rng.int(0...credited)) }
            if fee > 0, rng.chance(0.1) { p.refundedFee = eur(fee) }
            payments.append(p)
        }
        let usage = rng.chance(0.4) ? 0 : rng.int(1...5_000)
        let balance = rng.int(-2_000...60_000)
        return RefundInput(payments: payments, billableUsageSinceLatestPayment: eur(usage), balance: eur(balance), prePaymentEnabled: true)
    }

    @Test func invariantsHoldForEveryGeneratedNumber() {
        var rng = Rng(state: 20261123)
        var refundable = 0, withFee = 0
        for _ in 0..<5_000 {
            let input = makeInput(&rng)
            guard case .refundable(let plan) = RefundPlanner.plan(input) else { continue }
            refundable += 1
            let principal = plan.lines.reduce(0) { $0 + $1.principal.minorUnits }
            let available = input.payments.reduce(0) { $0 + $1.remainingCredit.minorUnits + ($1.feeRefunded ? 0 : $1.processingFee.minorUnits) }
            // Never more than the balance (credit) nor than what the payments still hold.
            #expect(principal <= input.balance.minorUnits)
            #expect(plan.total.minorUnits <= available)
            #expect(plan.total.minorUnits == principal + plan.lines.reduce(0) { $0 + $1.fee.minorUnits })
            #expect(principal + plan.unrefundableRemainder.minorUnits == input.balance.minorUnits)
            // The fee only when nothing billable happened since the latest payment, only on it.
            if plan.feeIncluded {
                withFee += 1
                #expect(input.billableUsageSinceLatestPayment.isZero)
                #expect(plan.lines.first?.paymentId == input.payments.first?.id)
            }
            #expect(plan.lines.dropFirst().allSatisfy { $0.fee.isZero })
            // Newest first (LIFO): every line but the last takes all its payment has left.
            let order = plan.lines.compactMap { l in input.payments.firstIndex { $0.id == l.paymentId } }
            #expect(order == order.sorted())
            #expect(plan.lines.dropLast().allSatisfy { $0.principal == $0.leftBefore })
            // Per payment, what is left never goes below 0.
            #expect(plan.lines.allSatisfy { !$0.principal.isNegative && $0.principal <= $0.leftBefore })
            #expect(plan.creditNote.invoiceId == input.payments.first?.invoiceId)
        }
        // The generator reaches both cases, so the properties above were really exercised.
        #expect(refundable > 1_000 && withFee > 50)
    }

    /// The ledger as the sandbox keeps it: a refund records what it took from each payment, and
    /// the next plan (after new funds and usage) never draws on those parts again.
    @Test func laterRefundsNeverDrawAgainOnRefundedParts() {
        var rng = Rng(state: 7)
        for _ in 0..<2_000 {
            var input = makeInput(&rng)
            guard case .refundable(let first) = RefundPlanner.plan(input) else { continue }
            for line in first.lines {
                guard let i = input.payments.firstIndex(where: { $0.id == line.paymentId }) else { continue }
                input.payments[i].refundedCredit = Money(minorUnits: (input.payments[i].refundedCredit?.minorUnits ?? 0) + line.principal.minorUnits, currency: .eur)
                if line.fee.isPositive { input.payments[i].refundedFee = line.fee }
            }
            let creditLeft = input.payments.reduce(0) { $0 + $1.remainingCredit.minorUnits }
            #expect(input.payments.allSatisfy { ($0.refundedCredit?.minorUnits ?? 0) <= $0.credited.minorUnits })
            // Whatever balance the number shows next, a second plan takes at most what is left.
            input.balance = eur(rng.int(1...80_000))
            input.billableUsageSinceLatestPayment = eur(rng.int(0...100))
            guard case .refundable(let second) = RefundPlanner.plan(input) else { continue }
            #expect(second.lines.reduce(0) { $0 + $1.principal.minorUnits } <= creditLeft)
            #expect(second.lines.allSatisfy { line in line.fee.isZero || input.payments.first { $0.id == line.paymentId }?.feeRefunded == false })
        }
    }

    @Test func aSecondRefundWaitsForTheFirst() {
        let r = Refund(id: "r", channelId: "c", idempotencyKey: "k", amount: eur(100), creditNoteInvoiceId: "I", status: .processing,
                       requestedAt: testNow, completesAt: testNow + 48 * 3600)
        let input = RefundInput(payments: [Payment(id: "p", invoiceId: "I", amount: eur(5000), processingFee: eur(0), paidAt: testNow)],
                                billableUsageSinceLatestPayment: eur(0), balance: eur(4000), prePaymentEnabled: true, refundInFlight: r)
        #expect(RefundPlanner.plan(input) == .notRefundable(.refundInFlight(r)))
    }

    /// Mixed currencies anywhere (payments, fee, what was refunded, usage) are refused, never summed.
    @Test func mixedCurrenciesAreRejectedWherever() {
        let usd = Money(minorUnits: 100, currency: .usd)
        var p = Payment(id: "p", invoiceId: "I", amount: eur(5000), processingFee: eur(0), paidAt: testNow)
        let cases: [RefundInput] = [
            RefundInput(payments: [p], billableUsageSinceLatestPayment: usd, balance: eur(10), prePaymentEnabled: true),
            RefundInput(payments: [p], billableUsageSinceLatestPayment: eur(0), balance: usd, prePaymentEnabled: true),
            { p.refundedCredit = usd; return RefundInput(payments: [p], billableUsageSinceLatestPayment: eur(0), balance: eur(10), prePaymentEnabled: true) }(),
        ]
        for input in cases {
            #expect(RefundPlanner.plan(input) == .notRefundable(.mixedCurrencies(["EUR", "USD"])))
        }
        #expect(Money.total([eur(1), usd], in: .eur) == nil)
        #expect(Money.total([eur(1), eur(2)], in: .eur) == eur(3))
        #expect(Money.total([Money(minorUnits: .max, currency: .eur), eur(1)], in: .eur) == nil)
    }
}

/// Add funds amounts as agents type them, against the number's currency.
@Suite struct TopUpAmountTests {
    func ok(_ text: String, _ code: String, _ units: Int64) {
        let c = Currency(code: code)!
        #expect(TopUpAmount.parse(text, currency: c) == .success(Money(minorUnits: units, currency: c)), "\(text) \(code)")
    }

    func fails(_ text: String, _ code: String, _ error: TopUpAmountError) {
        #expect(TopUpAmount.parse(text, currency: Currency(code: code)!) == .failure(error), "\(text) \(code)")
    }

    @Test func theFormsAgentsType() {
        ok("25", "EUR", 2500)
        ok("25.5", "EUR", 2550)
        ok("25,50", "EUR", 2550)
        ok("€25", "EUR", 2500)
        ok("25 EUR", "EUR", 2500)
        ok(" 25.00 eur ", "EUR", 2500)
        ok("1200", "JPY", 1200)
        ok("¥1200", "JPY", 1200)
        ok("1.250", "KWD", 1250)
        ok("10000", "EUR", 1_000_000)
    }

    @Test func whatIsRefusedAndWhy() {
        fails("", "EUR", .empty)
        fails("25.5", "JPY", .wholeUnitsOnly("JPY"))
        fails("1.2345", "KWD", .tooManyDecimals("KWD", 3))
        fails("25.555", "EUR", .tooManyDecimals("EUR", 2))
        fails("0", "EUR", .notPositive)
        fails("-5", "EUR", .notPositive)
        fails("10000.01", "EUR", .aboveLimit(FundsLimits.maxTopUp(.eur)))
        fails("99999999999999999999", "EUR", .aboveLimit(FundsLimits.maxTopUp(.eur)))
        fails("$25", "EUR", .otherCurrency("USD", "EUR"))
        fails("25 GBP", "EUR", .otherCurrency("GBP", "EUR"))
        fails("1,250.00", "EUR", .separators)
        fails("1.250,00", "EUR", .separators)
        fails("abc", "EUR", .notAnAmount)
        fails("2e3", "EUR", .notAnAmount)
        #expect(TopUpAmountError.wholeUnitsOnly("JPY").description.contains("whole"))
    }
}

@Suite struct ForeignFeeTests {
    /// A payment whose fee is in another currency (a hostile or broken server) must not trap
    /// where the details read it, and the planner refuses it.
    @Test func aFeeInAnotherCurrencyIsRefusedNotTrapped() {
        let p = Payment(id: "p", invoiceId: "I", amount: Money(minorUnits: 5500, currency: .eur), processingFee: Money(minorUnits: 500, currency: .usd),
                        paidAt: testNow, refundedCredit: Money(minorUnits: 100, currency: .usd))
        #expect(p.credited == Money(minorUnits: 5500, currency: .eur))
        _ = p.remainingCredit
        let input = RefundInput(payments: [p], billableUsageSinceLatestPayment: .zero(.eur), balance: Money(minorUnits: 1000, currency: .eur), prePaymentEnabled: true)
        #expect(RefundPlanner.plan(input) == .notRefundable(.mixedCurrencies(["EUR", "USD"])))
    }
}
