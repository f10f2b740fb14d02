import Foundation
import HubAPI
import HubCore
import HubSandbox

/// Measures the budgets the issues name. Run in release: `swift run -c release partnerhub-bench`.
/// Prints a Markdown table; exits 1 when a budget is missed.
@main
struct Bench {
    struct Row {
        let name: String
        let budget: String
        let measured: String
        let ok: Bool
    }

    nonisolated(unsafe) static var rows: [Row] = []

    static func main() async throws {
        let only = CommandLine.arguments.dropFirst().first
        // `team` needs a PostgreSQL and runs for minutes: only when asked for by name.
        if only == "team" { try await team() }
        if only == "team-load" { try await teamLoad() }
        for (name, run) in suites where only == nil || name == only { try await run() }
        print("| measurement | budget | measured | |")
        print("|---|---|---|---|")
        for r in rows { print("| \(r.name) | \(r.budget) | \(r.measured) | \(r.ok ? "ok" : "MISSED") |") }
        if rows.contains(where: { !$0.ok }) { exit(1) }
    }

    static let suites: [(String, @Sendable () async throws -> Void)] = [
        ("sandbox", sandbox),
        ("tui", tui),
        ("feed", feed),
        ("live", { try await diff(); try await idle() }),
        ("memory", memory),
        ("poll", pollCost),
    ]

    /// Median of `n` runs of `body`, in milliseconds.
    static func median(_ n: Int, _ body: () async throws -> Void) async rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<n {
            let start = ContinuousClock.now
            try await body()
            let d = ContinuousClock.now - start
            times.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        return times.sorted()[times.count / 2]
    }

    static func record(_ name: String, budgetMs: Double, _ ms: Double) {
        rows.append(Row(name: name, budget: "≤ \(fmt(budgetMs)) ms", measured: "\(fmt(ms)) ms", ok: ms <= budgetMs))
    }

    static func fmt(_ v: Double) -> String { v >= 100 ? String(format: "%.0f", v) : String(format: "%.2f", v) }

    // MARK: sandbox (issue 3)

    static func sandbox() async throws {
        var config = SandboxConfig()
        config.clients = 10_000
        var world: SandboxWorld?
        let gen = await median(3) { world = SandboxGenerator.generate(.init(seed: 1, clients: 10_000)) }
        record("sandbox: generate 10,000 clients (\(world!.channels.count) channels)", budgetMs: 2000, gen)

        let engine = SandboxEngine(config: config)
        _ = try await engine.listChannels(ListQuery(limit: 1000)) // builds the sorted order once
        let inProcess = try await median(21) { _ = try await engine.listChannels(ListQuery(limit: 1000, offset: 20_000)) }
        record("sandbox: page of 1000 channels, in process", budgetMs: 50, inProcess)

        let (ports, cont) = AsyncStream.makeStream(of: Int.self)
        let server = Task { try await SandboxServer(engine: engine).run(host: "127.0.0.1", port: 0) { cont.yield($0) } }
        var it = ports.makeAsyncIterator()
        let port = await it.next()!
        let client = HTTPPartnerService(config: APIConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v2", partnerId: "sandboxPA", credentials: .apiKey("sandbox-key")))
        _ = try await client.listChannels(ListQuery(limit: 1000))
        let raw = AsyncHTTPTransport()
        let url = "http://127.0.0.1:\(port)/api/v2/partners/sandboxPA/channels?limit=1000&offset=20000"
        let served = try await median(21) { _ = try await raw.send(HTTPRequestSpec(method: "GET", url: url, headers: [("X-API-Key", "sandbox-key")]), timeout: 10) }
        record("sandbox: page of 1000 channels served over HTTP (request to last byte)", budgetMs: 50, served)
        let http = try await median(11) { _ = try await client.listChannels(ListQuery(limit: 1000, offset: 20_000)) }
        rows.append(Row(name: "client: page of 1000 channels fetched again (known by fingerprint, not decoded)", budget: "(reported)", measured: "\(fmt(http)) ms", ok: true))
        let page = try await engine.listChannels(ListQuery(limit: 1000, offset: 20_000))
        let enc = try await median(11) { _ = try HubJSON.encode(page) }
        rows.append(Row(name: "  of which: encode 1000 channels (JSONEncoder)", budget: "(reported)", measured: "\(fmt(enc)) ms", ok: true))
        let data = try HubJSON.encode(page)
        let dec = try await median(11) { _ = try HubJSON.decode(ListEnvelope<Channel>.self, from: data) }
        rows.append(Row(name: "  of which: decode 1000 channels (JSONDecoder)", budget: "(reported)", measured: "\(fmt(dec)) ms", ok: true))
        server.cancel()
    }
}
