import Foundation
import HubCore

/// Runs a `PollPlan` on a clock: starts what is due, sleeps until the next due time (never on a
/// fixed tick, so it uses no CPU between polls), and wakes early when the agent or a finished
/// poll changes the plan. The polling itself is `work`, handed in by the owner (LiveFeed).
public actor PollScheduler {
    public typealias Work = @Sendable (PollSource) async -> PollOutcome

    public private(set) var plan: PollPlan
    public nonisolated let time: SchedulerTime
    var work: Work?
    var loopTask: Task<Void, Never>?
    var waiter: CheckedContinuation<Void, Never>?
    var timer: Task<Void, Never>?
    var wakeAt: Double?
    /// A wake-up that came while the loop was not asleep (a poll finished during `onChange`):
    /// the next sleep returns at once, so the loop always reports the plan that poll left.
    var wokenEarly = false
    var running: [PollSource: Task<Void, Never>] = [:]
    /// Called after every change of the plan (status bar).
    var onChange: (@Sendable (PollPlan, Double) async -> Void)?

    public init(plan: PollPlan = PollPlan(), time: SchedulerTime = .continuous) {
        self.plan = plan
        self.time = time
    }

    public func start(work: @escaping Work, onChange: (@Sendable (PollPlan, Double) async -> Void)? = nil) {
        guard loopTask == nil else { return }
        self.work = work
        self.onChange = onChange
        loopTask = Task { await self.loop() }
    }

    public func stop() {
        loopTask?.cancel()
        for t in running.values { t.cancel() }
        wakeUp()
    }

    // MARK: changing the plan (each wakes the loop)

    public func register(_ source: PollSource, _ policy: PollPolicy) {
        plan.register(source, policy, now: time.now())
        wakeUp()
    }

    public func unregister(_ source: PollSource) {
        plan.unregister(source)
        wakeUp()
    }

    public func setPaused(_ p: Bool) {
        plan.setPaused(p)
        wakeUp()
    }

    public func focus(clientId: String?) {
        plan.focus(clientId: clientId)
        wakeUp()
    }

    /// Returns the clock time the last of them will start (nil: all are running already).
    public func refreshNow(_ sources: [PollSource]) -> Double? {
        let t = plan.refreshNow(sources, now: time.now())
        wakeUp()
        return t
    }

    /// Something changed there (a webhook): poll as soon as the budgets allow, unless paused.
    public func pollSoon(_ sources: [PollSource]) {
        _ = plan.refreshNow(sources, now: time.now(), force: false)
        wakeUp()
    }

    public func now() -> Double { time.now() }

    /// Nothing can happen before the clock moves: the loop sleeps until a time still ahead and
    /// every poll in flight is asleep on the clock too (`clockSleepers`: how many sleep on it).
    public func isQuiescent(clockSleepers: Int) -> Bool {
        waiter != nil && (wakeAt.map { $0 > time.now() } ?? true) && clockSleepers == (timer != nil ? 1 : 0) + running.count
    }

    // MARK: the loop

    func loop() async {
        while !Task.isCancelled {
            let now = time.now()
            for source in plan.due(now: now) { launch(source) }
            if let onChange { await onChange(plan, now) }
            if Task.isCancelled { break }
            await sleep(until: plan.nextWake(now: time.now()))
        }
    }

    func launch(_ source: PollSource) {
        guard let work else { return }
        running[source] = Task {
            let outcome = await work(source)
            self.finished(source, outcome)
        }
    }

    func finished(_ source: PollSource, _ outcome: PollOutcome) {
        running[source] = nil
        plan.finished(source, outcome, now: time.now())
        wakeUp()
    }

    func sleep(until deadline: Double?) async {
        if wokenEarly {
            wokenEarly = false
            return
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            waiter = c
            wakeAt = deadline
            if let deadline {
                let time = self.time
                timer = Task {
                    do { try await time.sleep(deadline) } catch { return }
                    self.wakeUp()
                }
            }
        }
    }

    func wakeUp() {
        timer?.cancel()
        timer = nil
        wakeAt = nil
        if waiter == nil { wokenEarly = true }
        waiter?.resume()
        waiter = nil
    }
}
