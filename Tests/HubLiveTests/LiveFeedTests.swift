import Foundation
import Testing
import HubCore
import HubSandbox
@testable import HubLive

/// The live engine end to end on a test clock: polls become snapshots, balances and
/// notifications; failures back off; pending requests are watched until they settle.
@Suite struct LiveFeedTests {
    let eur = Currency(code: "EUR")!

    func make(_ service: FakeService, interval: Double = 3) async -> (LiveFeed, ManualClock) {
        let clock = ManualClock()
        let feed = LiveFeed(service: service, settings: .init(interval: interval), time: SchedulerTime(clock),
                            plan: PollPlan(jitter: { $0 }), now: { t0.addingTimeInterval(clock.elapsed) })
        return (feed, clock)
    }

    func start(_ feed: LiveFeed, _ clock: ManualClock) async {
        clock.waitUntilIdle { await feed.scheduler.isQuiescent(clockSleepers: clock.sleeperCount) }
        await feed.start()
        await clock.settle()
    }

    func drain(_ feed: LiveFeed) async -> [Action] {
        var out: [Action] = []
        var it = feed.actions.makeAsyncIterator()
        await feed.stop() // finishes the stream after what is buffered
        while let a = await it.next() { out.append(a) }
        return out
    }

    func notes(_ actions: [Action]) -> [HubNotification] { actions.compactMap { if case .notify(let n) = $0 { return n }; return nil } }

