import Foundation

/// One client as the clients view lists it (C9, C10, C11): its numbers live and needing
/// action, max channels, payment model, balance where it applies, partner payload. Derived
/// from the records in one pass when the view is shown or its data changes.
public struct ClientRow: Equatable, Sendable, Identifiable {
    public let id: String
    public let company: String
    let companySortKey: String
    public let numbers: Int
    public let live: Int
    public let needingAction: Int
    public let maxChannels: Int?
    public let payment: ClientPayment
    public var directPayment: Bool { payment == .direct }
    /// Only for direct-payment clients (C10: 0 and meaningless for the others).
    public let balance: Money?
    public let partnerPayload: String?
    /// The numbers in ID order: Enter shows them; the first is the selection for commands.
    public let channelIds: [String]
    /// Folded company, IDs and payload as UTF-8 (the cards' filter, same rules).
    let searchBytes: [UInt8]

    /// What one pass over the records gathers per client (no record is copied: at 48,000
    /// records that copying was most of opening the view).
    struct Numbers {
        var ids: [String] = []
        var live = 0
        var needingAction = 0
        /// From one of its cards: the company as the cards show it, folded, and the client's
        /// name folded (the cards' search bytes hold both already).
        var company: String?
        var companySortKey: String?
        var foldedName: ArraySlice<UInt8>?

        mutating func add(_ r: ChannelRecord) {
            ids.append(r.id)
            if r.lifecycle == .live { live += 1 }
            if r.needsAction { needingAction += 1 }
            if company == nil {
                company = r.company
                companySortKey = r.companySortKey
                // searchBytes: number, display name, company, client name, IDs, by 0x1F.
                let parts = r.searchBytes.split(separator: 0x1F, maxSplits: 4, omittingEmptySubsequences: false)
                if parts.count == 5 { foldedName = parts[3] }
            }
        }
    }

    /// Every client with at least one number or listed by the API, from the records, and the
    /// index of each client's numbers (kept to update single rows later).
    public static func all(records: [String: ChannelRecord], clients: [String: Client],
                           balances: [String: ClientBalance]) -> (rows: [ClientRow], members: [String: [String]]) {
        var byClient: [String: Numbers] = [:]
        byClient.reserveCapacity(clients.count)
        for r in records.values { byClient[r.channel.resolvedClientId ?? "", default: Numbers()].add(r) }
        var ids = Set(clients.keys)
        ids.formUnion(byClient.keys.filter { !$0.isEmpty })
        var members: [String: [String]] = [:]
        members.reserveCapacity(ids.count)
        var rows: [ClientRow] = []
        rows.reserveCapacity(ids.count)
        for id in ids {
            let row = make(id: id, byClient[id] ?? Numbers(), client: clients[id], balance: balances[id])
            members[id] = row.channelIds
            rows.append(row)
        }
        return (rows, members)
    }

    /// One client's row from its numbers' records (a poll's update of one row).
    public static func make(id: String, numbers: [ChannelRecord], client: Client?, balance: ClientBalance?) -> ClientRow {
        var n = Numbers()
        for r in numbers { n.add(r) }
        return make(id: id, n, client: client, balance: balance)
    }

    static func make(id: String, _ n: Numbers, client: Client?, balance: ClientBalance?) -> ClientRow {
        let company = client?.displayCompany ?? n.company ?? id
        // Folding non-ASCII text costs ~20 µs; the cards folded it already.
        let sortKey = n.company == company ? n.companySortKey ?? SearchFolding.fold(company) : SearchFolding.fold(company)
        let payment = ClientPayment.of(client, balance: balance?.balance)
        let direct = payment == .direct
        let payload = client?.partnerPayload
        var search = Array(sortKey.utf8)
        search.append(0x1F)
        search += Array(SearchFolding.fold(id + "\u{1F}" + (payload ?? "")).utf8)
        if let name = n.foldedName {
            search.append(0x1F)
            search += name
        } else if let name = client?.name, name != company {
            search.append(0x1F)
            search += Array(SearchFolding.fold(name).utf8)
        }
        return ClientRow(id: id, company: company, companySortKey: sortKey, numbers: n.ids.count, live: n.live, needingAction: n.needingAction,
                         maxChannels: client?.maxChannels, payment: payment, balance: direct ? balance?.balance : nil,
                         partnerPayload: payload, channelIds: n.ids.sorted(), searchBytes: search)
    }

    public static func areInOrder(_ a: ClientRow, _ b: ClientRow, by key: ClientSort) -> Bool {
        switch key {
        case .needsActionFirst:
            if a.needingAction != b.needingAction { return a.needingAction > b.needingAction }
        case .numbers:
            if a.numbers != b.numbers { return a.numbers > b.numbers }
        case .balance:
            let x = a.balance?.minorUnits ?? Int64.max, y = b.balance?.minorUnits ?? Int64.max
            if x != y { return x < y }
        case .company:
            break
        }
        if a.companySortKey != b.companySortKey { return a.companySortKey < b.companySortKey }
        return a.id < b.id
    }
}

/// The clients view's orders (`s` cycles them, as on the cards).
public enum ClientSort: String, CaseIterable, Sendable {
    case needsActionFirst = "needs action"
    case company
    case numbers
    /// Lowest balance first: who runs out soonest (direct payment only; the others last).
    case balance

    public var next: ClientSort {
        let all = ClientSort.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// The clients view: its rows in order, the filter, the selected client (by ID).
public struct ClientsViewState: Equatable, Sendable {
    public internal(set) var rows: [ClientRow] = []
    /// Each client's numbers, and each number's client: a poll updates only the rows it touched.
    var members: [String: [String]] = [:]
    var clientOf: [String: String] = [:]
    /// Indices into `rows` that match the filter.
    public internal(set) var shown: [Int] = []
    public internal(set) var selection: String?
    public internal(set) var sort: ClientSort = .needsActionFirst
    public internal(set) var filter = FilterState()
    public internal(set) var scroll = 0

    public init() {}

    public var selectedRow: ClientRow? { selection.flatMap { id in rows.first { $0.id == id } } }
    public var selectedIndex: Int? { selection.flatMap { id in shown.firstIndex { rows[$0].id == id } } }
}
