import Foundation

/// The live overview (`O`, issue 29): how many numbers are in each state, as one stacked bar,
/// with what waits (need action, refunds in flight, partner changes) and the last hour's
/// changes; Enter on a state shows its cards. Everything is counted from what is on hand.
public struct Overview: Equatable, Sendable {
    /// The bar's segments, in this order; each number counts once (a Live number with a
    /// termination date is Pending deletion).
    public static let states: [StateFilter] = [.live, .pending, .error, .unregistered, .pendingDeletion, .draft]

    public var counts: [(state: StateFilter, count: Int)]
    /// Numbers in none of the segments (sandbox or unknown status).
    public var other: Int
    public var total: Int
    public var needAction: Int
    /// Refunds the server is processing, among the numbers whose funds were read (`fundsRead`).
    public var refundsInFlight: Int
    public var fundsRead: Int
    /// Pending partner change requests, this partner's and incoming; nil: not read yet.
    public var partnerChangesWaiting: Int?
    /// Notifications per 5 minutes over the last hour, oldest first (12 buckets).
    public var lastHour: [Int]

    public static func == (a: Overview, b: Overview) -> Bool {
        a.counts.map(\.state) == b.counts.map(\.state) && a.counts.map(\.count) == b.counts.map(\.count) && a.other == b.other
            && a.total == b.total && a.needAction == b.needAction && a.refundsInFlight == b.refundsInFlight && a.fundsRead == b.fundsRead
            && a.partnerChangesWaiting == b.partnerChangesWaiting && a.lastHour == b.lastHour
    }

    /// The segment a number counts in.
    public static func state(of r: ChannelRecord) -> StateFilter? {
        if StateFilter.pendingDeletion.matches(r) { return .pendingDeletion }
        return states.first { $0 != .pendingDeletion && $0.matches(r) }
    }
}

extension AppState {
    public var overview: Overview {
        var counts: [StateFilter: Int] = [:]
        var other = 0
        for r in records.values {
            if let s = Overview.state(of: r) { counts[s, default: 0] += 1 } else { other += 1 }
        }
        let refunds = funds.values.reduce(0) { $0 + $1.refunds.filter { $0.status == .processing }.count }
        let waiting = partnerChangeRequests.map { $0.filter { $0.status == .pending }.count }
        var hour = Array(repeating: 0, count: 12)
        for n in notifications.history {
            let age = now.timeIntervalSince(n.time)
            guard age >= 0, age < 3600 else { continue }
            hour[11 - Int(age / 300)] += 1
        }
        return Overview(counts: Overview.states.map { ($0, counts[$0] ?? 0) }, other: other, total: records.count, needAction: needsActionCount,
                        refundsInFlight: refunds, fundsRead: funds.count, partnerChangesWaiting: waiting, lastHour: hour)
    }
}
