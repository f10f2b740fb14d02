import Foundation
import Testing
import HubAPI
import HubCore
import HubSandbox

/// Issue 29: the usage chart's 12 months are one balance request (the 1-per-10-s-per-client
/// budget is unchanged), one period per month, this month last; the same in process and over HTTP.
@Suite struct UsageHistoryContractTests {
    @Test(arguments: Backend.allCases) func twelveMonthsAreOneRequest(_ backend: Backend) async throws {
        try await withService(backend) { s, engine, _ in
            let now = await engine.now
            let direct = try #require(try await s.allClients().first { $0.isDirectPayment })
            let before = await engine.requests().filter { $0.operation == "balance" }.count
            let b = try await s.clientBalance(clientId: direct.id, period: .lastTwelveMonths(now: now))
            #expect(await engine.requests().filter { $0.operation == "balance" }.count - before == 1)
            let months = b.usage.compactMap(\.periodDate).map { String(Timestamp.format($0).prefix(7)) }
            #expect(months.count == 12 && months == months.sorted() && Set(months).count == 12, "\(months)")
            #expect(months.last == String(Timestamp.format(now).prefix(7)), "this month last")
            #expect(b.usage(containing: now) != nil, "this month's figures are still there for the fields above the chart")
            // A season, not a flat line: the months differ.
            #expect(Set(b.usage.map(\.totalPrice.minorUnits)).count > 6)
        }
    }

    @Test func theRangeAsksForMonths() {
        let now = Timestamp.parse("2026-12-04T10:00:00Z")!
        guard case .range(let start, let end) = BalancePeriod.lastTwelveMonths(now: now) else { Issue.record("not a range"); return }
        #expect(Timestamp.format(start).hasPrefix("2026-01-01T00:00:00") && end == now)
        let jan = Timestamp.parse("2026-01-15T10:00:00Z")!
        guard case .range(let s2, _) = BalancePeriod.lastTwelveMonths(now: jan) else { return }
        #expect(Timestamp.format(s2).hasPrefix("2025-02-01"))
    }
}
