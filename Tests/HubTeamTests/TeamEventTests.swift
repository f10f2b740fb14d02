import Foundation
import HubCore
import HubSandbox
import Testing
@testable import HubTeam

/// What the poller writes, every agent reads back the same: each event kind through JSON,
/// with the sandbox's own values (balances, funds, requests, templates, lists).
@Suite(.tags(.postgres)) struct TeamEventTests {
    static func roundTrip(_ e: TeamEvent) throws -> TeamEvent {
        try HubJSON.decode(TeamEvent.self, from: try HubJSON.encoder().encode(e))
    }

    @Test func everyKindSurvivesTheTable() async throws {
        var config = SandboxConfig()
        config.clients = 12
        let engine = SandboxEngine(config: config)
        let channels = try await engine.allChannels(query: ListQuery())
        let clients = try await engine.allClients(query: ListQuery())
        let partner = try await engine.partner()

        let delta = ListDelta(upserted: Array(channels.prefix(3)), removed: ["gone1"])
        guard case .changes(let p, let cl, let ch, _) = try Self.roundTrip(.changes(partner: partner, clients: ListDelta(upserted: clients), channels: delta, asOf: Date())) else {
            Issue.record("changes"); return
        }
        #expect(p == partner && cl.upserted == clients && ch.removed == ["gone1"])
        #expect(try ch.upserted.map { try HubJSON.encoder().encode($0) } == delta.upserted.map { try HubJSON.encoder().encode($0) })

        for client in clients {
            guard let b = try? await engine.clientBalance(clientId: client.id, period: .currentMonth) else { continue }
            guard case .balance(let id, let back) = try Self.roundTrip(.balance(clientId: client.id, b)) else { Issue.record("balance"); return }
            #expect(id == client.id && back == b)
        }
        for channel in channels.prefix(10) {
            guard let f = try? await engine.funds(channelId: channel.id) else { continue }
            guard case .funds(let back) = try Self.roundTrip(.funds(f)) else { Issue.record("funds"); return }
            #expect(back == f)
        }
        let requests = try await engine.listPartnerChangeRequests(ListQuery(limit: 100)).items
        guard case .partnerChanges(let backRequests) = try Self.roundTrip(.partnerChanges(requests)) else { Issue.record("requests"); return }
        // Dates travel to the second (HubJSON), as the snapshot in SQLite keeps them.
        #expect(try HubJSON.encoder().encode(backRequests) == HubJSON.encoder().encode(requests) && backRequests.map(\.id) == requests.map(\.id))
        if let waba = channels.first?.wabaAccountId {
            let templates = try await engine.listTemplates(wabaAccountId: waba, ListQuery(limit: 100)).items
            guard case .templates(let w, let back) = try Self.roundTrip(.templates(wabaAccountId: waba, templates)) else { Issue.record("templates"); return }
            #expect(w == waba && back == templates)
        }
        let note = HubNotification(id: "n1", level: .warning, time: Date(timeIntervalSince1970: 1_800_000_000), channelId: "c", clientId: nil, text: "Crème \u{1b}[31m")
        guard case .notify(let n) = try Self.roundTrip(.notify(note)) else { Issue.record("notify"); return }
        #expect(n == note)
        let status = LiveStatus(phase: .backingOff(reason: "429", retryAt: Date(timeIntervalSince1970: 1_800_000_100)), lastSuccess: Date(timeIntervalSince1970: 1_800_000_000),
                                sources: [SourceStatus(name: "channels", error: "429", used: 1, budget: "1 per 3 s")])
        guard case .status(let s) = try Self.roundTrip(.status(status)) else { Issue.record("status"); return }
        #expect(s == status)
    }

    /// The engine actions agents need become events and come back as the same actions; the
    /// poller's own (a first page, keys) do not travel.
    @Test func actionsMapBothWays() {
        #expect(TeamEvent(.partialSnapshotLoaded(partner: nil, clients: [], channels: [], asOf: Date(), fromCache: false, total: 1)) == nil)
        #expect(TeamEvent(.quit) == nil)
        #expect(TeamEvent(.clientDataFailed(clientId: "c1", reason: "403"))?.kind == "client-data-failed")
        if case .clientDataFailed(let id, let reason)? = TeamEvent(.clientDataFailed(clientId: "c1", reason: "403"))?.action {
            #expect(id == "c1" && reason == "403")
        } else { Issue.record("clientDataFailed") }
        #expect(TeamEvent.snapshot(asOf: Date()).action == nil)
    }
}
