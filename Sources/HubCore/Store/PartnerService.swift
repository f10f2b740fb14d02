import Foundation

/// The port to the Partner API. HubAPI implements it over HTTP, HubSandbox in process; one
/// contract test suite runs against both. Operations the public API lacks are *modeled*
/// (docs/sandbox.md); a live implementation throws `ServiceError.unavailable` with the Hub
/// link for them instead of pretending.
public protocol PartnerService: Sendable {
    func partner() async throws -> Partner
    func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client>
    func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel>
    /// Every page of a list. Over HTTP this walks the pages; the in-process sandbox answers at once.
    func allChannels(query: ListQuery) async throws -> [Channel]
    func allClients(query: ListQuery) async throws -> [Client]
    func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance
    func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client
    func listTemplates(wabaAccountId: String, _ query: ListQuery) async throws -> ListEnvelope<Template>
    func listPartnerChangeRequests(_ query: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest>
    func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest

    func setPartnerChangeAutoApprove(_ enabled: Bool) async throws -> Bool
    func createTemplate(wabaAccountId: String, _ draft: TemplateDraft) async throws -> Template
    func deleteTemplate(wabaAccountId: String, templateId: String) async throws
    func createChannelAPIKey(channelId: String) async throws -> ChannelAPIKey

    // Messaging side (`D360-API-KEY`): health is cached for 5 minutes (C15).
    func health(apiKey: String) async throws -> HealthStatus
    func phoneNumber(apiKey: String) async throws -> String
    /// Cloud API numbers' health (`/health_status`); on-premise ones use `health`.
    func cloudHealth(apiKey: String) async throws -> CloudHealthStatus

    // Modeled (Hub-only) operations, docs/sandbox.md.
    func payments(channelId: String) async throws -> [Payment]
    /// One number's balance, usage since the latest payment, payments and refunds (C7).
    func funds(channelId: String) async throws -> ChannelFunds
    func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money
    /// `expectedTotal`: what the agent confirmed; a plan that changed since is refused (409).
    func requestRefund(channelId: String, expectedTotal: Money?, idempotencyKey: String) async throws -> Refund
    func refunds(channelId: String?) async throws -> [Refund]
    /// The destination of a partner change by its Partner ID (P4 step 2): 404 when unknown.
    func destinationPartner(id: String) async throws -> PartnerSummary
    /// P4 step 6: the client confirms the payment method on file with the destination partner.
    func confirmPaymentMethod(partnerChangeRequestId: String) async throws -> PartnerChangeRequest
    /// P3: whether the client can change partner (legacy accounts cannot).
    func partnerChangeEligibility(clientId: String) async throws -> PartnerChangeEligibility
    /// Withdraws a request the client submitted, before the destination decides (409 after).
    func withdrawPartnerChange(id: String) async throws -> PartnerChangeRequest
    /// `company`: the company information P4 step 2 completed (nil: the Hub's is complete).
    func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String,
                             company: PartnerChangeWizard.CompanyInformation?, idempotencyKey: String) async throws -> PartnerChangeSubmission
    func permissions(clientId: String) async throws -> [String]
    func setPermissions(clientId: String, channelIds: [String]) async throws -> [String]
    func users() async throws -> [HubUser]
    /// `role`: nil leaves it to the server (the TUI asks none: the seed knows no roles).
    func addUser(name: String, email: String, role: String?) async throws -> HubUser
}

extension PartnerService {
    /// Walks every page of a list with the safeguards of `Paging` (short page, nothing new,
    /// `total` reached; duplicates kept once; a ceiling against endless pages).
    public func allPages<Item: ListItem>(pageSize: Int = 1000, query: ListQuery = .init(),
                                         _ fetch: @Sendable (ListQuery) async throws -> ListEnvelope<Item>) async throws -> [Item] {
        try await Paging.walk(pageSize: pageSize, query: query, fetch)
    }

    public func allChannels(query: ListQuery) async throws -> [Channel] {
        try await allPages(query: query) { try await listChannels($0) }
    }

    public func allClients(query: ListQuery) async throws -> [Client] {
        try await allPages(query: query) { try await listClients($0) }
    }

    public func requestRefund(channelId: String, idempotencyKey: String) async throws -> Refund {
        try await requestRefund(channelId: channelId, expectedTotal: nil, idempotencyKey: idempotencyKey)
    }

    public func allChannels() async throws -> [Channel] { try await allChannels(query: ListQuery()) }

    public func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String, idempotencyKey: String) async throws -> PartnerChangeSubmission {
        try await submitPartnerChange(clientId: clientId, wabaAccountId: wabaAccountId, targetPartnerId: targetPartnerId, company: nil, idempotencyKey: idempotencyKey)
    }

    public func allClients() async throws -> [Client] { try await allClients(query: ListQuery()) }
}

