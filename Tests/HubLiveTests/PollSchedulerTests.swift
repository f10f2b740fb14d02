import Foundation
import Testing
import HubCore
@testable import HubLive

/// Records what the scheduler starts, and lets a test decide how long a poll takes and how it ends.
actor WorkLog {
    var starts: [(PollSource, Double)] = []
    var running = 0
    var maxRunning = 0
    var failuresLeft = 0

    func begin(_ s: PollSource, at t: Double) { starts.append((s, t)); running += 1; maxRunning = max(maxRunning, running) }
    func end() { running -= 1 }
    func failNext(_ n: Int) { failuresLeft = n }
    func outcome() -> PollOutcome {
        guard failuresLeft > 0 else { return .success }
        failuresLeft -= 1
        return .failure(reason: "API error 503", retryAfter: nil)
    }
    func times(_ s: PollSource) -> [Double] { starts.filter { $0.0 == s }.map(\.1) }
}

/// The scheduler on a test clock: time moves only when the test says so.
@Suite struct PollSchedulerTests {
    func make(latency: Double = 0, interval: Double = 3) async -> (PollScheduler, ManualClock, WorkLog) {
        let clock = ManualClock()
        let log = WorkLog()
        let scheduler = PollScheduler(plan: PollPlan(jitter: { $0 }), time: SchedulerTime(clock))
        clock.waitUntilIdle { await scheduler.isQuiescent(clockSleepers: clock.sleeperCount) }
        await scheduler.register(.channels, PollPolicy(interval: interval, budget: RateBudget(1, per: 2)))
        await scheduler.start(work: { source in
            await log.begin(source, at: clock.elapsed)
            if latency > 0 { try? await clock.sleep(until: clock.now.advanced(by: .seconds(latency)), tolerance: nil) }
            await log.end()
            return await log.outcome()
        })
        await clock.settle()
        return (scheduler, clock, log)
    }

    @Test func pollsOnItsIntervalAndSleepsInBetween() async {
        let (scheduler, clock, log) = await make()
        await clock.advance(seconds: 30)
        #expect(await log.times(.channels) == [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30])
        // Between polls there is exactly one sleeper (the timer to the next poll): no tick, no spin.
        #expect(clock.sleeperCount == 1)
        #expect(await scheduler.isQuiescent(clockSleepers: clock.sleeperCount))
        await scheduler.stop()
    }

    @Test func aSlowPollIsNeverOverlapped() async {
        let (scheduler, clock, log) = await make(latency: 7)
        await clock.advance(seconds: 60)
        #expect(await log.times(.channels) == [0, 10, 20, 30, 40, 50, 60])
        #expect(await log.maxRunning == 1)
        await scheduler.stop()
    }

    @Test func backsOffThenRecoversByItself() async {
        let (scheduler, clock, log) = await make()
        await log.failNext(3)
        await clock.advance(seconds: 3) // polls at 3, 5 (3+2) and 9 (5+4) fail; 17 (9+8) works
        await clock.advance(seconds: 15)
        #expect(await log.times(.channels) == [0, 3, 5, 9, 17])
        let plan = await scheduler.plan
        #expect(plan.failures(.channels) == 0 && plan.nextDue(.channels) == 20)
        await scheduler.stop()
    }

    @Test func pauseStopsPollingAndResumeStartsAtOnce() async {
        let (scheduler, clock, log) = await make()
        await scheduler.setPaused(true)
        await clock.advance(seconds: 60)
        #expect(await log.times(.channels) == [0])
        #expect(clock.sleeperCount == 0) // paused: not even a timer
        await scheduler.setPaused(false)
        await clock.settle()
        #expect(await log.times(.channels) == [0, 60])
        await scheduler.stop()
    }

    @Test func refreshNowWakesTheSchedulerEarly() async {
        let (scheduler, clock, log) = await make(interval: 60)
        await clock.advance(seconds: 1)
        #expect(await scheduler.refreshNow([.channels]) == 2) // the budget allows one per 2 s
        await clock.advance(seconds: 1)
        #expect(await log.times(.channels) == [0, 2])
        #expect(await scheduler.plan.nextDue(.channels) == 62)
        await scheduler.stop()
    }
}
