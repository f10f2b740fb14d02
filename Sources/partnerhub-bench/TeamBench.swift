import Foundation
import HubAPI
import HubCore
import HubLive
import HubSandbox
import HubTeam

/// Issue 15: 20 agents on one `serve` against the HTTP sandbox, beside one agent polling on
/// its own against a twin sandbox (same seed, same settings, the same screen). Counted at
/// the sandboxes: Partner API requests per minute, 429s; at the agents: the time from the
/// poll that saw a change to its notification on each agent's feed.
/// `partnerhub-bench team` (PARTNERHUB_TEST_POSTGRES or PARTNERHUB_BENCH_POSTGRES: a server
/// it may create a database on; TEAM_BENCH_MINUTES, default 10; TEAM_BENCH_AGENTS, default 20).
extension Bench {
    static func team() async throws {
        let env = ProcessInfo.processInfo.environment
        let admin = TeamBenchSupport.server("team")
        let minutes = Double(env["TEAM_BENCH_MINUTES"] ?? "") ?? 10
        let agentCount = Int(env["TEAM_BENCH_AGENTS"] ?? "") ?? 20
        let url = try await TeamBenchSupport.freshDatabase(admin)

        var config = SandboxConfig()
        config.clients = 40
        let team = SandboxServer(engine: SandboxEngine(config: config))
        let solo = SandboxServer(engine: SandboxEngine(config: config))
        let (teamAPI, teamTask) = try await TeamBenchSupport.serve(team)
        let (soloAPI, soloTask) = try await TeamBenchSupport.serve(solo)
        let settings = LiveFeed.Settings(interval: 3)

        // The same screen for everyone: the first 12 clients, the first one focused.
        let clients = try await team.engine.allClients(query: ListQuery()).map(\.id).sorted()
        let screen = Set(clients.prefix(12)), focused = clients.first

        let soloFeed = LiveFeed(service: HTTPPartnerService(config: soloAPI), settings: settings)
        let drainSolo = Task { for await _ in soloFeed.actions {} }
        await soloFeed.watchBalances(screen, focused: focused)
        await soloFeed.start()

        let service = TeamService(url: url, service: HTTPPartnerService(config: teamAPI), connection: "bench",
                                  options: TeamService.Options(settings: settings, holder: "bench"))
        let serviceTask = Task { await service.run() }
        let latencies = LatencyLog()
        var feeds: [TeamFeed] = []
        var drains: [Task<Void, Never>] = []
        for i in 0..<agentCount {
            // From the poller's write, which follows the poll's detection by under a millisecond
            // (the notification table has the exact detection time; docs/PERFORMANCE.md).
            let feed = TeamFeed(url: url, connection: "bench", onDelivery: { kind, written in
                guard kind == "notify" else { return }
                let lag = Date().timeIntervalSince(written)
                Task { await latencies.add(agent: i, lag) }
            })
            drains.append(Task { for await _ in feed.actions {} })
            await feed.start()
            await feed.watchBalances(screen, focused: focused)
            feeds.append(feed)
        }
        let started = Date()
        let teamStart = team.requests.total, soloStart = solo.requests.total
        print("team: \(agentCount) agents, \(minutes) min …")
        try await Task.sleep(for: .seconds(minutes * 60))
        let elapsed = Date().timeIntervalSince(started) / 60
        let teamPerMin = Double(team.requests.total - teamStart) / elapsed
        let soloPerMin = Double(solo.requests.total - soloStart) / elapsed
        let rejected = await team.engine.requests().filter { $0.rejected && $0.at >= started }.count
        let soloRejected = await solo.engine.requests().filter { $0.rejected && $0.at >= started }.count
        let (median, p99, count, perAgent) = await latencies.summary()
        let detection = try await TeamBenchSupport.detectionToWrite(url)

        for f in feeds { await f.stop() }
        for d in drains { d.cancel() }
        serviceTask.cancel()
        await serviceTask.value
        await soloFeed.stop()
        drainSolo.cancel()
        teamTask.cancel()
        soloTask.cancel()

        rows.append(Row(name: "team: Partner API requests/min, \(agentCount) agents on one serve (one agent alone: \(String(format: "%.1f", soloPerMin)))",
                        budget: "≤ one agent's + 10 %", measured: String(format: "%.1f", teamPerMin), ok: teamPerMin <= soloPerMin * 1.1 + 1))
        rows.append(Row(name: "team: 429s in \(String(format: "%.0f", elapsed)) min (one agent alone: \(soloRejected))", budget: "0",
                        measured: "\(rejected)", ok: rejected == 0))
        rows.append(Row(name: "team: poll's detection to the poller's write (median, max over \(detection.count) notifications)", budget: "(reported)",
                        measured: "\(fmt(detection.median * 1000)) ms, \(fmt(detection.max * 1000)) ms", ok: true))
        rows.append(Row(name: "team: poll to notification on every agent, median (\(count) deliveries, \(perAgent) per agent)", budget: "≤ 1000 ms",
                        measured: "\(fmt(median * 1000)) ms", ok: median <= 1))
        rows.append(Row(name: "team: poll to notification on every agent, p99", budget: "≤ 1000 ms", measured: "\(fmt(p99 * 1000)) ms", ok: p99 <= 1))
    }
}

