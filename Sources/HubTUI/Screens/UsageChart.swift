import Foundation
import HubCore

/// Insights & Billing's picture (issue 29): the client's conversation cost per month for the
/// last 12 months, as bars of block characters (eighths of a cell; `#` under LANG=C), this
/// month marked as "so far". From the one balance request the live feed already makes.
enum UsageChart {
    static let height = 5
    /// 12 bars of 2 cells and a gap: fits the details pane of the smallest screen (36 inside).
    static let width = 36

    /// The chart's rows (top first), the month initials and what the bars mean; none when
    /// fewer than two months are known or the months are in different currencies (never summed
    /// or compared across currencies).
    static func lines(_ usage: [UsagePeriod], now: Date, unicode: Bool, money: (Money) -> String) -> [String] {
        let months = usage.compactMap { p in p.periodDate.map { (date: $0, period: p) } }.sorted { $0.date < $1.date }.suffix(12)
        guard months.count >= 2, let currency = months.first?.period.totalPrice.currency,
              months.allSatisfy({ $0.period.totalPrice.currency == currency }) else { return [] }
        let peak = max(1, months.map { max(0, $0.period.totalPrice.minorUnits) }.max() ?? 1)
        let thisMonth = Timestamp.format(now).prefix(7)
        let eighths = months.map { Int((Double(max(0, $0.period.totalPrice.minorUnits)) / Double(peak) * Double(height * 8)).rounded()) }
        let blocks: [Character] = unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", " ", " ", " ", "#", "#", "#", "#", "#"]
        var rows: [String] = []
        for row in 0..<height {
            let floor = (height - 1 - row) * 8
            rows.append(eighths.map { e in
                let c = blocks[min(8, max(0, e - floor))]
                // A month with any cost shows at least its base, so a quiet month is not blank.
                let shown = row == height - 1 && e > 0 && c == " " ? (unicode ? "▁" : "_") : c
                return String(repeating: String(shown), count: 2) + " "
            }.joined())
        }
        let initials = "JFMAMJJASOND".map(String.init)
        rows.append(months.map { m -> String in
            let month = Int(Timestamp.format(m.date).dropFirst(5).prefix(2)) ?? 1
            let partial = Timestamp.format(m.date).prefix(7) == thisMonth
            return initials[(month - 1) % 12] + (partial ? "* " : "  ")
        }.joined())
        if let top = months.max(by: { $0.period.totalPrice.minorUnits < $1.period.totalPrice.minorUnits }) {
            rows.append("Peak \(Timestamp.monthYear(top.date, in: utc)): \(money(top.period.totalPrice))\(conversations(top.period))")
        }
        if let last = months.last, Timestamp.format(last.date).prefix(7) == thisMonth {
            rows.append("* \(Timestamp.monthYear(last.date, in: utc)) so far: \(money(last.period.totalPrice))\(conversations(last.period))")
        }
        return rows
    }

    static func conversations(_ p: UsagePeriod) -> String {
        p.quantity.map { " (\(ProgressLine.grouped($0)) conversations)" } ?? ""
    }

    static let utc = TimeZone(identifier: "UTC") ?? .current
}
