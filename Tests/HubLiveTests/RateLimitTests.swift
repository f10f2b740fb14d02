import Foundation
import Testing
import HubCore
import HubSandbox
@testable import HubLive

/// A simulated hour against the in-process sandbox, on a test clock, with an agent who presses
/// `r` twice a second, moves the focus every 5 s and checks a number's health over and over.
/// The requests are counted on the sandbox side.
@Suite struct RateLimitTests {
    func maxIn(_ window: Double, _ times: [Date]) -> Int {
        let t = times.sorted()
        return t.indices.map { i in t[i...].prefix { $0.timeIntervalSince(t[i]) < window }.count }.max() ?? 0
    }

    @Test func anHourOfHammeringRefreshKeepsEveryDocumentedLimit() async throws {
        let clock = ManualClock()
        let start = Date(timeIntervalSince1970: 1_763_812_800)
        var config = SandboxConfig()
        config.clients = 30
        let engine = SandboxEngine(config: config, time: TimeSource { start.addingTimeInterval(clock.elapsed) })
        let direct = try await engine.allClients().filter(\.isDirectPayment).map(\.id)
        var apiKey: String?
        for ch in try await engine.allChannels() where apiKey == nil {
            apiKey = try? await engine.createChannelAPIKey(channelId: ch.id).apiKey
        }
        let key = try #require(apiKey)
        #expect(direct.count >= 10)
        let before = await engine.requests().count

        let feed = LiveFeed(service: engine, settings: .sandbox, time: SchedulerTime(clock),
                            now: { start.addingTimeInterval(clock.elapsed) })
        await feed.watchBalances(Set(direct.prefix(8)), focused: direct[0])
        clock.waitUntilIdle { await feed.scheduler.isQuiescent(clockSleepers: clock.sleeperCount) }
        await feed.start()
        let checks = HealthChecks(service: engine, store: InMemoryHealthStore(), now: { start.addingTimeInterval(clock.elapsed) })
        for step in 0..<7200 {
            if step % 10 == 0 { // scroll and move the focus
                let window = (step / 10) % direct.count
                let visible = Set((0..<8).map { direct[(window + $0) % direct.count] })
                await feed.watchBalances(visible, focused: direct[(window + 3) % direct.count])
            }
            _ = await feed.refreshNow()
            _ = await checks.check(apiKey: key, platform: .onPremise)
            await clock.advance(seconds: 0.5)
        }
        await feed.stop()

        let requests = Array(await engine.requests().dropFirst(before))
        #expect(requests.filter(\.rejected).isEmpty, "no request was answered with 429")
        let balances = Dictionary(grouping: requests.filter { $0.operation == "balance" }, by: \.key)
        #expect(balances.count == direct.count, "every client was on screen at some point")
        for (client, list) in balances {
            #expect(maxIn(10, list.map(\.at)) <= config.balanceRequests, "balance of \(client): \(list.map { $0.at.timeIntervalSince(start) })")
        }
        let lists = requests.filter { $0.operation == "channels" }.map(\.at)
        #expect(maxIn(2, lists) == 1, "one channel list walk per 2 s at most")
        // Not vacuous: refresh kept the lists coming (1,200 an hour by the interval alone, up to
        // 1,800 with the 2 s budget; fewer when a loaded machine lets polls lag on the test clock).
        #expect(lists.count >= 1000, "refresh kept the data fresh: \(lists.count) walks")
        let health = requests.filter { $0.operation == "health" }.map(\.at)
        #expect(health.count == 12, "health once per 5 minutes: \(health.count)")
        #expect(maxIn(300, health) == 1)
    }
}
