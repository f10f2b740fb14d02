import Foundation
import HubCore

/// `PartnerService` over HTTP: auth (API key, or a bearer token renewed before it expires and
/// once on a 401), typed errors from `meta` bodies, retries with jitter for idempotent calls,
/// `Retry-After` on 429, timeouts, and client-side pacing under the documented limits.
public actor HTTPPartnerService: PartnerService {
    public let config: APIConfiguration
    let transport: any HTTPTransport
    let sleep: @Sendable (TimeInterval) async throws -> Void
    let now: @Sendable () -> Date
    var token: (value: String, expiresAt: Date)?
    var pacer = RequestPacer()
    var healthCache: [String: (HealthStatus, Date)] = [:]
    /// Channels of the last full walk, shared with the next one (see `ChannelInterner`).
    var interner = ChannelInterner()
    /// Requests sent, for tests and the status bar.
    public internal(set) var requestsSent = 0

    public init(config: APIConfiguration, transport: any HTTPTransport = AsyncHTTPTransport(),
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) },
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.transport = transport
        self.sleep = sleep
        self.now = now
    }

    var p: String { "/partners/\(config.partnerId.urlPathEscaped)" }

    // MARK: public API

    public func partner() async throws -> Partner { try await call("GET", p) }

    public func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client> {
        try await call("GET", "\(p)/clients", query: query.queryItems)
    }

    public func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel> {
        try await call("GET", "\(p)/channels", query: query.queryItems)
    }

    /// The cached snapshot's channels: the first walk shares their memory instead of keeping
    /// a second copy of everything that did not change.
    public func remember(channels: [Channel]) {
        for c in channels { _ = interner.intern(c) }
    }

    /// Every page; each page is made to share memory with the last walk before the next page
    /// is fetched, so the duplicates of a 50,000-channel walk never pile up.
    public func allChannels(query: ListQuery) async throws -> [Channel] {
        var q = query
        q.limit = 1000
        q.offset = 0
        var items: [Channel] = []
        while true {
            let page = try await listChannels(q)
            for c in page.items { items.append(interner.intern(c)) }
            if page.items.isEmpty || items.count >= page.total { break }
            q.offset += page.items.count
        }
        if query.filters.isEmpty { interner.keepOnly(Set(items.map(\.id))) }
        return items
    }

    public func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance {
        try await pace(pacer.reserveSpaced("balance:\(clientId)", interval: config.balanceInterval, now: now()))
        var query: [URLQueryItem] = []
        switch period {
        case .currentMonth: break
        case .fromMonth(let m, let y):
            query = [URLQueryItem(name: "from_month", value: String(m)), URLQueryItem(name: "from_year", value: String(y))]
        case .range(let s, let e):
            query = [URLQueryItem(name: "start_date", value: String(Int(s.timeIntervalSince1970))),
                     URLQueryItem(name: "end_date", value: String(Int(e.timeIntervalSince1970)))]
        }
        return try await call("GET", "\(p)/clients/\(clientId.urlPathEscaped)/info/balance", query: query)
    }

    public func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client {
        try await call("PATCH", "\(p)/clients/\(clientId.urlPathEscaped)", body: patch, idempotent: true)
    }

    public func listTemplates(wabaAccountId: String, _ query: ListQuery) async throws -> ListEnvelope<Template> {
        try await paceTemplates()
        return try await call("GET", "\(p)/waba_accounts/\(wabaAccountId.urlPathEscaped)/waba_templates", query: query.queryItems)
    }

    public func createTemplate(wabaAccountId: String, _ draft: TemplateDraft) async throws -> Template {
        try await paceTemplates()
        return try await call("POST", "\(p)/waba_accounts/\(wabaAccountId.urlPathEscaped)/waba_templates", body: draft, idempotent: false)
    }

    public func deleteTemplate(wabaAccountId: String, templateId: String) async throws {
        try await paceTemplates()
        let _: JSONValue = try await call("DELETE", "\(p)/waba_accounts/\(wabaAccountId.urlPathEscaped)/waba_templates/\(templateId.urlPathEscaped)", idempotent: true)
    }

    public func listPartnerChangeRequests(_ query: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest> {
        try await call("GET", "\(p)/selective_partner_change_requests", query: query.queryItems)
    }

    public func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest {
        try await call("POST", "\(p)/selective_partner_change_requests/\(id.urlPathEscaped)/approve", idempotent: true)
    }

    public func setPartnerChangeAutoApprove(_ enabled: Bool) async throws -> Bool {
        let r: AutoApprove = try await call("PATCH", "\(p)/settings/partner_change_request", body: AutoApprove(autoApprove: enabled), idempotent: true)
        return r.autoApprove
    }

    /// Not retried: a second POST would revoke the key the first one made.
    public func createChannelAPIKey(channelId: String) async throws -> ChannelAPIKey {
        try await call("POST", "\(p)/channels/\(channelId.urlPathEscaped)/api_keys", idempotent: false)
    }

    public func health(apiKey: String) async throws -> HealthStatus {
        if let (cached, at) = healthCache[apiKey], now().timeIntervalSince(at) < config.healthCacheSeconds { return cached }
        let h: HealthStatus = try await call("GET", "/v1/health", base: config.messagingBaseURL, auth: .d360(apiKey))
        healthCache[apiKey] = (h, now())
        return h
    }

    public func phoneNumber(apiKey: String) async throws -> String {
        let r: [String: String] = try await call("GET", "/v1/configs/phone_number", base: config.messagingBaseURL, auth: .d360(apiKey))
        guard let phone = r["phone_number"] else { throw ServiceError.malformed(MalformedResponse(path: "phone_number", reason: "required field is missing")) }
        return phone
    }

    // MARK: modeled (Hub-only) operations

    public func payments(channelId: String) async throws -> [Payment] {
        try modeled("Payments")
        let r: PaymentsBody = try await call("GET", "\(p)/channels/\(channelId.urlPathEscaped)/payments")
        return r.payments
    }

    public func funds(channelId: String) async throws -> ChannelFunds {
        try modeled("Manage funds")
        return try await call("GET", "\(p)/channels/\(channelId.urlPathEscaped)/funds")
    }

    public func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money {
        try modeled("Add funds")
        let r: BalanceBody = try await call("POST", "\(p)/channels/\(channelId.urlPathEscaped)/funds", body: FundsBody(amount: amount), idempotencyKey: idempotencyKey)
        return r.balance
    }

    public func requestRefund(channelId: String, expectedTotal: Money?, idempotencyKey: String) async throws -> Refund {
        try modeled("Refund account funds")
        return try await call("POST", "\(p)/channels/\(channelId.urlPathEscaped)/refunds", body: RefundBody(expectedTotal: expectedTotal),
                              idempotencyKey: idempotencyKey)
    }

    public func refunds(channelId: String?) async throws -> [Refund] {
        try modeled("Refunds")
        let r: RefundsBody = try await call("GET", "\(p)/refunds", query: channelId.map { [URLQueryItem(name: "channel_id", value: $0)] } ?? [])
        return r.refunds
    }

    public func destinationPartner(id: String) async throws -> PartnerSummary {
        try modeled("Destination partner lookup")
        return try await call("GET", "\(p)/partner_directory/\(id.urlPathEscaped)")
    }

    public func partnerChangeEligibility(clientId: String) async throws -> PartnerChangeEligibility {
        try modeled("Change Partner")
        return try await call("GET", "\(p)/clients/\(clientId.urlPathEscaped)/partner_change")
    }

    public func withdrawPartnerChange(id: String) async throws -> PartnerChangeRequest {
        try modeled("Withdraw partner change request")
        return try await call("POST", "\(p)/selective_partner_change_requests/\(id.urlPathEscaped)/withdraw")
    }

    public func confirmPaymentMethod(partnerChangeRequestId id: String) async throws -> PartnerChangeRequest {
        try modeled("Payment method")
        return try await call("POST", "\(p)/selective_partner_change_requests/\(id.urlPathEscaped)/payment_method")
    }

    public func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String, idempotencyKey: String) async throws -> PartnerChangeSubmission {
        try modeled("Change Partner")
        return try await call("POST", "\(p)/clients/\(clientId.urlPathEscaped)/partner_change",
                              body: PartnerChangeBody(wabaAccountId: wabaAccountId, targetPartnerId: targetPartnerId), idempotencyKey: idempotencyKey)
    }

    public func permissions(clientId: String) async throws -> [String] {
        try modeled("Partner Settings")
        let r: PermissionsBody = try await call("GET", "\(p)/clients/\(clientId.urlPathEscaped)/permissions")
        return r.channelIds
    }

    public func setPermissions(clientId: String, channelIds: [String]) async throws -> [String] {
        try modeled("Partner Settings")
        let r: PermissionsBody = try await call("PUT", "\(p)/clients/\(clientId.urlPathEscaped)/permissions", body: PermissionsBody(channelIds: channelIds), idempotent: true)
        return r.channelIds
    }

    public func users() async throws -> [HubUser] {
        try modeled("Users")
        let r: UsersBody = try await call("GET", "\(p)/users")
        return r.users
    }

    public func addUser(name: String, email: String) async throws -> HubUser {
        try modeled("Add user")
        return try await call("POST", "\(p)/users", body: NewUserBody(name: name, email: email), idempotent: false)
    }

    func modeled(_ operation: String) throws {
        guard config.modeledEndpoints else { throw ServiceError.unavailable(operation: operation, hubURL: "https://hub.360dialog.com") }
    }

    // MARK: pacing

    func pace(_ wait: TimeInterval) async throws {
        if wait > 0 { try await sleep(wait) }
    }

    func paceTemplates() async throws {
        try await pace(pacer.reserveWindowed("templates", limit: config.templateRequestsPerMinute, window: 60, now: now()))
    }
}

extension String {
    var urlPathEscaped: String { addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? self }
}
