import Foundation
import Testing
import HubAPI
import HubCore
@testable import HubSandbox
@testable import HubLive

/// Issue 14 over real HTTP against the sandbox: after the first full walk a poll with nothing
/// changed is one request and decodes nothing; a change is one request and one decode; a
/// number that left is found by the count and a full walk; refresh walks everything again
/// without decoding what did not change.
@Suite(.serialized) struct IncrementalPollTests {
    actor Log {
        var actions: [Action] = []
        func add(_ a: Action) { actions.append(a) }
        func changes() -> [ListDelta<Channel>] {
            actions.compactMap { if case .snapshotChanged(_, _, let c, _) = $0 { return c }; return nil }
        }
        func full() -> Int { actions.filter { if case .snapshotLoaded = $0 { return true }; return false }.count }
    }

    @Test func aPollCostsWhatChanged() async throws {
        var config = SandboxConfig()
        config.clients = 300
        config.timeScale = 0
        let engine = SandboxEngine(config: config)
        let server = SandboxServer(engine: engine)
        let (api, serving) = try await serve(server)
        defer { serving.cancel() }
        let service = HTTPPartnerService(config: api)
        let feed = LiveFeed(service: service, settings: .init(interval: 30))
        let log = Log()
        let collecting = Task { for await a in feed.actions { await log.add(a) } }

        #expect(await feed.poll(.clients) == .success)
        let clients = await service.decodedItems
        #expect(clients == 300)
        #expect(await feed.poll(.channels) == .success)
        let total = try await engine.allChannels().count
        #expect(total > 1000, "more than one page of channels")
        #expect(await service.decodedItems == clients + total)
        let kinds = server.requests.kinds
        let walk = kinds.filter { $0.key.contains("/channels") }.values.reduce(0, +)
        #expect(walk == (total + 999) / 1000, "the first poll walks every page: \(kinds)")

        // Nothing changed: one request each, sorted by -modified_at, nothing decoded.
        let before = server.requests.total
        for _ in 0..<3 { #expect(await feed.poll(.channels) == .success) }
        #expect(server.requests.total - before == 3)
        #expect(server.requests.kinds["GET /api/v2/partners/:id/channels sort=-modified_at"] == 3)
        #expect(await service.decodedItems == clients + total)

        // One channel changed: one request, one decode, one change for the store.
        let id = try #require(try await engine.allChannels().map(\.id).sorted().dropFirst(500).first)
        await engine.mutateChannel(id) { $0.setupInfo?.phoneName = "Renamed" }
        let beforeChange = server.requests.total
        #expect(await feed.poll(.channels) == .success)
        #expect(server.requests.total - beforeChange == 1)
        #expect(await service.decodedItems == clients + total + 1)

        // A number left: the count differs, so the same poll walks everything.
        let gone = try #require(try await engine.allChannels().map(\.id).sorted().first)
        await engine.dropChannel(gone)
        #expect(await feed.poll(.channels) == .success)
        #expect(await service.decodedItems == clients + total + 1, "a full walk decodes nothing that did not change")

        // Refresh now: a full walk, still nothing decoded.
        _ = await feed.refreshNow()
        let beforeRefresh = server.requests.total
        #expect(await feed.poll(.channels) == .success)
        #expect(server.requests.total - beforeRefresh == (total - 1 + 999) / 1000)
        #expect(await service.decodedItems == clients + total + 1)

        // The clients' full walk decodes nothing either.
        #expect(await feed.poll(.clients) == .success)
        #expect(await service.decodedItems == clients + total + 1)

        await feed.stop()
        _ = await collecting.value
        #expect(await log.full() == 1)
        let changes = await log.changes()
        #expect(changes.map { $0.upserted.map(\.id) } == [[id], []])
        #expect(changes.map(\.removed) == [[], [gone]])
        #expect(changes.first?.upserted.first?.setupInfo?.phoneName == "Renamed")
    }

    /// With nothing on screen (no cache), the TUI's feed hands over the first page of the first
    /// walk at once; the whole list follows. `watch`'s feed (the default) does not.
    @Test func theFirstPageOfTheFirstWalkIsShownEarly() async throws {
        var config = SandboxConfig()
        config.clients = 300
        config.timeScale = 0
        let engine = SandboxEngine(config: config)
        let total = try await engine.allChannels().count
        for early in [true, false] {
            var settings = LiveFeed.Settings(interval: 30)
            settings.firstPageEarly = early
            let feed = LiveFeed(service: engine, settings: settings)
            let log = Log()
            let collecting = Task { for await a in feed.actions { await log.add(a) } }
            #expect(await feed.poll(.clients) == .success)
            #expect(await feed.poll(.channels) == .success)
            await feed.stop()
            _ = await collecting.value
            let sizes = await log.actions.compactMap { action -> String? in
                switch action {
                case .snapshotLoaded(_, _, let c, _, _): return "\(c.count)"
                case .partialSnapshotLoaded(_, _, let c, _, _, let of): return "\(c.count) of \(of)"
                default: return nil
                }
            }
            // The first page says how many are still to come: the header shows "1000 of …".
            #expect(sizes == (early ? ["1000 of \(total)", "\(total)"] : ["\(total)"]))
        }
    }
}


/// The embedded sandbox through the walk-in: every poll after the first asks for changes only.
@Suite struct EmbeddedIncrementalTests {
    @Test func theWalkInIsFollowedByPollsForChanges() async throws {
        let time = ManualTime(Date(timeIntervalSince1970: 1_763_769_600 + 3600))
        var config = SandboxConfig()
        config.clients = 300
        config.reference = Date(timeIntervalSince1970: 1_763_769_600)
        let engine = SandboxEngine(config: config, time: time.source)
        let feed = LiveFeed(service: engine, settings: .sandbox)
        #expect(await feed.poll(.clients) == .success)
        #expect(await feed.poll(.channels) == .success)
        for step in 0..<200 {
            time.advance(by: 3)
            #expect(await feed.poll(.channels) == .success)
            let why = await feed.channelChangesUnsupported
            #expect(why == nil, "step \(step): \(why ?? "")")
            if why != nil { break }
        }
        let truth = try await engine.allChannels()
        #expect(await feed.knownChannels.count == truth.count)
        #expect(await feed.knownChannels == Dictionary(uniqueKeysWithValues: truth.map { ($0.id, $0) }))
        await feed.stop()
    }
}
