import Foundation
import HubCore

/// The months before this one in a balance answer (issue 29): the usage chart's history.
extension SandboxEngine {
    /// A past month of a client: its conversations and cost scaled by the season and a fixed
    /// per-client wobble (seeded by the client and the month, so every run agrees).
    static func pastMonth(_ start: Date, clientId: String, conversations: Int, usage: Money, currency: Currency) -> UsagePeriod {
        let days = Int((start.timeIntervalSince1970 / 86400).rounded(.down))
        let (_, month, _) = Timestamp.civilFromDays(days)
        let season: [Int: Double] = [1: 0.85, 2: 0.7, 3: 0.9, 4: 0.95, 5: 1.0, 6: 0.95, 7: 0.85, 8: 0.7, 9: 0.95, 10: 1.1, 11: 1.35, 12: 1.5]
        var rng = SeededRandom(seed: UInt64(truncatingIfNeeded: (clientId + "\(days)").utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
        let wobble = 0.85 + Double(rng.next() % 30) / 100
        let factor = (season[month] ?? 1) * wobble
        let paid = Int((Double(conversations) * factor).rounded())
        // Per conversation as this month, or 0.08 in minor units when nothing was spent yet.
        let perConversation = usage.minorUnits > 0 ? Double(usage.minorUnits) / Double(max(1, conversations)) : 8 * pow(10, Double(currency.minorDigits - 2))
        let cost = Money(minorUnits: Int64((Double(paid) * perConversation).rounded()), currency: currency)
        let marketing = Money(minorUnits: cost.minorUnits * 3 / 5, currency: currency)
        return UsagePeriod(periodDate: start, quantity: paid + 20, paidQuantity: paid, freeQuantity: 20, totalPrice: cost,
                           categories: ["marketing": .init(quantity: paid * 3 / 5, paidQuantity: paid * 3 / 5, price: marketing),
                                        "utility": .init(quantity: paid - paid * 3 / 5, paidQuantity: paid - paid * 3 / 5, price: cost - marketing)])
    }

    static func nextMonth(_ start: Date) -> Date {
        let days = Int((start.timeIntervalSince1970 / 86400).rounded(.down))
        let (y, m, _) = Timestamp.civilFromDays(days)
        return Date(timeIntervalSince1970: Double(Timestamp.daysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1)) * 86400)
    }

    func periodStart(_ period: BalancePeriod) -> Date {
        switch period {
        case .currentMonth: return now
        case .fromMonth(let m, let y): return Date(timeIntervalSince1970: Double(Timestamp.daysFromCivil(y, m, 1)) * 86400)
        case .range(let start, _): return start
        }
    }

    static func monthStart(of date: Date) -> Date {
        let days = Int((date.timeIntervalSince1970 / 86400).rounded(.down))
        let (y, m, _) = Timestamp.civilFromDays(days)
        return Date(timeIntervalSince1970: Double(Timestamp.daysFromCivil(y, m, 1)) * 86400)
    }
}
