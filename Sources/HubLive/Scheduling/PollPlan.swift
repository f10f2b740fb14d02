import Foundation
import HubCore

/// The scheduler's decisions as a value: which sources are due, when to wake next, what a
/// finished poll changes. Time is plain seconds on the scheduler's clock, handed in by the
/// caller, so every rule is tested without a clock or a sleep (PollPlanTests).
///
/// The rules (k9s/htop habits, tui-anchors §6.3): a source never overlaps itself (a due tick
/// while it is in flight is skipped, the next interval counts from its end); failures back
/// off exponentially with jitter up to a cap and recover on the first success; a source's
/// budget is never exceeded, not even by "refresh now"; a 429's Retry-After is honoured;
/// paused sources run only when the agent asks; the focused client's balance goes first.
public struct PollPlan: Sendable {
    struct Entry: Sendable {
        var policy: PollPolicy
        var nextDue: Double?
        var inFlight = false
        var failures = 0
        var lastSuccess: Double?
        var lastError: String?
        /// Retry-After from the server: nothing starts before it.
        var notBefore: Double = -.infinity
        /// Asked for by the agent: runs even while paused.
        var forced = false
    }

    /// Set when the connection is refused (credentials rejected, wrong base URL): nothing runs
    /// until the agent asks (refresh now), and the reason is what the header says.
    public private(set) var halt: String?

    var entries: [PollSource: Entry] = [:]
    /// Request starts per source, oldest first, kept after a source is dropped so that adding
    /// it back cannot overspend its budget.
    var starts: [PollSource: [Double]] = [:]
    public private(set) var paused = false
    public private(set) var focusedClient: String?
    /// At most this many requests at once; the rest wait their turn by priority.
    public var maxInFlight: Int
    /// Spread of a backoff delay: gets the ceiling, returns the delay (random in [c/2, c] by default).
    let jitter: @Sendable (Double) -> Double

    public init(maxInFlight: Int = 4, jitter: @escaping @Sendable (Double) -> Double = { Double.random(in: $0 / 2 ... $0) }) {
        self.maxInFlight = maxInFlight
        self.jitter = jitter
    }

    // MARK: sources

    /// Adds a source (due at once) or changes its policy (keeping its schedule and ledger).
    public mutating func register(_ source: PollSource, _ policy: PollPolicy, now: Double) {
        if entries[source] != nil {
            entries[source]!.policy = policy
            if let due = entries[source]!.nextDue, policy.interval > 0, entries[source]!.failures == 0,
               let last = entries[source]!.lastSuccess, due > last + policy.interval {
                entries[source]!.nextDue = last + policy.interval // a shorter interval applies now
            }
        } else {
            entries[source] = Entry(policy: policy, nextDue: now)
        }
    }

    public mutating func unregister(_ source: PollSource) {
        entries[source] = nil
    }

    public var sources: Set<PollSource> { Set(entries.keys) }
    public func isInFlight(_ s: PollSource) -> Bool { entries[s]?.inFlight ?? false }
    public func nextDue(_ s: PollSource) -> Double? { entries[s]?.nextDue }
    public func failures(_ s: PollSource) -> Int { entries[s]?.failures ?? 0 }
    public func lastSuccess(_ s: PollSource) -> Double? { entries[s]?.lastSuccess }

    /// Requests of `source` started within its budget window before `now`.
    public func used(_ source: PollSource, now: Double) -> Int {
        guard let window = entries[source]?.policy.budget.window else { return 0 }
        return (starts[source] ?? []).filter { $0 > now - window }.count
    }

    // MARK: the agent

    public mutating func setPaused(_ p: Bool) {
        paused = p
    }

    /// The focused client's balance jumps the queue.
    public mutating func focus(clientId: String?) {
        focusedClient = clientId
    }

    /// "Refresh now": the sources run as soon as their budgets allow (a backoff wait is cut
    /// short, Retry-After is not). Returns when the last of them will start, or nil when they
    /// are all running already.
    /// `force` false (a webhook said something changed): sooner, but not while paused.
    public mutating func refreshNow(_ sources: [PollSource], now: Double, force: Bool = true) -> Double? {
        var latest: Double?
        if force { halt = nil }
        for s in sources {
            guard var e = entries[s] else { continue }
            if e.inFlight { continue }
            e.nextDue = now
            e.forced = e.forced || force
            entries[s] = e
            latest = max(latest ?? now, earliestStart(s, e, now: now))
        }
        return latest
    }

    // MARK: the clock

