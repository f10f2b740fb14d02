import Foundation
import Testing
import HubCore
@testable import HubLive

/// The scheduler's rules, on explicit clock times: no clock, no sleeps.
@Suite struct PollPlanTests {
    let every3 = PollPolicy(interval: 3, budget: RateBudget(1, per: 2))
    let balance = PollPolicy(interval: 30, budget: RateBudget(1, per: 10))

    func plan(maxInFlight: Int = 4) -> PollPlan { PollPlan(maxInFlight: maxInFlight, jitter: { $0 }) }

    @Test func aTickWhileInFlightIsSkippedAndTheIntervalCountsFromTheEnd() {
        var p = plan()
        p.register(.channels, every3, now: 0)
        #expect(p.due(now: 0) == [.channels])
        #expect(p.due(now: 3).isEmpty && p.due(now: 6).isEmpty) // still running: skipped, not queued
        #expect(p.nextWake(now: 6) == nil)
        p.finished(.channels, .success, now: 7)
        #expect(p.nextWake(now: 7) == 10)
        #expect(p.due(now: 9.9).isEmpty)
        #expect(p.due(now: 10) == [.channels])
    }

    @Test func failuresBackOffExponentiallyUpToTheCapAndRecover() {
        var p = plan()
        p.register(.channels, every3, now: 0)
        var t = 0.0
        var waits: [Double] = []
        for _ in 0..<8 {
            #expect(p.due(now: t) == [.channels])
            p.finished(.channels, .failure(reason: "API error 503", retryAfter: nil), now: t)
            let next = p.nextDue(.channels)!
            waits.append(next - t)
            t = next
        }
        #expect(waits == [2, 4, 8, 16, 32, 60, 60, 60])
        #expect(p.status(now: t, date: { Date(timeIntervalSince1970: $0) }).first?.error == "API error 503")
        #expect(p.due(now: t) == [.channels])
        p.finished(.channels, .success, now: t)
        #expect(p.failures(.channels) == 0 && p.nextDue(.channels) == t + 3)
        #expect(p.status(now: t, date: { Date(timeIntervalSince1970: $0) }).first?.error == nil)
    }

    @Test func jitterSpreadsTheBackoffWithinHalfToFullCeiling() {
        var p = PollPlan()
        p.register(.channels, every3, now: 0)
        for i in 0..<5 {
            _ = p.due(now: Double(i) * 100)
            p.finished(.channels, .failure(reason: "x", retryAfter: nil), now: Double(i) * 100)
        }
        let wait = p.nextDue(.channels)! - 400
        #expect(wait >= 16 && wait <= 32) // 5th failure: ceiling 32
    }

    @Test func refreshNowKeepsTheBudgetAndSaysWhenItRuns() {
        var p = plan()
        p.register(.balance(clientId: "a"), balance, now: 0)
        #expect(p.due(now: 0) == [.balance(clientId: "a")])
        p.finished(.balance(clientId: "a"), .success, now: 0.5)
        // Counted from the answer: the server may have seen the request as late as 0.5.
        #expect(p.refreshNow([.balance(clientId: "a")], now: 1) == 10.5)
        #expect(p.due(now: 10.49).isEmpty)
        #expect(p.due(now: 10.5) == [.balance(clientId: "a")])
        #expect(p.refreshNow([.balance(clientId: "a")], now: 11) == nil) // already running
    }

    @Test func refreshNowCutsABackoffShortButNotARetryAfter() {
        var p = plan()
        p.register(.channels, every3, now: 0)
        for t in [0.0, 2, 6] {
            #expect(p.due(now: t) == [.channels])
            p.finished(.channels, .failure(reason: "503", retryAfter: nil), now: t)
        }
        #expect(p.nextDue(.channels) == 14)
        #expect(p.refreshNow([.channels], now: 7) == 8) // the 2 s budget, not the 8 s backoff
        #expect(p.due(now: 8) == [.channels])
        p.finished(.channels, .failure(reason: "Rate limited", retryAfter: 30), now: 8)
        #expect(p.refreshNow([.channels], now: 9) == 38)
        #expect(p.due(now: 37).isEmpty && p.due(now: 38) == [.channels])
    }

