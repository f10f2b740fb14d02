import Foundation
import HubCore
import HubLive
import HubSandbox
@testable import HubTeam

/// What one agent's feed handed to its store: the notifications in order with when they
/// arrived, and the lists as the actions left them.
actor Collected {
    var notes: [(HubNotification, Date)] = []
    var channels: [String: Channel] = [:]
    var snapshots = 0
    var statuses: [LiveStatus] = []
    var balances: [String: ClientBalance] = [:]

    func take(_ a: Action) {
        switch a {
        case .snapshotLoaded(_, _, let list, _, _):
            snapshots += 1
            channels = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        case .snapshotChanged(_, _, let delta, _):
            for c in delta.upserted { channels[c.id] = c }
            for id in delta.removed { channels[id] = nil }
        case .notify(let n): notes.append((n, Date()))
        case .liveStatusChanged(let s): statuses.append(s)
        case .balanceLoaded(let id, let b): balances[id] = b
        default: break
        }
    }

    var noteIDs: [String] { notes.map { "\($0.0.id)|\($0.0.text)" } }
    var lastStatus: LiveStatus? { statuses.last }
}

/// A sandbox on a manual clock (time moves when the test says), a poller or two on it, and
/// agents' feeds, all on one test database.
struct TeamHarness {
    let url: TeamDatabaseURL
    let time: ManualTime
    let engine: SandboxEngine
    static let key = "sandbox:team-test"

    static func make(clients: Int = 8) async throws -> TeamHarness {
        let url = try await TestPostgres.fresh()
        // Whole seconds: the JSON in the tables keeps dates to the second (HubJSON).
        let time = ManualTime(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        var config = SandboxConfig()
        config.clients = clients
        config.seed = 5
        config.timeScale = 1
        let engine = SandboxEngine(config: config, time: TimeSource { time.now })
        return TeamHarness(url: url, time: time, engine: engine)
    }

    /// A poller every second; returns it and the task running it (cancel: it stops and lets go).
    func service(_ holder: String, roles: RoleLog? = nil, webhooks: WebhookListener? = nil) -> (TeamService, Task<Void, Never>) {
        var options = TeamService.Options(settings: LiveFeed.Settings(interval: 1), holder: holder)
        options.takeoverCheck = 0.2
        options.webhookListen = webhooks
        let s = TeamService(url: url, service: engine, connection: Self.key, options: options, report: { r in
            if let roles { Task { await roles.add(holder, r) } }
        }, webhookReport: { w in
            if let roles, case .listening(let port) = w { Task { await roles.listened(holder, port) } }
        })
        return (s, Task { await s.run() })
    }

    func feed(_ agent: String) async -> (TeamFeed, Collected, Task<Void, Never>) {
        let f = TeamFeed(url: url, connection: Self.key, safetyInterval: 1)
        let c = Collected()
        let t = Task { for await a in f.actions { await c.take(a) } }
        await f.start()
        return (f, c, t)
    }

    /// Sandbox time moves on: channels walk on, refunds settle.
    func advance(_ seconds: TimeInterval) { time.advance(by: seconds) }
}

actor RoleLog {
    var log: [(String, TeamService.Role, Date)] = []
    func add(_ who: String, _ r: TeamService.Role) { log.append((who, r, Date())) }
    func polling() -> [String] { log.filter { $0.1 == .polling }.map(\.0) }
    func firstPolling(_ who: String) -> Date? { log.first { $0.0 == who && $0.1 == .polling }?.2 }
    /// The port `who` last said it receives webhook events on.
    var ports: [String: Int] = [:]
    func listened(_ who: String, _ port: Int) { ports[who] = port }
    func listening(_ who: String) -> Int? { ports[who] }
}