    @Test func firstPollLoadsThenChangesBecomeNotifications() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service)
        await start(feed, clock)
        await clock.advance(seconds: 3) // unchanged: nothing new for the store
        await service.set([channel("1CH", live: true, state: "running")])
        await clock.advance(seconds: 3)
        let actions = await drain(feed)
        // The first poll gives the whole snapshot; later ones only what changed.
        let snapshots = actions.filter { if case .snapshotLoaded = $0 { return true }; return false }
        let changes = actions.compactMap { if case .snapshotChanged(_, _, let channels, _) = $0 { return channels }; return nil }
        #expect(snapshots.count == 1)
        #expect(changes.map { $0.upserted.map(\.id) } == [["1CH"]])
        #expect(notes(actions).map(\.text).contains { $0.hasPrefix("+49301 (Shop) is live (was ") })
        #expect(notes(actions).first { $0.text.contains(" is live (was ") }?.time == t0.addingTimeInterval(6))
    }

    @Test func failuresBackOffAndRecover() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service)
        await start(feed, clock)
        await service.fail(true)
        await clock.advance(seconds: 10)
        #expect(await service.calls == 4) // 0, 3, then backoff 3+2, 5+4
        await service.fail(false)
        await clock.advance(seconds: 8)
        let phases = await drain(feed).compactMap { if case .liveStatusChanged(let s) = $0 { return s.phase }; return nil }
        #expect(phases.contains { if case .backingOff(let reason, _) = $0 { return reason.contains("503") }; return false })
        #expect(phases.last == .idle)
    }

    @Test func aBalanceOnScreenIsPolledAndGoingBelowZeroIsNotified() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service)
        await feed.watchBalances(["cCL"], focused: "cCL")
        await start(feed, clock)
        await service.setBalance(-1250)
        await clock.advance(seconds: 30)
        let actions = await drain(feed)
        let balances = actions.compactMap { if case .balanceLoaded(_, let b) = $0 { return b.balance?.minorUnits }; return nil }
        #expect(balances == [500, -1250])
        let below = notes(actions).filter { $0.clientId == "cCL" }
        #expect(below.count == 1 && below[0].level == .warning && below[0].text.hasSuffix("balance is below 0 (-12.50 EUR)"))
    }

    /// Clients on screen but not focused: asked when they come on screen, then every 30
    /// minutes; focusing one asks at once and then every interval.
    @Test func unfocusedBalancesArePolledAtTheBackgroundPace() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service, interval: 30)
        await feed.watchBalances(["cCL", "dCL"], focused: nil)
        await start(feed, clock)
        await clock.advance(seconds: 600)
        #expect(await service.balanceCalls == ["cCL": 1, "dCL": 1])
        await feed.watchBalances(["cCL", "dCL"], focused: "dCL")
        await clock.settle()
        await clock.advance(seconds: 600)
        let calls = await service.balanceCalls
        #expect(calls["cCL"] == 1)
        #expect((calls["dCL"] ?? 0) >= 10) // at once, then every minute
        await clock.advance(seconds: 1200)
        #expect(await service.balanceCalls["cCL"] == 2) // 30 minutes after the first
        _ = await drain(feed)
    }

    @Test func pendingPartnerChangesAreWatchedUntilTheySettle() async {
        let service = FakeService(channels: [channel("1CH")])
        await service.setPCRs([PartnerChangeRequest(id: "pcr1", status: .pending, sourceClientId: "cCL")])
        let (feed, clock) = await make(service)
        await start(feed, clock)
        #expect(await feed.scheduler.plan.nextDue(.partnerChanges) == 5) // pending: every 5 s, not 300
        await service.setPCRs([PartnerChangeRequest(id: "pcr1", status: .completed, sourceClientId: "cCL", targetPartnerId: "destPA", channelIds: ["1CH"])])
        await clock.advance(seconds: 5)
        #expect(await feed.scheduler.plan.nextDue(.partnerChanges) == 305) // settled: quiet again
        let n = notes(await drain(feed))
        // People first (issue 25): the numbers as +E.164, the request's ID second.
        #expect(n.map(\.text) == ["Partner change request (+49301) to destPA (pcr1) approved: all its numbers move at once"])
    }

    /// A request waiting for this partner's own approval changes when the agent acts: it does
    /// not keep the partner changes at the fast pace (that was 2 requests a minute for nothing).
    @Test func anIncomingRequestWaitingForUsIsPolledAtTheQuietPace() async {
        let service = FakeService(channels: [channel("1CH")])
        await service.setPCRs([PartnerChangeRequest(id: "pcr1", status: .pending, sourceClientId: "cCL", targetPartnerId: "pPA")])
        let (feed, clock) = await make(service)
        await start(feed, clock)
        await clock.advance(seconds: 5) // the partner is known by the first or the second poll
        let due = await feed.scheduler.plan.nextDue(.partnerChanges) ?? 0
        #expect(due >= 300, "quiet pace (5 min), not every 5 s: next at \(due)")
        _ = await drain(feed)
    }

    @Test func refundsAreWatchedUntilCompletedAndDroppedWhereTheAPIHasNone() async {
        let refund = Refund(id: "rf1", channelId: "1CH", idempotencyKey: "k", amount: Money(minorUnits: 1500, currency: eur),
                            creditNoteInvoiceId: "cn", status: .processing, requestedAt: t0, completesAt: t0)
        let service = FakeService(channels: [channel("1CH")])
        await service.setRefunds([refund])
        let (feed, clock) = await make(service)
        await start(feed, clock)
        var done = refund
        done.status = .completed
        await service.setRefunds([done])
        await clock.advance(seconds: 5)
        #expect(notes(await drain(feed)).map(\.text) == ["Refund of 15.00 EUR for +49301 (Shop) completed"])

        let live = FakeService(channels: [channel("1CH")])
        await live.setRefundsUnavailable()
        let (feed2, clock2) = await make(live)
        await start(feed2, clock2)
        #expect(await !feed2.scheduler.plan.sources.contains(.refunds))
        await feed2.stop()
    }

    /// A refund made from here: the feed looks at once instead of at the quiet pace (300 s),
    /// then follows it at the settling pace until it completes.
    @Test func aRefundJustMadeIsWatchedFromTheStart() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service)
        await start(feed, clock)
        #expect(await feed.scheduler.plan.nextDue(.refunds) == 300)
        let refund = Refund(id: "rf2", channelId: "1CH", idempotencyKey: "k2", amount: Money(minorUnits: 900, currency: eur),
                            creditNoteInvoiceId: "cn", status: .processing, requestedAt: t0, completesAt: t0)
        await service.setRefunds([refund])
        await feed.settlementStarted()
        await clock.advance(seconds: 1)
        #expect(await feed.scheduler.plan.nextDue(.refunds).map { $0 <= 10 } == true)
        var done = refund
        done.status = .completed
        await service.setRefunds([done])
        await clock.advance(seconds: 6)
        #expect(notes(await drain(feed)).map(\.text).contains("Refund of 9.00 EUR for +49301 (Shop) completed"))
        await feed.stop()
    }

    @Test func healthIsAskedAtMostOncePerFiveMinutesPerKey() async throws {
        let service = FakeService(channels: [])
        let (_, clock) = await make(service)
        // The app's health path (HubCore's HealthChecks) on the feed's clock.
        let checks = HealthChecks(service: service, store: InMemoryHealthStore(), now: { t0.addingTimeInterval(clock.elapsed) })
        _ = await checks.check(apiKey: "k1", platform: .onPremise)
        await clock.advance(seconds: 299)
        _ = await checks.check(apiKey: "k1", platform: .onPremise)
        #expect(await service.healthCalls == 1)
        _ = await checks.check(apiKey: "k2", platform: .onPremise)
        await clock.advance(seconds: 2)
        _ = await checks.check(apiKey: "k1", platform: .onPremise)
        #expect(await service.healthCalls == 3)
    }

    @Test func refreshNowSaysWhenItWillRun() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service, interval: 60)
        await start(feed, clock)
        await clock.advance(seconds: 0.5)
        #expect(await feed.refreshNow() == t0.addingTimeInterval(2)) // one list walk per 2 s at most
        await clock.advance(seconds: 1.5)
        #expect(await service.calls == 2)
        await feed.stop()
    }

    @Test func statusReportsEverySource() async {
        let service = FakeService(channels: [channel("1CH")])
        let (feed, clock) = await make(service)
        await feed.watchBalances(["cCL"], focused: "cCL")
        await start(feed, clock)
        let statuses = await drain(feed).compactMap { if case .liveStatusChanged(let s) = $0 { return s }; return nil }
        let last = try! #require(statuses.last)
        #expect(last.phase == .idle && last.lastSuccess == t0 && last.nextRun == t0.addingTimeInterval(3))
        #expect(Set(last.sources.map(\.name)) == ["channels", "clients", "balances", "partner changes", "refunds"])
    }

    /// The channel list arrives before the client list: the snapshot saved once both are known
    /// must hold the channels (it held none: the save compared with the last poll, not the last save).
    @Test func theSavedSnapshotHoldsBothListsWhicheverCameFirst() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ph-feed-\(UUID().uuidString)/partnerhub.sqlite").path
        let (db, _) = try HubDatabase.open(path: path)
        for order in [[PollSource.channels, .clients], [.clients, .channels]] {
            let service = FakeService(channels: [channel("1CH"), channel("2CH")])
            let key = "k\(order.first!)"
            let feed = LiveFeed(service: service, settings: .init(interval: 3), database: db, connectionKey: key, now: { t0 })
            for source in order { _ = await feed.poll(source) }
            let saved = try #require(try db.loadSnapshot(connection: key))
            #expect(saved.channels.map(\.id) == ["1CH", "2CH"] && saved.clients.map(\.id) == ["cCL"], "order \(order)")
            // A change later is saved as a change.
            await service.set([channel("1CH", live: true, state: "running")])
            _ = await feed.poll(.channels)
            #expect(try db.loadSnapshot(connection: key)?.channels.map(\.id) == ["1CH"])
            await feed.stop()
        }
    }
}

/// The team's poller (HubTeam) watches every agent's focused client at the focused pace.
@Suite struct AlsoFocusedBalanceTests {
    @Test func everyFocusedClientIsPolledAtTheFocusedPace() async throws {
        let engine = SandboxEngine(config: SandboxConfig())
        let settings = LiveFeed.Settings(interval: 3)
        let feed = LiveFeed(service: engine, settings: settings)
        await feed.start()
        func interval(_ id: String) async -> Double? { await feed.scheduler.plan.entries[.balance(clientId: id)]?.policy.interval }
        await feed.watchBalances(["a", "b", "c"], focused: "a", alsoFocused: ["b"])
        #expect(await interval("a") == settings.balance.interval)
        #expect(await interval("b") == settings.balance.interval)
        #expect(await interval("c") == settings.backgroundBalance.interval)
        // b's agent looks elsewhere: back to the background pace; d is focused on a screen.
        await feed.watchBalances(["a", "b", "c", "d"], focused: "a", alsoFocused: ["d"])
        #expect(await interval("b") == settings.backgroundBalance.interval)
        #expect(await interval("d") == settings.balance.interval)
        await feed.stop()
    }
}
