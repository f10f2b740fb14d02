import Foundation
import HubCore

/// One line of eighth-height marks (`_.-=+*#` under LANG=C) for a few numbers.
enum Sparkline {
    static func marks(_ values: [Int64], unicode: Bool) -> String {
        let glyphs: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "=", "+", "*", "#", "#"]
        guard let lo = values.min(), let hi = values.max() else { return "" }
        let span = max(1, hi - lo)
        return String(values.map { glyphs[Int((Double($0 - lo) / Double(span) * 7).rounded())] })
    }

    /// "▇▆▆▄▃ 55.00 → 50.00 EUR (6 readings)": the number's balance from just after its latest
    /// payment to now, the readings as they came (not evenly spaced in time); nil under two.
    static func balance(_ h: BalanceHistory, unicode: Bool) -> String? {
        guard h.points.count >= 2, let first = h.points.first, let last = h.points.last else { return nil }
        let arrow = unicode ? "→" : "->"
        return "\(marks(h.points.map(\.balance.minorUnits), unicode: unicode)) \(first.balance.amountString) \(arrow) \(last.balance.description) (\(h.points.count) readings)"
    }
}
