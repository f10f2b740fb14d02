import Foundation

/// Any `Clock` seen as seconds since the scheduler started: the real `ContinuousClock` in the
/// app, a `ManualClock` in tests (no sleeps, time moves when the test says so).
public struct SchedulerTime: Sendable {
    public let now: @Sendable () -> Double
    public let sleep: @Sendable (_ until: Double) async throws -> Void

    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        now = { Self.seconds(origin.duration(to: clock.now)) }
        sleep = { t in try await clock.sleep(until: origin.advanced(by: .nanoseconds(Int64(t * 1e9))), tolerance: nil) }
    }

    public static let continuous = SchedulerTime(ContinuousClock())

    static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) / 1e18
    }
}

/// A clock that moves only when told to. Sleepers wake in deadline order as `advance` passes
/// their deadlines; after each wake the clock yields so the woken work can run before time
/// moves on (the way a test clock has to behave for scheduler tests to be exact).
public final class ManualClock: Clock, @unchecked Sendable {
    public struct Instant: InstantProtocol, Hashable, Sendable {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by d: Duration) -> Instant { Instant(offset: offset + d) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, Error>
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [Sleeper] = []
    private var cancelled: Set<UInt64> = []
    private var nextId: UInt64 = 0
    private var idleCheck: (@Sendable () async -> Bool)?

    public init() {}

    /// Tells `advance` when the code under test has nothing left to do at the current time (for
    /// a scheduler: `isQuiescent`), so time moves on only then, however loaded the machine is.
    /// Without it, `advance` yields a fixed number of times.
    public func waitUntilIdle(_ check: @escaping @Sendable () async -> Bool) {
        lock.withLock { idleCheck = check }
    }

    public var now: Instant { lock.withLock { current } }
    public var minimumResolution: Duration { .zero }
    /// Seconds since the clock was made.
    public var elapsed: Double { SchedulerTime.seconds(now.offset) }
    /// How many tasks are asleep on this clock.
    public var sleeperCount: Int { lock.withLock { sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let id: UInt64 = lock.withLock { nextId += 1; return nextId }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
                lock.lock()
                if cancelled.remove(id) != nil {
                    lock.unlock()
                    c.resume(throwing: CancellationError())
                } else if deadline <= current {
                    lock.unlock()
                    c.resume()
                } else {
                    sleepers.append(Sleeper(id: id, deadline: deadline, continuation: c))
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            if let i = sleepers.firstIndex(where: { $0.id == id }) {
                let s = sleepers.remove(at: i)
                lock.unlock()
                s.continuation.resume(throwing: CancellationError())
            } else {
                cancelled.insert(id)
                lock.unlock()
            }
        }
    }

    /// Moves time forward, waking each sleeper at its own deadline, in order.
    public func advance(by d: Duration) async {
        let target = now.advanced(by: d)
        await settle()
        while let s = popSleeper(until: target) {
            s.continuation.resume()
            await settle()
        }
        await settle()
    }

    /// The earliest sleeper due by `target` (time moves to its deadline), or nil (time moves to `target`).
    private func popSleeper(until target: Instant) -> Sleeper? {
        lock.withLock {
            guard let i = sleepers.indices.filter({ sleepers[$0].deadline <= target })
                .min(by: { sleepers[$0].deadline < sleepers[$1].deadline }) else {
                current = max(current, target)
                return nil
            }
            let s = sleepers.remove(at: i)
            current = max(current, s.deadline)
            return s
        }
    }

    public func advance(seconds: Double) async { await advance(by: .nanoseconds(Int64(seconds * 1e9))) }

    /// Lets woken tasks run (they hop between actors, so one yield is not enough): until the
    /// idle check says so, or a fixed number of yields without one.
    public func settle() async {
        guard let check = lock.withLock({ idleCheck }) else {
            for _ in 0..<300 { await Task.yield() }
            return
        }
        // Bounded, so a test that never gets idle fails on its expectations instead of hanging.
        for _ in 0..<100_000 {
            if await check() { return }
            await Task.yield()
        }
    }
}
