import Foundation
import HubCore

/// One list (channels or clients) kept in step with the server at a cost that follows what
/// changed (issue 14, docs/live.md): between full walks it asks for the list sorted by
/// `-modified_at` and reads only until the items are older than the newest one the last poll
/// saw (less an overlap for late writes). A full walk happens on the first poll, every
/// `resyncInterval`, when the item count the server reports differs from ours, when the
/// agent refreshes, and for good when the server shows it does not sort that way. The
/// decisions are here, without I/O, for tests; `LiveFeed` does the requests.
public struct ListSync<Item: ModifiedListItem>: Sendable {
    public struct Policy: Sendable {
        /// Items in the first page of a poll for changes (a few changes fit in one request), and
        /// in the next ones (many changes: as few requests as possible).
        public var pageSize = 100
        public var laterPageSize = 1000
        /// A poll for changes stops and walks everything when it would need more pages than
        /// this, or than half the pages of a full walk.
        public var maxPages = 5
        /// Items modified this long before the newest seen are asked for again: a write the
        /// server made visible late (seconds of server time).
        public var overlap: TimeInterval = 120
        /// Full walks at least this often (seconds), and never more often on average than one
        /// page per `secondsPerPage` of the last full walk, so a big partner's resyncs cost at
        /// most one request a minute (49 pages: every 49 minutes; 5 pages or fewer: 5 minutes).
        public var resyncInterval: Double = 300
        public var secondsPerPage: Double = 60

        public init() {}
    }

    public enum Step: Equatable, Sendable {
        /// Ask for the next page at this offset.
        case next(offset: Int)
        /// The poll for changes is complete.
        case done
        /// A full walk is needed now (the reason is logged).
        case fullWalk(String)
    }

    public var policy: Policy
    public private(set) var items: [String: Item] = [:]
    /// The newest `modified_at` seen (server time).
    public private(set) var watermark: Date?
    /// Clock seconds of the last full walk, and its pages.
    public private(set) var lastFull: Double?
    public private(set) var fullPages = 1
    /// Set when the server showed it cannot answer polls for changes (not sorted, no dates).
    public private(set) var unsupported: String?
    /// The agent asked for a full walk (refresh now).
    public var fullRequested = false

    /// The poll for changes in progress.
    var fresh: [Item] = []
    var lastDate: Date?
    var seen = Set<String>()
    var reportedTotal: Int?

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// Items known from the cached snapshot: the first poll still walks everything.
    public mutating func seed(_ list: [Item]) {
        items = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func resyncDue(now: Double) -> Double {
        (lastFull ?? -.infinity) + max(policy.resyncInterval, policy.secondsPerPage * Double(fullPages))
    }

    /// Whether this poll must walk everything.
    public func needsFullWalk(now: Double) -> Bool {
        lastFull == nil || watermark == nil || unsupported != nil || fullRequested || now >= resyncDue(now: now)
    }

    /// The first page of a poll for changes.
    public mutating func begin() -> ListQuery {
        fresh = []
        lastDate = nil
        seen = []
        reportedTotal = nil
        return query(offset: 0)
    }

    public func query(offset: Int) -> ListQuery {
        ListQuery(limit: offset == 0 ? policy.pageSize : policy.laterPageSize, offset: offset, sort: ["-modified_at"])
    }

    /// Pages a poll for changes may take before a full walk is cheaper.
    public var pageCeiling: Int { max(policy.maxPages, fullPages / 2) }

    /// Takes one page of a poll for changes (asked for with `query(offset:)`) and says what
    /// to do next.
    public mutating func take(_ page: ListEnvelope<Item>, offset: Int, pages: Int) -> Step {
        let asked = query(offset: offset).limit ?? policy.pageSize
        if !page.sort.isEmpty, page.sort != ["-modified_at"] {
            return giveUp("the server sorted by \(page.sort.joined(separator: ",")) when asked for -modified_at")
        }
        guard let watermark else { return .fullWalk("nothing seen yet") }
        let cutoff = watermark - policy.overlap
        reportedTotal = page.total
        // In order within a page. A later page may start with newer items: they changed after
        // the first page was read and moved ahead (more changes than a page, e.g. the sandbox's
        // walk-in); they are changes too, and the ones that went ahead unseen are at or after
        // the new watermark, so the next poll has them.
        lastDate = nil
        for item in page.items {
            guard let date = item.modifiedAt else { return giveUp("an item without modified_at (\(Sanitizer.oneLine(item.id, max: 40)))") }
            if let last = lastDate, date > last {
                return giveUp("items not in -modified_at order (\(Sanitizer.oneLine(item.id, max: 40)) at \(Timestamp.format(date)) after one at \(Timestamp.format(last)), page at \(offset))")
            }
            lastDate = date
            if date < cutoff { return .done }
            if seen.insert(item.id).inserted { fresh.append(item) }
        }
        let short = page.items.count < min(asked, max(1, page.limit))
        if page.items.isEmpty || short || offset + page.items.count >= page.total { return .done }
        if pages >= pageCeiling { return .fullWalk("more than \(offset + page.items.count) changes") }
        return .next(offset: offset + page.items.count)
    }

    /// What a poll changed, with the earlier versions of the items it touched (for the
    /// notifications).
    public struct Change: Sendable {
        public var delta: ListDelta<Item>
        public var previous: [String: Item]
    }

    /// Ends a poll for changes: what changed, or nil when the counts disagree (some item left
    /// or came without a newer date): then a full walk is needed.
    public mutating func finishChanges() -> Change? {
        let changed = fresh.filter { items[$0.id] != $0 }
        let added = changed.filter { items[$0.id] == nil }.count
        if let total = reportedTotal, total != items.count + added { return nil }
        let change = Change(delta: ListDelta(upserted: changed), previous: previous(of: changed.map(\.id)))
        change.delta.apply(to: &items)
        advanceWatermark(changed)
        return change
    }

    /// A full walk's list: what changed against what was known.
    public mutating func finishFull(_ list: [Item], pages: Int, now: Double) -> Change {
        let delta = ListDelta.between(items, list)
        let change = Change(delta: delta, previous: previous(of: delta.upserted.map(\.id) + delta.removed))
        // In place: building a second table of 48,439 items beside the first was a peak of
        // memory during the embedded sandbox's walk-in. `delta` turns `items` into `list`.
        delta.apply(to: &items)
        watermark = list.compactMap(\.modifiedAt).max()
        lastFull = now
        fullPages = max(1, pages)
        fullRequested = false
        return change
    }

    func previous(of ids: [String]) -> [String: Item] {
        var out: [String: Item] = [:]
        for id in ids { out[id] = items[id] }
        return out
    }

    mutating func advanceWatermark(_ changed: [Item]) {
        if let newest = changed.compactMap(\.modifiedAt).max(), newest > (watermark ?? .distantPast) { watermark = newest }
    }

    mutating func giveUp(_ reason: String) -> Step {
        unsupported = reason
        return .fullWalk(reason)
    }
}
