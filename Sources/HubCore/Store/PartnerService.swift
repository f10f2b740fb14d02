import Foundation

/// The port to the Partner API. HubAPI implements it over HTTP, HubSandbox in process; one
/// contract test suite runs against both. Operations the public API lacks are *modeled*
/// (docs/sandbox.md); a live implementation throws `ServiceError.unavailable` with the Hub
/// link for them instead of pretending.
public protocol PartnerService: Sendable {
    func partner() async throws -> Partner
    func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client>
    func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel>
    func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance
    func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client
    func listTemplates(wabaAccountId: String, _ query: ListQuery) async throws -> ListEnvelope<Template>
    func listPartnerChangeRequests(_ query: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest>
    func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest

    // Modeled (Hub-only) operations.
    func payments(channelId: String) async throws -> [Payment]
}

extension PartnerService {
    /// Walks every page of a list; stops when a page comes back short or `total` is reached.
    public func allPages<Item>(pageSize: Int = 1000, query: ListQuery = .init(),
                               _ fetch: (ListQuery) async throws -> ListEnvelope<Item>) async throws -> [Item] {
        var q = query
        q.limit = pageSize
        q.offset = 0
        var items: [Item] = []
        while true {
            let page = try await fetch(q)
            items.append(contentsOf: page.items)
            if page.items.isEmpty || page.items.count < pageSize || items.count >= page.total { break }
            q.offset += page.items.count
        }
        return items
    }

    public func allChannels(query: ListQuery = .init()) async throws -> [Channel] {
        try await allPages(query: query) { try await listChannels($0) }
    }

    public func allClients(query: ListQuery = .init()) async throws -> [Client] {
        try await allPages(query: query) { try await listClients($0) }
    }
}

/// The usage period of a balance request: the legacy `from_month`/`from_year`, or the current
/// `start_date`/`end_date` (UNIX seconds).
public enum BalancePeriod: Hashable, Sendable {
    case currentMonth
    case fromMonth(month: Int, year: Int)
    case range(start: Date, end: Date)
}

/// `PATCH /partners/{pid}/clients/{cid}`: `partner_payload` is required (C11).
public struct ClientPatch: Codable, Hashable, Sendable {
    public var partnerPayload: String
    public var maxChannels: Int?

    public init(partnerPayload: String, maxChannels: Int?) {
        self.partnerPayload = partnerPayload
        self.maxChannels = maxChannels
    }
}

/// Failures every PartnerService reports the same way.
public enum ServiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The API answered with an error body.
    case api(status: Int, body: APIErrorBody)
    case rateLimited(retryAfter: Double?)
    case unauthorized(String)
    case notFound(String)
    case malformed(MalformedResponse)
    case transport(String)
    case timeout
    /// A Hub-only operation the public API does not offer; finish it in the browser.
    case unavailable(operation: String, hubURL: String)

    public var description: String {
        switch self {
        case .api(let status, let body): return "API error \(status): \(body.summary)"
        case .rateLimited(let after): return "Rate limited" + (after.map { String(format: "; retry in %.0f s", $0) } ?? "")
        case .unauthorized(let m): return "Not authorised: \(m)"
        case .notFound(let m): return "Not found: \(m)"
        case .malformed(let m): return m.description
        case .transport(let m): return "Network error: \(m)"
        case .timeout: return "The request timed out"
        case .unavailable(let op, let url): return "\(op) is not available through the Partner API; finish it in the Hub: \(url)"
        }
    }

    /// Worth retrying for an idempotent call.
    public var isTransient: Bool {
        switch self {
        case .rateLimited, .transport, .timeout: return true
        case .api(let status, _): return status >= 500
        case .malformed: return true
        default: return false
        }
    }
}
