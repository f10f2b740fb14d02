import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 29: the client's conversation cost by month in Insights & Billing: 12 months of bars,
/// this month marked as so far; block eighths, `#` under LANG=C; nothing across currencies.
@Suite struct UsageChartTests {
    /// Twelve months ending with Fixtures.now's (November 2025), a season peaking in November.
    static func year(_ currency: Currency = .eur) -> [UsagePeriod] {
        let costs: [Int64] = [4200, 3100, 3900, 4100, 4400, 4300, 3800, 3000, 4200, 5200, 6100, 1900] // Dec 2024 .. Nov 2025 (so far)
        return costs.enumerated().map { i, cost in
            let month = (11 + i) % 12 + 1, year = i == 0 ? 2024 : 2025
            let start = Date(timeIntervalSince1970: Double(Timestamp.daysFromCivil(year, month, 1)) * 86400)
            return UsagePeriod(periodDate: start, quantity: Int(cost / 8), paidQuantity: Int(cost / 8) - 20, freeQuantity: 20,
                               totalPrice: Money(minorUnits: cost, currency: currency), categories: [:])
        }
    }

    func billing(_ usage: [UsagePeriod], _ context: RenderContext = Fixtures.context, size: (Int, Int)) throws -> (AppState, CellBuffer) {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let record = try #require(s.selectedRecord)
        let client = try #require(record.channel.resolvedClientId)
        _ = reduce(&s, .balanceLoaded(clientId: client, ClientBalance(currency: .eur, balance: Money(minorUnits: 12000, currency: .eur), usage: usage)))
        _ = reduce(&s, .details(.open))
        _ = reduce(&s, .details(.setTab(.billing)))
        return (s, Screen.render(s, width: size.0, height: size.1, context: context))
    }

    @Test(arguments: [(80, 24), (120, 40)]) func chartInTheBillingTab(_ size: (Int, Int)) throws {
        let (_, frame) = try billing(Self.year(), size: size)
        Golden.check(frame, "usage-chart-\(size.0)x\(size.1)")
        #expect(frame.text.contains("Conversation cost by month"))
        #expect(frame.text.contains("Peak November 2025") || frame.text.contains("Peak October 2025"))
        #expect(frame.text.contains("* November 2025 so far: "), "this month is marked as partial")
    }

    /// The number's funds read three times: its balance since the payment as a sparkline, with
    /// the chart below (the billing tab as an agent sees it).
    @Test(arguments: [(80, 24), (120, 40)]) func balanceSinceThePayment(_ size: (Int, Int)) throws {
        var (s, _) = try billing(Self.year(), size: size)
        let id = try #require(s.selection)
        var f = Fixtures.funds(id)
        guard let start = f.balance, f.payments.isEmpty == false else { return } // the fixture's first number has funds
        for (i, spent) in [Int64(0), 150, 420].enumerated() {
            _ = reduce(&s, .tick(Fixtures.now + Double(i) * 600))
            f.balance = start - Money(minorUnits: spent, currency: start.currency)
            f.usageSinceLatestPayment = (f.usageSinceLatestPayment ?? .zero(start.currency)) + Money(minorUnits: i == 0 ? 0 : (i == 1 ? 150 : 270), currency: start.currency)
            _ = reduce(&s, .fundsLoaded(f))
        }
        let frame = Screen.render(s, width: size.0, height: size.1, context: Fixtures.context)
        Golden.check(frame, "billing-balance-history-\(size.0)x\(size.1)")
        #expect(frame.text.contains("Balance since payment"), "\(frame.text)")
    }

