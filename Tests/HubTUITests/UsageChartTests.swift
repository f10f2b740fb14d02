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
