import Foundation
import HubCore
import HubLive
import HubSandbox

extension Bench {
    /// What one live poll of 10,000 clients costs, piece by piece.
    static func rssMB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return (status.split(separator: "\n").first { $0.hasPrefix("VmRSS") }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0) / 1024
    }

    static func memory() async throws {
        let m0 = rssMB()
        let world = SandboxGenerator.generate(.init(seed: 1, clients: 10_000))
        let m1 = rssMB()
        let channels = world.channelList()
        let m2 = rssMB()
        var state = AppState(mode: .sandbox, now: Date())
        _ = reduce(&state, .snapshotLoaded(partner: nil, clients: Array(world.clients.values), channels: channels, asOf: Date(), fromCache: false))
        let m3 = rssMB()
        let page = try HubJSON.encode(ListEnvelope(items: Array(channels.prefix(1000)), total: 1000, query: ListQuery(limit: 1000)))
        let m4 = rssMB()
        var decoded: [[Channel]] = []
        for _ in 0..<48 { decoded.append(try HubJSON.decode(ListEnvelope<Channel>.self, from: page).items) }
        let m5 = rssMB()
        print("decoded 48,000 channels from JSON: +\(m5 - m4) MB")
        withExtendedLifetime(decoded) {}
        print("rss: start \(m0) MB, world \(m1) MB, channel list \(m2) MB, app state \(m3) MB; \(MemoryLayout<Channel>.size) B per Channel, \(MemoryLayout<ChannelRecord>.size) B per record")
        withExtendedLifetime((world, channels, state)) {}
    }

    static func feed() async throws {
        var config = SandboxConfig()
        config.clients = 10_000
        config.timeScale = 0
        let engine = SandboxEngine(config: config)
        _ = try await engine.partner()
        var channels: [Channel] = []
        let all = try await median(3) { channels = try await engine.allChannels() }
        rows.append(Row(name: "feed: all channels, in process (\(channels.count))", budget: "(reported)", measured: "\(fmt(all)) ms", ok: true))
        let clients = try await median(3) { _ = try await engine.allClients() }
        rows.append(Row(name: "feed: all clients, in process", budget: "(reported)", measured: "\(fmt(clients)) ms", ok: true))
        var byId: [String: Channel] = [:]
        let dict = await median(3) { byId = Dictionary(channels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) }
        rows.append(Row(name: "feed: index by id", budget: "(reported)", measured: "\(fmt(dict)) ms", ok: true))
        let copy = byId
        let eq = await median(3) { _ = byId == copy }
        rows.append(Row(name: "feed: compare two snapshots (equal)", budget: "(reported)", measured: "\(fmt(eq)) ms", ok: true))
        let feed = LiveFeed(service: engine, settings: .init(interval: 3600))
        let poll = await median(3) { _ = await feed.poll(.channels) }
        rows.append(Row(name: "feed: one poll (fetch, compare)", budget: "(reported)", measured: "\(fmt(poll)) ms", ok: true))
        var state = AppState(mode: .sandbox, now: Date())
        let cl = try await engine.allClients()
        let reduceMs = await median(3) { _ = reduce(&state, .snapshotLoaded(partner: nil, clients: cl, channels: channels, asOf: Date(), fromCache: false)) }
        rows.append(Row(name: "store: reduce a snapshot of \(channels.count) channels", budget: "(reported)", measured: "\(fmt(reduceMs)) ms", ok: true))
    }
}
