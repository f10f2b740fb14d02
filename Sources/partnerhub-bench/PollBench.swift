import Foundation
import HubAPI
import HubCore
import HubSandbox

/// Issue 14: what a poll costs at 10,000 clients (about 48,000 channels). The process budgets
/// (CPU, requests per minute, memory, first frame) are measured from outside by
/// scripts/measure-live.sh; these rows are the pieces.
extension Bench {
    static func processCPU() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000
    }

    static func pollCost() async throws {
        var config = SandboxConfig()
        config.clients = 10_000
        config.timeScale = 0
        let engine = SandboxEngine(config: config)

        // Decoding one page of 1000, each way (Foundation's JSONDecoder is the only decoder in
        // the package set; JSONSerialization is Foundation's other parser).
        let page = try await engine.listChannels(ListQuery(limit: 1000, offset: 20_000))
        let data = try HubJSON.encode(page)
        let whole = try await median(7) { _ = try HubJSON.decode(ListEnvelope<Channel>.self, from: data) }
        rows.append(Row(name: "poll: decode a page of 1000 with JSONDecoder", budget: "(reported)", measured: "\(fmt(whole)) ms", ok: true))
        let parse = try await median(7) { _ = try JSONSerialization.jsonObject(with: data) }
        rows.append(Row(name: "poll: parse the same page with JSONSerialization (no model)", budget: "(reported)", measured: "\(fmt(parse)) ms", ok: true))
        let scanOnly = await median(21) {
            guard let p = JSONListScanner.scan(data, itemsKey: Channel.listKey) else { return }
            for r in p.items { _ = JSONListScanner.fingerprint(data, r); _ = JSONListScanner.stringField(data, in: r, key: "id") }
        }
        rows.append(Row(name: "poll: scan + fingerprint a page of 1000 (nothing changed)", budget: "(reported)", measured: "\(fmt(scanOnly)) ms", ok: true))

        let (ports, cont) = AsyncStream.makeStream(of: Int.self)
        let sandbox = SandboxServer(engine: engine)
        let server = Task { try await sandbox.run(host: "127.0.0.1", port: 0) { cont.yield($0) } }
        defer { server.cancel() }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { return }
        let client = HTTPPartnerService(config: APIConfiguration(baseURL: "http://127.0.0.1:\(port)/api/v2", partnerId: "sandboxPA", credentials: .apiKey("sandbox-key")))

        // A full walk: the first decodes everything, a resync only what changed (nothing here).
        var cpu0 = processCPU(), t0 = Date()
        let first = try await client.allChannels()
        let coldCPU = processCPU() - cpu0, coldWall = Date().timeIntervalSince(t0) * 1000
        rows.append(Row(name: "poll: first full walk of \(first.count) channels over HTTP (decodes all)", budget: "(reported)",
                        measured: "\(fmt(coldWall)) ms, CPU \(fmt(coldCPU)) ms (client and sandbox in one process)", ok: true))
        cpu0 = processCPU(); t0 = Date()
        let decodedBefore = await client.decodedItems
        _ = try await client.allChannels()
        let warmCPU = processCPU() - cpu0, warmWall = Date().timeIntervalSince(t0) * 1000
        let decoded = await client.decodedItems - decodedBefore
        rows.append(Row(name: "poll: full resync of \(first.count) channels, nothing changed (CPU, client and sandbox in one process)",
                        budget: "≤ 1000 ms", measured: "\(fmt(warmCPU)) ms CPU, \(fmt(warmWall)) ms, \(decoded) decoded", ok: warmCPU <= 1000 && decoded == 0))

        // A poll for changes: one page of 100 by -modified_at.
        let changes = try await median(11) { _ = try await client.listChannels(ListQuery(limit: 100, sort: ["-modified_at"])) }
        rows.append(Row(name: "poll: one poll for changes over HTTP (page of 100 by -modified_at)", budget: "(reported)", measured: "\(fmt(changes)) ms", ok: true))
        let inProcess = try await median(11) { _ = try await engine.listChannels(ListQuery(limit: 100, sort: ["-modified_at"])) }
        rows.append(Row(name: "poll: the same in process (the embedded sandbox)", budget: "(reported)", measured: "\(fmt(inProcess)) ms", ok: true))
    }
}