actor LatencyLog {
    var seconds: [Double] = []
    var perAgent: [Int: Int] = [:]
    func add(agent: Int, _ s: Double) {
        seconds.append(s)
        perAgent[agent, default: 0] += 1
    }
    func summary() -> (median: Double, p99: Double, count: Int, perAgent: String) {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return (.infinity, .infinity, 0, "none") }
        let counts = Set(perAgent.values)
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], sorted.count,
                counts.count == 1 ? "\(counts.first ?? 0)" : "\(counts.min() ?? 0)-\(counts.max() ?? 0)")
    }
}

enum TeamBenchSupport {
    /// The PostgreSQL the team suites may create a database on; exits 2 when none is named.
    static func server(_ suite: String) -> String {
        let env = ProcessInfo.processInfo.environment
        guard let admin = env["PARTNERHUB_BENCH_POSTGRES"] ?? env["PARTNERHUB_TEST_POSTGRES"] else {
            print("\(suite): set PARTNERHUB_BENCH_POSTGRES (scripts/team-postgres.sh start prints one)")
            exit(2)
        }
        return admin
    }

    static func freshDatabase(_ admin: String) async throws -> TeamDatabaseURL {
        let base = try TeamDatabaseURL(admin)
        let name = "ph_bench_\(UUID().uuidString.prefix(8).lowercased())"
        let db = TeamDatabase(url: base)
        try await db.run { c in try await c.query(.init(unsafeSQL: "CREATE DATABASE \(name)"), logger: .init(label: "bench")) }
        await db.close()
        var url = base
        url.database = name
        return url
    }

    /// From each notification's detection (exact, in `notification.time`) to its event row.
    static func detectionToWrite(_ url: TeamDatabaseURL) async throws -> (median: Double, max: Double, count: Int) {
        let db = TeamDatabase(url: url)
        defer { Task { await db.close() } }
        return try await db.run { c in
            var lags: [Double] = []
            for try await lag in try await c.query("""
                SELECT e.time - n.time FROM team_event e
                JOIN notification n ON n.id = (convert_from(e.payload, 'UTF8')::json->'notify'->'_0'->>'id')
                WHERE e.kind = 'notify'
                """, logger: .init(label: "bench")).decode(Double.self) { lags.append(lag) }
            let sorted = lags.sorted()
            return (sorted.isEmpty ? 0 : sorted[sorted.count / 2], sorted.last ?? 0, sorted.count)
        }
    }

    static func serve(_ server: SandboxServer) async throws -> (APIConfiguration, Task<Void, Error>) {
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run(host: "127.0.0.1", port: 0) { sink.yield($0) } }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { throw ServiceError.transport("the sandbox did not start") }
        return (APIConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v2", partnerId: "sandboxPA", credentials: .apiKey("sandbox-key")), task)
    }
}

extension Bench {
    /// An agent opening the team's data of a large partner (10,000 clients, 48,439 channels):
    /// the first screenful, then everything, read from PostgreSQL by `TeamFeed`.
    static func teamLoad() async throws {
        let url = try await TeamBenchSupport.freshDatabase(TeamBenchSupport.server("team-load"))
        var config = SandboxConfig()
        config.clients = 10_000
        config.timeScale = 0
        let engine = SandboxEngine(config: config)
        let total = try await engine.allChannels(query: ListQuery()).count
        let service = TeamService(url: url, service: engine, connection: "bench", options: TeamService.Options(settings: .sandbox, holder: "bench"))
        let started = ContinuousClock.now
        let serviceTask = Task { await service.run() }
        // Written: an agent's feed sees the whole list.
        let probe = TeamFeed(url: url, connection: "bench", safetyInterval: 0.2)
        await probe.start()
        for await action in probe.actions { if case .snapshotLoaded(_, _, let ch, _, _) = action, ch.count == total { break } }
        let written = ContinuousClock.now - started
        await probe.stop()
        serviceTask.cancel()
        await serviceTask.value

        var heads: [Double] = [], wholes: [Double] = []
        for _ in 0..<3 {
            let feed = TeamFeed(url: url, connection: "bench")
            let t0 = ContinuousClock.now
            await feed.start()
            for await action in feed.actions {
                if case .partialSnapshotLoaded = action { heads.append(ms(ContinuousClock.now - t0)) }
                if case .snapshotLoaded = action { wholes.append(ms(ContinuousClock.now - t0)); break }
            }
            await feed.stop()
        }
        let median = { (v: [Double]) in v.sorted()[v.count / 2] }
        rows.append(Row(name: "team: the poller's first walk and write of \(total) channels, then an agent sees them", budget: "≤ 10000 ms",
                        measured: "\(fmt(ms(written))) ms", ok: ms(written) <= 10_000))
        rows.append(Row(name: "team: an agent's first screenful from PostgreSQL (median of 3)", budget: "≤ 300 ms",
                        measured: heads.isEmpty ? "none" : "\(fmt(median(heads))) ms", ok: !heads.isEmpty && median(heads) <= 300))
        rows.append(Row(name: "team: an agent's whole snapshot, \(total) channels (median of 3)", budget: "≤ 1000 ms",
                        measured: wholes.isEmpty ? "none" : "\(fmt(median(wholes))) ms", ok: !wholes.isEmpty && median(wholes) <= 1000))
    }

    static func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }
}
