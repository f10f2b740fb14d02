import Foundation
import HubCore

/// The channel and client lists: polls for changes or full walks (`ListSync`), and what
/// changed handed to the store and the database (issue 14, docs/live.md).
extension LiveFeed {
    /// Channels and clients together make the snapshot; it goes out when either changed and
    /// both are known.
    func pollChannels() async throws {
        // Nothing on screen yet (no cache): the first page goes out as soon as it is here, the
        // rest with the whole walk (49 pages of a big partner take a while to arrive).
        let early: (([Channel], Int) async -> Void)? = channelsKnown || seeded || !settings.firstPageEarly ? nil : { [weak self] first, total in
            await self?.publishEarly(first, total: total)
        }
        guard let change = try await sync(channelSync, "channels", page: { try await self.service.listChannels($0) },
                                          all: { try await self.service.allChannels() }, firstPage: early) else { return }
        if channelsKnown || seeded {
            for note in ChangeDetector.notifications(change.delta, previous: change.previous, at: now()) { notify(note) }
        }
        channelsKnown = true
        pendingChannels.merge(change.delta)
        await publish(at: now())
    }

    func pollClients() async throws {
        if partner == nil { partner = try await service.partner() }
        guard let change = try await sync(clientSync, "clients", page: { try await self.service.listClients($0) },
                                          all: { try await self.service.allClients() }) else { return }
        clientsKnown = true
        pendingClients.merge(change.delta)
        await publish(at: now())
    }

    /// One poll of a list: the changes since the last one (pages sorted by `-modified_at`), or
    /// a full walk when that is due or the changes do not add up. Nil: nothing changed.
    func sync<Item>(_ box: Synced<Item>, _ name: String,
                    page: (ListQuery) async throws -> ListEnvelope<Item>,
                    all: () async throws -> [Item],
                    firstPage: (([Item], _ total: Int) async -> Void)? = nil) async throws -> ListSync<Item>.Change? {
        let t = await scheduler.now()
        if !box.state.needsFullWalk(now: t) {
            var query = box.state.begin()
            var pages = 0
            var reason: String?
            walk: while true {
                let answer = try await page(query)
                pages += 1
                switch box.state.take(answer, offset: query.offset, pages: pages) {
                case .next(let offset): query = box.state.query(offset: offset)
                case .done: break walk
                case .fullWalk(let why): reason = why; break walk
                }
            }
            if reason == nil {
                if let change = box.state.finishChanges() { return change.delta.isEmpty ? nil : change }
                reason = "the server counts a different number of \(name)"
            }
            if let reason, box.state.unsupported == reason {
                logger.warning("\(name): asking for changes by -modified_at does not work here (\(reason)); every poll walks all pages")
            }
        }
        var list: [Item]
        if let firstPage {
            // Walked here (not by the service) to hand the first page over on its way.
            var walker = PageWalker<Item>(pageSize: 1000)
            while let q = try walker.next() {
                let answer = try await page(q)
                walker.take(answer)
                if walker.pages == 1, (try? walker.next()).flatMap({ $0 }) != nil { await firstPage(walker.items, answer.total) }
            }
            list = walker.items
        } else {
            list = try await all()
        }
        let change = box.state.finishFull(list, pages: max(1, (list.count + 999) / 1000), now: await scheduler.now())
        // A first answer is news even when it matches the cache.
        let known = box === channelSync ? channelsKnown : clientsKnown
        return change.delta.isEmpty && known ? nil : change
    }

    /// The first page of the very first walk, for the screen only (not saved, not compared):
    /// the whole list follows as the first snapshot.
    func publishEarly(_ channels: [Channel], total: Int) {
        sink.yield(.partialSnapshotLoaded(partner: partner, clients: Array(clientSync.state.items.values), channels: channels,
                                          asOf: now(), fromCache: false, total: total))
    }

    /// Hands what changed to the store and the database. The first live snapshot goes to the
    /// store in full (it replaces a cached one); after that only changes travel.
    func publish(at t: Date) async {
        guard channelsKnown, clientsKnown else { return }
        if publishedLive, pendingChannels.isEmpty, pendingClients.isEmpty { return }
        let channels = pendingChannels, clients = pendingClients
        pendingChannels = ListDelta()
        pendingClients = ListDelta()
        if publishedLive {
            sink.yield(.snapshotChanged(partner: partner, clients: clients, channels: channels, asOf: t))
        } else {
            sink.yield(.snapshotLoaded(partner: partner, clients: Array(clientSync.state.items.values), channels: sortedChannels(), asOf: t, fromCache: false))
            publishedLive = true
        }
        await save(channels: channels, clients: clients, at: t)
    }

    /// Only the rows that changed; everything when the database may not hold the rest.
    func save(channels: ListDelta<Channel>, clients: ListDelta<Client>, at t: Date) async {
        guard let database else { return }
        do {
            if databaseInSync {
                let prints = await (service as? any ChannelDecodeCache)?.fingerprints(of: channels.upserted.map(\.id)) ?? [:]
                try await database.saveChanges(connection: connectionKey, partner: partner, clients: clients, channels: channels,
                                         fingerprints: prints, asOf: t)
            } else {
                let all = sortedChannels()
                try await database.saveSnapshot(connection: connectionKey, partner: partner, clients: Array(clientSync.state.items.values), channels: all,
                                                asOf: t, previousChannels: nil, previousClients: nil, fingerprints: await (service as? any ChannelDecodeCache)?.fingerprints(of: all.map(\.id)) ?? [:])
                databaseInSync = true
            }
        } catch {
            logger.error("saving the snapshot: \(Sanitizer.oneLine(String(describing: error)))")
            databaseInSync = false // the next save writes everything
        }
    }

    /// Why polls for changes do not work here, if they do not (tests, `:live-status`).
    public var channelChangesUnsupported: String? { channelSync.state.unsupported }
    /// The channels as last polled, by ID (tests).
    public var knownChannels: [String: Channel] { channelSync.state.items }

    func sortedChannels() -> [Channel] {
        channelSync.state.items.values.sorted { $0.id < $1.id }
    }
}

/// One list's `ListSync`, held by reference so a poll updates it in place across its awaits
/// (an agent's refresh during a walk is not lost). Only the feed's actor touches it.
final class Synced<Item: ModifiedListItem> {
    var state: ListSync<Item>
    init(_ state: ListSync<Item>) { self.state = state }
}
