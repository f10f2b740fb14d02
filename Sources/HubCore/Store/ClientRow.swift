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
    public let directPayment: Bool
    /// Only for direct-payment clients (C10: 0 and meaningless for the others).
    public let balance: Money?
    public let partnerPayload: String?
    /// The numbers in ID order: Enter shows them; the first is the selection for commands.
    public let channelIds: [String]
    /// Folded company, IDs and payload as UTF-8 (the cards' filter, same rules).
    let searchBytes: [UInt8]

    /// Every client with at least one number or listed by the API, from the records.
    public static func all(records: [String: ChannelRecord], clients: [String: Client], balances: [String: ClientBalance]) -> [ClientRow] {
        var byClient: [String: [ChannelRecord]] = [:]
        for r in records.values { byClient[r.channel.resolvedClientId ?? "", default: []].append(r) }
        var ids = Set(clients.keys)
        ids.formUnion(byClient.keys.filter { !$0.isEmpty })
        return ids.map { id in
            let mine = (byClient[id] ?? []).sorted { $0.id < $1.id }
            let client = clients[id]
            let company = client?.displayCompany ?? mine.first?.company ?? id
            let direct = client?.isDirectPayment ?? false
            let payload = client?.partnerPayload
            return ClientRow(id: id, company: company, companySortKey: SearchFolding.fold(company), numbers: mine.count,
                             live: mine.filter { $0.lifecycle == .live }.count, needingAction: mine.filter(\.needsAction).count,
                             maxChannels: client?.maxChannels, directPayment: direct, balance: direct ? balances[id]?.balance : nil,
                             partnerPayload: payload, channelIds: mine.map(\.id),
                             searchBytes: Array(SearchFolding.fold([company, id, client?.name ?? "", payload ?? ""].joined(separator: "\u{1F}")).utf8))
        }
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