    func earliestStart(_ source: PollSource, _ e: Entry, now: Double) -> Double {
        guard let due = e.nextDue else { return .infinity }
        return max(due, e.notBefore, e.policy.budget.earliest(after: starts[source] ?? [], now: now))
    }

    func runnable(_ e: Entry) -> Bool { !e.inFlight && e.nextDue != nil && ((!paused && halt == nil) || e.forced) }

    /// Lower runs first.
    func priority(_ s: PollSource) -> Int {
        switch s {
        case .balance(let id) where id == focusedClient: return 0
        case .channels: return 1
        case .clients: return 2
        case .partnerChanges, .refunds: return 3
        case .balance, .funds, .templates: return 4
        }
    }

    /// The sources to start now, in priority order; they are marked in flight and charged to
    /// their budgets.
    public mutating func due(now: Double) -> [PollSource] {
        let free = maxInFlight - entries.values.filter(\.inFlight).count
        guard free > 0 else { return [] }
        let ready = entries.filter { runnable($0.value) && earliestStart($0.key, $0.value, now: now) <= now }
            .map(\.key)
            .sorted { (priority($0), $0.description) < (priority($1), $1.description) }
            .prefix(free)
        for s in ready {
            entries[s]!.inFlight = true
            entries[s]!.forced = false
            let window = entries[s]!.policy.budget.window
            starts[s, default: []].removeAll { $0 <= now - window }
            starts[s, default: []].append(now)
        }
        return Array(ready)
    }

    /// When something next becomes due (nil: nothing will until the agent or a poll acts).
    public func nextWake(now: Double) -> Double? {
        guard entries.values.filter(\.inFlight).count < maxInFlight else { return nil }
        let t = entries.filter { runnable($0.value) }.map { earliestStart($0.key, $0.value, now: now) }.min()
        return t.map { max($0, now) }
    }

    /// A poll ended: schedule the next one (interval after success, backoff after failure).
    public mutating func finished(_ source: PollSource, _ outcome: PollOutcome, now: Double) {
        // The server saw the request somewhere between its start and now; its budget counts from
        // now, so that however long the network took, two requests never reach it closer
        // together than the budget allows.
        if var ledger = starts[source], !ledger.isEmpty {
            ledger[ledger.count - 1] = max(ledger[ledger.count - 1], now)
            starts[source] = ledger
        }
        guard var e = entries[source] else { return } // dropped while it ran
        e.inFlight = false
        switch outcome {
        case .success:
            if source == .channels || source == .clients { halt = nil }
            e.failures = 0
            e.lastSuccess = now
            e.lastError = nil
            e.nextDue = e.policy.interval > 0 ? now + e.policy.interval : nil
        case .failure(let reason, let retryAfter):
            e.failures += 1
            e.lastError = reason
            let ceiling = min(e.policy.backoffCap, e.policy.backoffBase * pow(2, Double(min(e.failures, 30) - 1)))
            var delay = max(1, jitter(ceiling))
            if let retryAfter {
                delay = max(delay, retryAfter)
                e.notBefore = now + retryAfter
            }
            e.nextDue = now + delay
        case .unsupported:
            entries[source] = nil
            return
        case .stopped(let reason, let everything):
            e.failures += 1
            e.lastError = reason
            e.nextDue = nil
            if everything { halt = reason }
        }
        entries[source] = e
    }

    // MARK: status

    /// One row per kind of source, for the status bar and `:live-status`. `date` turns clock
    /// seconds into wall time.
    public func status(now: Double, date: (Double) -> Date) -> [SourceStatus] {
        var rows: [SourceStatus] = []
        for kind in PollSource.Kind.allCases {
            let mine = entries.filter { $0.key.kind == kind }
            guard !mine.isEmpty else { continue }
            let lastSuccess = mine.values.compactMap(\.lastSuccess).max()
            let next = mine.filter { !$0.value.inFlight }.map { earliestStart($0.key, $0.value, now: now) }.filter(\.isFinite).min()
            let failing = mine.values.filter { $0.failures > 0 }.compactMap(\.lastError).first
            let budget = mine.values.first!.policy.budget
            rows.append(SourceStatus(
                name: kind.rawValue, count: mine.count,
                lastSuccess: lastSuccess.map(date),
                nextRun: paused ? nil : next.map(date),
                inFlight: mine.values.contains(where: \.inFlight),
                error: failing,
                used: mine.keys.map { used($0, now: now) }.max() ?? 0,
                budget: kind == .balances ? "\(budget) per client" : kind == .funds ? "\(budget) per number" : budget.description,
                stopped: halt != nil || mine.values.contains { $0.failures > 0 && $0.nextDue == nil && !$0.inFlight }))
        }
        return rows
    }
}