/// The usage period of a balance request: the legacy `from_month`/`from_year`, or the current
/// `start_date`/`end_date` (UNIX seconds).
public enum BalancePeriod: Hashable, Sendable {
    case currentMonth
    case fromMonth(month: Int, year: Int)
    case range(start: Date, end: Date)

    /// From the first day (UTC) of the month 11 months before `now`'s, to `now`: the usage
    /// chart's 12 months, this one included, in one request.
    public static func lastTwelveMonths(now: Date) -> BalancePeriod {
        let days = Int((now.timeIntervalSince1970 / 86400).rounded(.down))
        let (y, m, _) = Timestamp.civilFromDays(days)
        let first = (y * 12 + (m - 1)) - 11
        let start = Timestamp.daysFromCivil(first / 12, first % 12 + 1, 1)
        return .range(start: Date(timeIntervalSince1970: Double(start) * 86400), end: now)
    }
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
    /// The connection itself is wrong (a 404 on the partner's own endpoints): what to check.
    case misconfigured(String)

    /// One line, sanitised and at most 400 characters: every case may carry server text.
    public var description: String { Sanitizer.oneLine(text, max: 400) }

    var text: String {
        switch self {
        case .api(let status, let body): return "API error \(status): \(body.summary)"
        case .rateLimited(let after): return "Rate limited" + (after.map { String(format: "; retry in %.0f s", $0) } ?? "")
        case .unauthorized(let m): return "Not authorised: \(m)"
        case .notFound(let m): return "Not found: \(m)"
        case .malformed(let m): return m.description
        case .transport(let m): return "Network error: \(m)"
        case .timeout: return "The request timed out"
        case .unavailable(let op, let url): return "\(op) is not available through the Partner API; finish it in the Hub: \(url)"
        case .misconfigured(let m): return m
        }
    }

    /// Asking again cannot help until someone changes the credentials or the configuration:
    /// polling stops on these instead of backing off forever.
    public var stopsPolling: Bool {
        switch self {
        case .unauthorized, .misconfigured: return true
        default: return false
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


/// A new template (`POST .../waba_templates`).
public struct TemplateDraft: Codable, Hashable, Sendable {
    public var name: String
    public var category: TemplateCategory
    public var language: String
    public var components: [JSONValue]
    public var allowCategoryChange: Bool?

    public init(name: String, category: TemplateCategory, language: String, components: [JSONValue], allowCategoryChange: Bool? = true) {
        self.name = name
        self.category = category
        self.language = language
        self.components = components
        self.allowCategoryChange = allowCategoryChange
    }
}

/// `POST /partners/{pid}/channels/{chid}/api_keys` (reference §7).
public struct ChannelAPIKey: Codable, Hashable, Sendable {
    public var id: String?
    public var apiKey: String
    public var address: String?
    public var appId: String?

    public init(id: String?, apiKey: String, address: String?, appId: String?) {
        self.id = id
        self.apiKey = apiKey
        self.address = address
        self.appId = appId
    }
}

/// On-premise `GET /v1/health` (reference §12): `gateway_status` per node.
public struct HealthStatus: Codable, Hashable, Sendable {
    public var health: [String: JSONValue]

    public init(gatewayStatus: String) { health = ["gateway_status": .string(gatewayStatus)] }

    /// The worst gateway status across nodes.
    public var gatewayStatus: String? {
        if let s = health["gateway_status"]?.stringValue { return s }
        let all = health.values.compactMap { $0["gateway_status"]?.stringValue }
        return all.first { $0 != "connected" } ?? all.first
    }

    /// Disconnected, uninitialized or unregistered numbers need a support ticket (C15).
    public var needsSupportTicket: Bool {
        ["disconnected", "uninitialized", "unregistered"].contains(gatewayStatus ?? "")
    }
}

/// The message the API gives when a partner change cannot go to that partner (P3).
public let differentPaymentProcessorMessage = "Destination partner is using a different payment processor"

/// What a Partner API client may keep of the bytes it decoded (HTTP does: `JSONListScanner`
/// fingerprints, shared memory for equal channels). Not part of the port: a service either
/// is one (the live engine asks `service as? ChannelDecodeCache`) or decodes everything.
public protocol ChannelDecodeCache: Sendable {
    /// Channels known from elsewhere (the cached snapshot): equal channels fetched later share
    /// their memory, and bytes with a known fingerprint are not decoded again.
    func remember(channels: [Channel], fingerprints: [String: UInt64]) async
    /// The fingerprints of the bytes these channels were last decoded from, for the database
    /// to keep beside the snapshot.
    func fingerprints(of ids: [String]) async -> [String: UInt64]
}