    /// An agent holding `r` down for an hour never makes a source exceed its budget.
    @Test func hammeringRefreshForAnHourStaysInsideEveryBudget() {
        var p = plan()
        p.register(.channels, every3, now: 0)
        p.register(.balance(clientId: "a"), balance, now: 0)
        var starts: [PollSource: [Double]] = [:]
        var t = 0.0
        while t < 3600 {
            _ = p.refreshNow([.channels, .balance(clientId: "a")], now: t)
            for s in p.due(now: t) {
                starts[s, default: []].append(t)
                p.finished(s, .success, now: t + 0.1)
            }
            t += 0.25
        }
        func maxIn(_ window: Double, _ times: [Double]) -> Int {
            times.indices.map { i in times[i...].prefix { $0 < times[i] + window }.count }.max() ?? 0
        }
        #expect(maxIn(2, starts[.channels]!) == 1)
        #expect(maxIn(10, starts[.balance(clientId: "a")]!) == 1)
        #expect(starts[.balance(clientId: "a")]!.count == 352) // every 10.25 s: 10 s after each answer, on the 0.25 s beat
    }

    @Test func pausedSourcesRunOnlyWhenAskedAndResumeAfterwards() {
        var p = plan()
        p.register(.channels, every3, now: 0)
        _ = p.due(now: 0)
        p.finished(.channels, .success, now: 0)
        p.setPaused(true)
        #expect(p.due(now: 100).isEmpty)
        #expect(p.nextWake(now: 100) == nil) // nothing to wake up for: no timer at all
        #expect(p.refreshNow([.channels], now: 100) == 100)
        #expect(p.due(now: 100) == [.channels]) // the agent asked: one poll
        p.finished(.channels, .success, now: 101)
        #expect(p.due(now: 200).isEmpty)
        p.setPaused(false)
        #expect(p.due(now: 200) == [.channels])
    }

    @Test func theFocusedClientJumpsTheQueue() {
        var p = plan(maxInFlight: 1)
        for id in ["a", "b", "c"] { p.register(.balance(clientId: id), balance, now: 0) }
        p.register(.channels, every3, now: 0)
        p.focus(clientId: "c")
        #expect(p.due(now: 0) == [.balance(clientId: "c")])
        p.finished(.balance(clientId: "c"), .success, now: 0.1)
        #expect(p.due(now: 0.1) == [.channels])
        p.finished(.channels, .success, now: 0.2)
        #expect(p.due(now: 0.2) == [.balance(clientId: "a")])
    }

    @Test func droppingAndAddingASourceDoesNotResetItsBudget() {
        var p = plan()
        p.register(.balance(clientId: "a"), balance, now: 0)
        _ = p.due(now: 0)
        p.finished(.balance(clientId: "a"), .success, now: 0)
        p.unregister(.balance(clientId: "a"))
        p.register(.balance(clientId: "a"), balance, now: 1)
        #expect(p.due(now: 1).isEmpty)
        #expect(p.nextWake(now: 1) == 10)
    }

    @Test func anUnsupportedSourceIsDropped() {
        var p = plan()
        p.register(.refunds, every3, now: 0)
        _ = p.due(now: 0)
        p.finished(.refunds, .unsupported, now: 0)
        #expect(p.sources.isEmpty)
    }

    @Test func statusNamesEachKindWithItsBudget() {
        var p = plan()
        p.register(.channels, every3, now: 0)
        p.register(.balance(clientId: "a"), balance, now: 0)
        p.register(.balance(clientId: "b"), balance, now: 0)
        _ = p.due(now: 0)
        p.finished(.channels, .success, now: 1)
        let rows = p.status(now: 1, date: { Date(timeIntervalSince1970: $0) })
        #expect(rows.map(\.name) == ["channels", "balances"])
        #expect(rows[0].lastSuccess == Date(timeIntervalSince1970: 1) && rows[0].nextRun == Date(timeIntervalSince1970: 4))
        #expect(rows[0].used == 1 && rows[0].budget == "1 per 2 s" && !rows[0].inFlight)
        #expect(rows[1].count == 2 && rows[1].inFlight && rows[1].budget == "1 per 10 s per client")
    }
}
