import Foundation
import Testing
import HubCore
@testable import HubLive

/// The decisions of a poll for changes, without I/O (issue 14, docs/live.md).
@Suite struct ListSyncTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func client(_ id: String, _ minutes: Double?, name: String? = nil) -> Client {
        var c = Client(id: id)
        c.name = name ?? id
        c.modifiedAt = minutes.map { t0.addingTimeInterval($0 * 60) }
        return c
    }

    func page(_ items: [Client], total: Int, limit: Int = 100, sort: [String] = ["-modified_at"]) -> ListEnvelope<Client> {
        ListEnvelope(items: items, total: total, query: ListQuery(limit: limit, sort: sort))
    }

    func synced(_ list: [Client]) -> ListSync<Client> {
        var s = ListSync<Client>()
        _ = s.finishFull(list, pages: 1, now: 0)
        return s
    }

    @Test func theFirstPollAndTheResyncAreFullWalks() {
        var s = ListSync<Client>()
        #expect(s.needsFullWalk(now: 0))
        _ = s.finishFull([client("a", 0)], pages: 1, now: 0)
        #expect(!s.needsFullWalk(now: 299))
        #expect(s.needsFullWalk(now: 300)) // the default 5 minutes
        // 48 pages: at most one page a minute on average, so every 48 minutes.
        _ = s.finishFull([client("a", 0)], pages: 48, now: 1000)
        #expect(!s.needsFullWalk(now: 1000 + 2879))
        #expect(s.needsFullWalk(now: 1000 + 2880))
        s.fullRequested = true
        #expect(s.needsFullWalk(now: 1001))
    }

    @Test func readsUntilOlderThanTheNewestSeenLessTheOverlap() {
        var s = synced([client("a", 0), client("b", 10), client("c", 20)])
        _ = s.begin()
        // b changed at minute 30; c (minute 20) is within the 2-minute overlap of nothing: stop there.
        let step = s.take(page([client("b", 30, name: "B2"), client("c", 20), client("a", 0)], total: 3), offset: 0, pages: 1)
        #expect(step == .done)
        let change = s.finishChanges()
        #expect(change?.delta.upserted.map(\.name) == ["B2"])
        #expect(change?.previous["b"]?.name == "b")
        #expect(s.watermark == t0.addingTimeInterval(30 * 60))
    }

    /// Many changes: the next pages are large; past 5 pages (or half a full walk) a full walk
    /// is cheaper.
    @Test func fullPagesOfChangesAskForLargerPagesThenGiveUpForAFullWalk() {
        var s = synced([client("a", 0)])
        _ = s.begin()
        let changed = (0..<100).map { client("n\($0)", 60 - Double($0) / 1000) }
        #expect(s.take(page(changed, total: 5000), offset: 0, pages: 1) == .next(offset: 100))
        #expect(s.query(offset: 100).limit == 1000)
        var offset = 100
        for p in 2...4 {
            let more = (0..<1000).map { client("m\(p)-\($0)", 59 - Double(p) - Double($0) / 10_000) }
            #expect(s.take(page(more, total: 5000, limit: 1000), offset: offset, pages: p) == .next(offset: offset + 1000))
            offset += 1000
        }
        let last = (0..<1000).map { client("l\($0)", 50 - Double($0) / 10_000) }
        #expect(s.take(page(last, total: 5000, limit: 1000), offset: offset, pages: 5) == .fullWalk("more than 4100 changes"))

        // A partner of 48 pages may take 24 pages of changes before walking everything.
        var big = ListSync<Client>()
        _ = big.finishFull([client("a", 0)], pages: 48, now: 0)
        #expect(big.pageCeiling == 24)
    }

    /// More changes than a page arrived between two pages: the second starts with newer items.
    @Test func aLaterPageMayStartWithNewerItems() {
        var s = synced([client("a", 0), client("b", 1)])
        _ = s.begin()
        let first = (0..<100).map { client("n\($0)", 30 - Double($0) / 1000) }
        #expect(s.take(page(first, total: 102), offset: 0, pages: 1) == .next(offset: 100))
        #expect(s.take(page([client("m", 40), client("b", 1)], total: 103, limit: 1000), offset: 100, pages: 2) == .done)
        let change = s.finishChanges()
        #expect(change?.delta.upserted.count == 101)
        #expect(s.watermark == t0.addingTimeInterval(40 * 60))
    }

    @Test func aCountThatDoesNotAddUpNeedsAFullWalk() {
        var s = synced([client("a", 0), client("b", 1)])
        _ = s.begin()
        // b left: the server counts 1, we know 2, and nothing newer came.
        #expect(s.take(page([client("a", 0)], total: 1), offset: 0, pages: 1) == .done)
        #expect(s.finishChanges() == nil)
        let change = s.finishFull([client("a", 0)], pages: 1, now: 10)
        #expect(change.delta.removed == ["b"])
        #expect(change.previous["b"] != nil)
    }

    @Test func aServerThatDoesNotSortThatWayIsWalkedInFullFromThenOn() {
        var s = synced([client("a", 0), client("b", 1)])
        _ = s.begin()
        #expect(s.take(page([client("a", 0)], total: 2, sort: ["id"]), offset: 0, pages: 1)
                == .fullWalk("the server sorted by id when asked for -modified_at"))
        #expect(s.needsFullWalk(now: 1))

        var t = synced([client("a", 0), client("b", 1)])
        _ = t.begin()
        #expect(t.take(page([client("a", 0), client("b", 1)], total: 2), offset: 0, pages: 1) == .fullWalk("items not in -modified_at order (b at 2027-01-15T08:01:00Z after one at 2027-01-15T08:00:00Z, page at 0)"))
        var u = synced([client("a", 0)])
        _ = u.begin()
        #expect(u.take(page([client("a", nil)], total: 1), offset: 0, pages: 1) == .fullWalk("an item without modified_at (a)"))
    }

    @Test func deltasMergeLaterOverEarlier() {
        var d = ListDelta<Client>(upserted: [client("a", 1), client("b", 1)], removed: ["c"])
        d.merge(ListDelta(upserted: [client("c", 2), client("a", 3, name: "A3")], removed: ["b"]))
        #expect(d.upserted.compactMap(\.name).sorted() == ["A3", "c"])
        #expect(d.removed == ["b"])
    }
}
