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
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let serving = Task { try await server.run(host: "127.0.0.1", port: 0) { portSink.yield($0) } }
        defer { serving.cancel() }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        var api = APIConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v2", partnerId: "sandboxPA", credentials: .apiKey("sandbox-key"))
        api.timeout = 2
        let interval = 1.0
        let feed = LiveFeed(service: HTTPPartnerService(config: api), settings: .init(interval: interval))
        let log = Log()
        let collecting = Task { for await a in feed.actions { await log.add(a) } }
        await feed.start()

        try await Task.sleep(nanoseconds: 6_000_000_000)
        #expect(server.faults.injected > 0, "faults were injected")
        server.faults.current = FaultConfig()
        let stopped = Date()
        try await Task.sleep(nanoseconds: UInt64((2 * interval + 1.5) * 1e9))
        await feed.stop()
        _ = await collecting.value

        let truth = try await engine.allChannels().count
        let afterFaults = await log.statuses.filter { $0.at > stopped }
        let synced = afterFaults.first { s in s.status.phase == .idle && (s.status.lastSuccess ?? .distantPast) > stopped }
        #expect(synced != nil, "a successful poll after the faults stopped")
        if let synced { #expect(synced.at.timeIntervalSince(stopped) <= 2 * interval + 1, "in sync within two cycles") }
        #expect(await log.snapshots.last?.count == truth)
    }
}
