import Foundation

/// The items key of a list response: `clients`, `partner_channels`, `waba_templates` ...
public protocol ListItem: Codable, Sendable {
    static var listKey: String { get }
    /// Walks of every page de-duplicate by it (`Paging`).
    var id: String { get }
}

extension Client: ListItem { public static let listKey = "clients" }
extension Channel: ListItem { public static let listKey = "partner_channels" }
extension Template: ListItem { public static let listKey = "waba_templates" }
extension PartnerChangeRequest: ListItem { public static let listKey = "partner_change_requests" }

/// `{count, filters, limit, offset, sort, total, <key>: [...]}` (reference §3).
public struct ListEnvelope<Item: ListItem>: Codable, Sendable {
    public var count: Int
    public var filters: [String: JSONValue]
    public var limit: Int
    public var offset: Int
    public var sort: [String]
    public var total: Int
    public var items: [Item]
    /// The size of the response body this page came in (0 when it came from no wire): walks
    /// stop at a ceiling of bytes too (`PageWalker`), as items can be of any size.
    public var wireBytes = 0

    public init(items: [Item], total: Int, query: ListQuery) {
        self.items = items
        self.count = items.count
        self.total = total
        self.filters = query.filters
        self.limit = query.limit ?? ListQuery.defaultLimit
        self.offset = query.offset
        self.sort = query.sort
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The items key after the decoder's snake_case conversion (`partner_channels` -> `partnerChannels`).
    static var itemsKey: Key { Key(Item.listKey.camelCased) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        items = try c.decode([Item].self, forKey: Self.itemsKey)
        count = try c.decodeIfPresent(Int.self, forKey: Key("count")) ?? items.count
        total = try c.decodeIfPresent(Int.self, forKey: Key("total")) ?? count
        limit = try c.decodeIfPresent(Int.self, forKey: Key("limit")) ?? count
        offset = try c.decodeIfPresent(Int.self, forKey: Key("offset")) ?? 0
        filters = (try? c.decodeIfPresent([String: JSONValue].self, forKey: Key("filters"))) ?? [:]
        // `sort` is echoed as an array; accept a single string too.
        if let list = try? c.decodeIfPresent([String].self, forKey: Key("sort")) {
            sort = list
        } else if let one = try? c.decodeIfPresent(String.self, forKey: Key("sort")) {
            sort = one.split(separator: ",").map(String.init)
        } else {
            sort = []
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(count, forKey: Key("count"))
        try c.encode(filters, forKey: Key("filters"))
        try c.encode(limit, forKey: Key("limit"))
        try c.encode(offset, forKey: Key("offset"))
        try c.encode(sort, forKey: Key("sort"))
        try c.encode(total, forKey: Key("total"))
        try c.encode(items, forKey: Self.itemsKey)
    }
}

/// A decoded response that keeps the size of the body it came from.
public protocol WireSized {
    func withWireBytes(_ bytes: Int) -> Self
}

extension ListEnvelope: WireSized {
    public func withWireBytes(_ bytes: Int) -> Self {
        var copy = self
        copy.wireBytes = bytes
        return copy
    }
}

/// Filters, paging and sort of a list call (reference §3): filters are dotted keys compared
/// for equality; sort keys take `-` for descending.
public struct ListQuery: Hashable, Sendable {
    public static let defaultLimit = 20

    public var filters: [String: JSONValue]
    public var limit: Int?
    public var offset: Int
    public var sort: [String]

    public init(filters: [String: JSONValue] = [:], limit: Int? = nil, offset: Int = 0, sort: [String] = []) {
        self.filters = filters
        self.limit = limit
        self.offset = offset
        self.sort = sort
    }

    /// Query items exactly as the API expects: `filters` as compact JSON, `sort` comma-joined.
    public var queryItems: [URLQueryItem] {
        var items: [URLQueryItem] = []
        if !filters.isEmpty,
           let data = try? HubJSON.encoder().encode(filters), let json = String(data: data, encoding: .utf8) {
            items.append(URLQueryItem(name: "filters", value: json))
        }
        if let limit { items.append(URLQueryItem(name: "limit", value: String(limit))) }
        if offset != 0 { items.append(URLQueryItem(name: "offset", value: String(offset))) }
        if !sort.isEmpty { items.append(URLQueryItem(name: "sort", value: sort.joined(separator: ","))) }
        return items
    }
}
