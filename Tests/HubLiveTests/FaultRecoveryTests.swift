import Foundation
import Testing
import HubAPI
import HubCore
import HubSandbox
@testable import HubLive

/// Real HTTP, real clock: 20 % of requests fail, the feed keeps going; once the faults stop,
/// the data is back in sync within two poll cycles.
@Suite struct FaultRecoveryTests {
    actor Log {
        var snapshots: [(at: Date, count: Int)] = []
        var statuses: [(at: Date, status: LiveStatus)] = []
        func add(_ a: Action) {
            switch a {
            case .snapshotLoaded(_, _, let channels, _, _): snapshots.append((Date(), channels.count))
            case .liveStatusChanged(let s): statuses.append((Date(), s))
            default: break
            }
        }
    }

    @Test func keepsGoingThroughFaultsAndIsBackInSyncWithinTwoCycles() async throws {
        var config = SandboxConfig()
        config.clients = 20
        config.timeScale = 0
        let engine = SandboxEngine(config: config)
        let server = SandboxServer(engine: engine, faults: try FaultConfig.parse("error-rate=0.2"))
        var (api, serving) = try await serve(server)
        defer { serving.cancel() }
        api.timeout = 2
        let interval = 1.0
        let feed = LiveFeed(service: HTTPPartnerService(config: api), settings: .init(interval: interval))
        let log = Log()
        let collecting = Task { for await a in feed.actions { await log.add(a) } }
        await feed.start()

        // Run under faults until some were injected (and at least 5 s).
        let began = Date()
        while Date().timeIntervalSince(began) < 5 || (server.faults.injected < 3 && Date().timeIntervalSince(began) < 60) {
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        #expect(server.faults.injected > 0, "faults were injected")
        server.faults.current = FaultConfig()
        let stopped = Date()
        // Injected faults never reach the engine: its ledger holds the requests that got through.
        var firstThrough: Date?
        while firstThrough == nil, Date().timeIntervalSince(stopped) < 30 {
            try await Task.sleep(nanoseconds: 100_000_000)
            firstThrough = await engine.requests().first { $0.operation == "channels" && $0.at > stopped }?.at
        }
        var synced: LiveStatus?
        while synced == nil, Date().timeIntervalSince(stopped) < 30 {
            try await Task.sleep(nanoseconds: 100_000_000)
            synced = await log.statuses.first { $0.at > stopped && $0.status.phase == .idle && ($0.status.lastSuccess ?? .distantPast) > stopped }?.status
        }
        await feed.stop()
        _ = await collecting.value

        let truth = try await engine.allChannels().count
        let first = try #require(firstThrough)
        // The next channel poll starts within two cycles (the backoff cap), plus a request's way.
        #expect(first.timeIntervalSince(stopped) <= 2 * interval + 1.5, "first poll after the faults: \(first.timeIntervalSince(stopped)) s")
        #expect(synced != nil, "the feed reports a successful poll after the faults stopped")
        #expect(await log.snapshots.last?.count == truth)
    }
}