    @Test func barsScaleToThePeakAndFallBackToASCII() {
        let lines = UsageChart.lines(Self.year(), now: Fixtures.now, unicode: true, money: { $0.description })
        #expect(lines.count == UsageChart.height + 3)
        // October 2025 (the 11th bar) is the peak: full in every row; February is short.
        let bar = { (row: String, i: Int) -> Character in Array(row)[i * 3] }
        #expect(lines.prefix(UsageChart.height).allSatisfy { bar($0, 10) == "█" })
        #expect(bar(lines[0], 2) == " ")
        #expect(lines[UsageChart.height].hasPrefix("D  J  F  M") && lines[UsageChart.height].contains("N* "))
        let ascii = UsageChart.lines(Self.year(), now: Fixtures.now, unicode: false, money: { $0.description })
        #expect(ascii.prefix(UsageChart.height).joined().allSatisfy { $0 == "#" || $0 == " " || $0 == "_" })
        #expect(ascii.allSatisfy { $0.allSatisfy(\.isASCII) })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= max(UsageChart.width, 80) })
    }

    @Test func nothingAcrossCurrenciesOrForOneMonth() {
        var mixed = Self.year()
        mixed[3].totalPrice = Money(minorUnits: 100, currency: .usd)
        #expect(UsageChart.lines(mixed, now: Fixtures.now, unicode: true, money: { $0.description }).isEmpty)
        #expect(UsageChart.lines(Array(Self.year().suffix(1)), now: Fixtures.now, unicode: true, money: { $0.description }).isEmpty)
    }
}

/// Issue 29: the number's balance since its latest payment, from the readings actually made.
@Suite struct BalanceHistoryTests {
    static let eur = Currency.eur
    func funds(_ balance: Int64, used: Int64, paymentId: String = "p1", paidAt: Date = Fixtures.now - 86400) -> ChannelFunds {
        ChannelFunds(channelId: "c1CH", prePayment: true, balance: Money(minorUnits: balance, currency: .eur),
                     usageSinceLatestPayment: Money(minorUnits: used, currency: .eur), billableConversationsSinceLatestPayment: nil,
                     payments: [Payment(id: paymentId, invoiceId: "INV-\(paymentId)", amount: Money(minorUnits: 5500, currency: .eur),
                                        processingFee: Money(minorUnits: 500, currency: .eur), paidAt: paidAt)], refunds: [])
    }

    @Test func startsJustAfterThePaymentAndKeepsTheReadings() {
        var h = BalanceHistory()
        h.record(funds(4500, used: 500), at: Fixtures.now)
        #expect(h.points.map(\.balance.minorUnits) == [5000, 4500], "the payment's point is today's balance plus what was used since")
        h.record(funds(4500, used: 500), at: Fixtures.now + 10)
        #expect(h.points.count == 2, "the same reading again soon adds nothing")
        h.record(funds(4200, used: 800), at: Fixtures.now + 20)
        h.record(funds(4200, used: 800), at: Fixtures.now + 400)
        #expect(h.points.map(\.balance.minorUnits) == [5000, 4500, 4200, 4200])
        // A new payment starts again.
        h.record(funds(9000, used: 0, paymentId: "p2", paidAt: Fixtures.now + 500), at: Fixtures.now + 600)
        #expect(h.points.map(\.balance.minorUnits) == [9000], "the same balance 100 s after the payment adds nothing yet")
        #expect(Sparkline.balance(h, unicode: true) == nil, "one point is not a line")
        h.record(funds(9000, used: 0, paymentId: "p2", paidAt: Fixtures.now + 500), at: Fixtures.now + 900)
        #expect(h.points.map(\.balance.minorUnits) == [9000, 9000])
        let line = Sparkline.balance(h, unicode: true)
        #expect(line?.contains("90.00 → 90.00 EUR (2 readings)") == true, "\(line ?? "")")
        for i in 0..<100 { h.record(funds(9000 - Int64(i), used: Int64(i), paymentId: "p2", paidAt: Fixtures.now + 500), at: Fixtures.now + 700 + Double(i)) }
        #expect(h.points.count == BalanceHistory.limit)
    }

    @Test func sparklineMarksScaleAndFallBack() {
        #expect(Sparkline.marks([10, 5, 0], unicode: true) == "█▅▁" || Sparkline.marks([10, 5, 0], unicode: true) == "█▄▁")
        let ascii = Sparkline.marks([3, 3], unicode: false)
        #expect(ascii.allSatisfy { $0.isASCII })
    }
}
