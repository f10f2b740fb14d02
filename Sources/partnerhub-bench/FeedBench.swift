import Foundation
import HubTUI
import HubCore
import HubLive
import HubSandbox

extension Bench {
    /// What one live poll of 10,000 clients costs, piece by piece.
    static func rssMB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return (status.split(separator: "\n").first { $0.hasPrefix("VmRSS") }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0) / 1024
    }

    /// Bytes in use by malloc (not RSS: freed memory that stays mapped does not count).
    static func heapMB() -> Double { Double(MemoryTuning.heapInUse) / 1_048_576 }

    static func memory() async throws {
        let h0 = heapMB()
        var w = SandboxGenerator.generate(.init(seed: 1, clients: 10_000))
        let h1 = heapMB()
        w.templates = TemplateStore()
        let h2 = heapMB()
        var payments = 0
        for k in w.channels.keys { payments += w.channels[k]!.payments.count; w.channels[k]!.payments = [] }
        let h3 = heapMB()
        let list = w.channelList()
        w.channels = ChannelTable()
        let h4 = heapMB()
        print(String(format: "heap: world %.0f MB, of which templates %.0f MB, payments (%d) %.0f MB; channels alone %.0f MB", h1 - h0, h1 - h2, payments, h2 - h3, h3 - h4))
        var app = AppState(mode: .sandbox, now: Date())
        _ = reduce(&app, .snapshotLoaded(partner: nil, clients: Array(w.clients.values), channels: list, asOf: Date(), fromCache: false))
        let h5 = heapMB()
        print(String(format: "heap: app state %.0f MB for %d channels", h5 - h4, list.count))
        withExtendedLifetime((list, app, w)) {}

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
        print("rss: start \(m0) MB, world \(m1) MB, channel list \(m2) MB, app state \(m3) MB; \(MemoryLayout<Channel>.size) B per Channel, \(MemoryLayout<ChannelRecord>.size) B per record, \(MemoryLayout<SandboxChannel>.size) B per sandbox channel, \(MemoryLayout<Client>.size) B per client")
        withExtendedLifetime((world, channels, state)) {}
    }

    /// Issue 4: diffing two snapshots of 50,000 channels (fresh objects, as decoded from the API,
    /// 1 % of them changed) in at most 20 ms.
    static func diff() async throws {
        let world = SandboxGenerator.generate(.init(seed: 1, clients: 10_600)) // a little over 50,000 channels
        // In ID order, as a poll lists them.
        let old = Array(world.channelList().sorted { $0.id < $1.id }.prefix(50_000))
        // Fresh copies, as a poll decodes them: nothing shared with the old snapshot.
        var new = try HubJSON.decode([Channel].self, from: HubJSON.encode(old))
        for i in stride(from: 0, to: new.count, by: 100) {
            new[i].accountMode = .live
            new[i].integration = Integration(appId: "1", state: "running")
        }
        var notes: [HubNotification] = []
        let ms = await median(5) { notes = ChangeDetector.notifications(old: old, new: new, at: Date()) }
        record("live: diff two snapshots of \(new.count) channels (\(notes.count) notifications)", budgetMs: 20, ms)
        var moved = new
        moved.remove(at: 25_000)
        moved.append(world.channelList().sorted { $0.id < $1.id }[50_000])
        let cameAndWent = await median(5) { notes = ChangeDetector.notifications(old: old, new: moved, at: Date()) }
        record("live: diff when numbers came and went (\(notes.count) notifications)", budgetMs: 20, cameAndWent)
        var shuffled = new
        shuffled.swapAt(0, shuffled.count - 1)
        let unordered = await median(5) { notes = ChangeDetector.notifications(old: old, new: shuffled, at: Date()) }
        rows.append(Row(name: "live: diff of lists not in ID order (index built)", budget: "(reported)", measured: "\(fmt(unordered)) ms", ok: true))
    }

    /// Issue 4: between polls the scheduler sleeps on one timer: no CPU.
    static func idle() async throws {
        var config = SandboxConfig()
        config.clients = 40
        config.timeScale = 0
        let engine = SandboxEngine(config: config)
        let feed = LiveFeed(service: engine, settings: .init(interval: 60))
        let clients = try await engine.allClients().filter(\.isDirectPayment).prefix(10).map(\.id)
        await feed.watchBalances(Set(clients), focused: clients.first)
        await feed.start()
        try await Task.sleep(nanoseconds: 1_000_000_000) // the first polls of every source
        let before = cpuSeconds()
        try await Task.sleep(nanoseconds: 5_000_000_000)
        let used = (cpuSeconds() - before) * 1000
        await feed.stop()
        rows.append(Row(name: "live: CPU of the scheduler idle for 5 s between polls (6 sources)", budget: "≤ 5 ms",
                        measured: "\(fmt(used)) ms", ok: used <= 5))
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
