import Foundation

/// A number's balance since its latest payment (issue 29): the points actually known, never
/// invented ones. The first is just after the payment (today's balance plus what was used
/// since, as the funds endpoint gives both), then every balance read since (each change, or
/// the same one again after a quiet while), at most `limit`.
public struct BalanceHistory: Equatable, Sendable {
    public struct Point: Equatable, Sendable {
        public var at: Date
        public var balance: Money
    }

    public static let limit = 60
    /// A reading equal to the last one is kept only this long after it (a flat line needs ends).
    public static let quiet: TimeInterval = 300

    public private(set) var paymentId: String?
    public private(set) var points: [Point] = []

    public init() {}

    /// Takes one reading of the number's funds; a new latest payment starts again.
    public mutating func record(_ f: ChannelFunds, at now: Date) {
        guard let balance = f.balance else { return }
        let latest = f.payments.max { $0.paidAt < $1.paidAt }
        if latest?.id != paymentId {
            paymentId = latest?.id
            points = []
            if let p = latest, let used = f.usageSinceLatestPayment, used.currency == balance.currency, p.paidAt < now {
                points.append(Point(at: p.paidAt, balance: balance + used))
            }
        }
        if let last = points.last, last.balance == balance, now.timeIntervalSince(last.at) < Self.quiet { return }
        guard points.last.map({ $0.balance.currency == balance.currency }) ?? true else { points = []; return }
        points.append(Point(at: now, balance: balance))
        if points.count > Self.limit { points.removeFirst(points.count - Self.limit) }
    }
}
