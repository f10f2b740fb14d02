import Foundation

/// Walking every page of a list, safely against servers that do not behave: a page that comes
/// back short, a page with nothing new, or `total` reached ends the walk; IDs seen twice are
/// kept once; and a server that keeps sending new full pages is stopped at a ceiling with an
/// error that says so (it made partnerhub fetch and grow forever otherwise). The ceilings are
/// twice a large partner (50,000 channels are 50 pages of 1,000, about 50 MB of JSON from the
/// sandbox, 21 MB from the real API's shape). Bytes are counted as well as items: a server
/// sending items of 20 KB each reached 2 GB long before 100,000 items (docs/hardening.md).
public struct PageWalker<Item: ListItem> {
    public static var maxPages: Int { 400 }
    public static var maxItems: Int { 100_000 }
    public static var maxBytes: Int { 96 << 20 }

    public private(set) var items: [Item] = []
    public private(set) var pages = 0
    /// Response bytes taken so far (pages that came over HTTP).
    public private(set) var bytes = 0
    let pageSize: Int
    var query: ListQuery
    var seen = Set<String>()
    var done = false

    public init(pageSize: Int = 1000, query: ListQuery = ListQuery()) {
        self.pageSize = max(1, pageSize)
        self.query = query
        self.query.limit = self.pageSize
    }

    /// The next page to ask for; nil when the walk is over. Throws at the ceiling.
    public func next() throws(ServiceError) -> ListQuery? {
        if done { return nil }
        if pages >= Self.maxPages || items.count >= Self.maxItems || bytes >= Self.maxBytes {
            throw .malformed(MalformedResponse(path: Item.listKey,
                reason: "the server kept sending pages: stopped after \(pages) pages, \(items.count) items and \(bytes >> 20) MB (the ceiling is \(Self.maxPages) pages, \(Self.maxItems) items or \(Self.maxBytes >> 20) MB)"))
        }
        return query
    }

    /// Takes a page's new items (through `keep`, which may share memory with what is known).
    public mutating func take(_ page: ListEnvelope<Item>, keep: (Item) -> Item = { $0 }) {
        pages += 1
        bytes += page.wireBytes
        var fresh = 0
        for item in page.items where seen.insert(item.id).inserted {
            items.append(keep(item))
            fresh += 1
        }
        // The server may cap `limit` below what was asked: a page is short when it has fewer
        // items than both the asked and the echoed limit.
        let short = page.items.count < min(pageSize, max(1, page.limit))
        if page.items.isEmpty || fresh == 0 || short || items.count >= page.total { done = true }
        query.offset += page.items.count
    }
}

public enum Paging {
    /// Every page of a list through `fetch`.
    public static func walk<Item: ListItem>(pageSize: Int = 1000, query: ListQuery = ListQuery(),
                                             _ fetch: (ListQuery) async throws -> ListEnvelope<Item>) async throws -> [Item] {
        var walker = PageWalker<Item>(pageSize: pageSize, query: query)
        while let q = try walker.next() { walker.take(try await fetch(q)) }
        return walker.items
    }
}
