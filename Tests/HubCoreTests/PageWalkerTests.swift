import Foundation
import Testing
@testable import HubCore

/// The walk of every page stops at a ceiling of pages, items or bytes, whichever comes first,
/// with an error that says which; an honest large partner is well under all three.
@Suite struct PageWalkerTests {
    func page(from offset: Int, count: Int, bytes: Int) -> ListEnvelope<Channel> {
        var q = ListQuery()
        q.limit = count
        q.offset = offset
        return ListEnvelope(items: (offset..<offset + count).map { Channel(id: "ch\($0)") }, total: 10_000_000, query: q)
            .withWireBytes(bytes)
    }

    @Test func bytesStopAWalkOfFatPages() throws {
        var walker = PageWalker<Channel>(pageSize: 400)
        var offset = 0
        var stopped: ServiceError?
        while stopped == nil {
            do {
                guard try walker.next() != nil else { break }
                walker.take(page(from: offset, count: 400, bytes: 8 << 20))
                offset += 400
            } catch { stopped = error }
        }
        let error = stopped
        #expect(walker.pages == 12, "96 MB of 8 MB pages: 12 pages, far below 100,000 items (\(walker.items.count))")
        #expect(error?.description.contains("stopped after 12 pages, 4800 items and 96 MB") == true, "\(String(describing: error))")
    }

    @Test func aLargePartnerIsUnderEveryCeiling() throws {
        // 48,439 channels of the sandbox's size (about 1 KB each), in pages of 1,000.
        var walker = PageWalker<Channel>(pageSize: 1000)
        var offset = 0
        while let _ = try walker.next() {
            let count = min(1000, 48_439 - offset)
            var p = page(from: offset, count: count, bytes: count * 1060)
            p.total = 48_439
            walker.take(p)
            offset += count
        }
        #expect(walker.items.count == 48_439)
        #expect(walker.bytes < PageWalker<Channel>.maxBytes / 2 + (2 << 20))
    }
}
