import Foundation
import HubCore
import Logging

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
    /// The last health answer or error per key, and when it was asked (C15: once per 5 minutes).
    var healthCache: [String: (result: Result<HealthStatus, ServiceError>, at: Date)] = [:]
    /// Requests in flight that concurrent callers share instead of sending their own.
    var healthFlights: [String: Task<HealthStatus, Error>] = [:]
    var balanceFlights: [String: Task<ClientBalance, Error>] = [:]
    /// What the server serves beyond the public API (asked once; see `capabilities()`).
    var capabilitiesTask: Task<ServerCapabilities?, Never>?
    /// Channels of the last full walk, shared with the next one (see `ChannelInterner`).
    var interner = ChannelInterner()
    /// Requests sent, for tests and the status bar.
    public internal(set) var requestsSent = 0
    /// Channels and clients decoded from JSON (the rest of each page was known by its fingerprint).
    public internal(set) var decodedItems = 0
    /// Clients by ID with the fingerprint of the bytes they were decoded from.
    var clientPrints: [String: (print: UInt64, client: Client)] = [:]
    /// Retries and failures (never a header: the secrets are there).
    let logger: Logger

    public init(config: APIConfiguration, transport: any HTTPTransport = AsyncHTTPTransport(),
                sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) },
                now: @escaping @Sendable () -> Date = { Date() },
                logger: Logger = Logger(label: "partnerhub.api", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.logger = logger
        self.config = config
        self.transport = transport
        self.sleep = sleep
        self.now = now
    }

    var p: String { "/partners/\(config.partnerId.urlPathEscaped)" }

    // MARK: public API

    public func partner() async throws -> Partner { try await partnerEndpoint { try await call("GET", p) } }

    public func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client> {
        var list: ListEnvelope<Client> = try await partnerEndpoint {
            try await call("GET", "\(p)/clients", query: query.queryItems, decode: { (data) throws(MalformedResponse) in try self.decodeClientPage(data) })
        }
        // `payment_model` is not a field of the public API: a client's is the partner account's
        // (config), unless the server says it models one per client.
        if await !capabilities().offers(.clientPaymentModel) {
            for i in list.items.indices where list.items[i].paymentModel != config.paymentModel { list.items[i].paymentModel = config.paymentModel }
        }
        return list
    }

    public func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel> {
        try await partnerEndpoint {
            try await call("GET", "\(p)/channels", query: query.queryItems, decode: { (data) throws(MalformedResponse) in try self.decodeChannelPage(data) })
        }
    }

    /// The partner's own endpoints exist whenever the base URL and the partner ID are right,
    /// so a 404 there is a configuration error with what to check, not something to retry.
    func partnerEndpoint<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch ServiceError.api(status: 404, _) {
            throw ServiceError.misconfigured(ConnectionHint.notFound(baseURL: config.baseURL, partnerId: config.partnerId))
        }
    }

    /// Asked once per service: `GET {base}/sandbox/capabilities`. Any answer but the document
    /// (404, 401, HTML, a proxy's error page) means the public API only. A network failure is
    /// not remembered, so the next modeled call asks again.
    public func capabilities() async -> ServerCapabilities {
        if capabilitiesTask == nil {
            capabilitiesTask = Task { await self.fetchCapabilities() }
        }
        guard let answer = await capabilitiesTask?.value else {
            capabilitiesTask = nil
            return .none
        }
        return answer
    }

    func fetchCapabilities() async -> ServerCapabilities? {
        do {
            let c: ServerCapabilities = try await call("GET", "/sandbox/capabilities", idempotent: false)
            return c
        } catch let e as ServiceError {
            switch e {
            case .transport, .timeout: return nil
            default: return ServerCapabilities.none
            }
        } catch {
            return ServerCapabilities.none
        }
    }

    /// The cached snapshot's channels (with the fingerprints of the bytes they were decoded
    /// from, when the database kept them): the first walk shares their memory, and decodes
    /// nothing whose bytes did not change (`ChannelDecodeCache`).
    public func remember(channels: [Channel], fingerprints: [String: UInt64]) {
        for c in channels { _ = interner.intern(c, fingerprint: fingerprints[c.id]) }
    }

    public func fingerprints(of ids: [String]) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        out.reserveCapacity(ids.count)
        for id in ids { out[id] = interner.fingerprint(of: id) }
        return out
    }

    /// Every page. Each page's channels share memory with the last walk (`listChannels`
    /// interns them as they are decoded), so the duplicates of a 50,000-channel walk never
    /// pile up.
    public func allChannels(query: ListQuery) async throws -> [Channel] {
        var walker = PageWalker<Channel>(pageSize: 1000, query: query)
        while let q = try walker.next() { walker.take(try await listChannels(q)) }
        if query.filters.isEmpty { interner.keepOnly(Set(walker.items.map(\.id))) }
        return walker.items
    }

    /// 1 request per 10 s per client (C10), held across retries (each attempt waits for its
    /// slot), errors and concurrent callers (who share the request in flight).
    public func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance {
        let key = "\(clientId)|\(period)"
        if let flight = balanceFlights[key] { return try await flight.value }
        let flight = Task { try await self.fetchBalance(clientId: clientId, period: period) }
        balanceFlights[key] = flight
        defer { balanceFlights[key] = nil }
        return try await flight.value
    }

    func fetchBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance {
        var query: [URLQueryItem] = []
        switch period {
        case .currentMonth: break
        case .fromMonth(let m, let y):
            query = [URLQueryItem(name: "from_month", value: String(m)), URLQueryItem(name: "from_year", value: String(y))]
        case .range(let s, let e):
            // One usage period per month (partner-api.md §6: `granularity`, "month" in the SDK's example).
            query = [URLQueryItem(name: "start_date", value: String(Int(s.timeIntervalSince1970))),
                     URLQueryItem(name: "end_date", value: String(Int(e.timeIntervalSince1970))),
                     URLQueryItem(name: "granularity", value: "month")]
        }
        return try await call("GET", "\(p)/clients/\(clientId.urlPathEscaped)/info/balance", query: query,
                              spacing: (key: "balance:\(clientId)", interval: config.balanceInterval))
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

    /// The messaging health of a number (C15): "do not call more than once every 5 minutes".
    /// The answer, or the error, is given again for 5 minutes after it was asked; concurrent
    /// callers share one request; nothing retries inside the window.
    public func health(apiKey: String) async throws -> HealthStatus {
        try await health(apiKey: apiKey, force: false)
    }

    /// `force`: ask now even within the window (the agent insisted); the window then starts
    /// again from this request, so the next check is 5 minutes away.
    public func health(apiKey: String, force: Bool) async throws -> HealthStatus {
        if !force, let cached = healthCache[apiKey], now().timeIntervalSince(cached.at) < config.healthCacheSeconds {
            return try cached.result.get()
        }
        if let flight = healthFlights[apiKey] { return try await flight.value }
        let flight = Task { () throws -> HealthStatus in
            let asked = self.now()
            do {
                let h: HealthStatus = try await self.call("GET", "/v1/health", base: self.config.messagingBaseURL,
                                                           idempotent: false, auth: .d360(apiKey), attempts: 1)
                self.rememberHealth(apiKey, .success(h), at: asked)
                return h
            } catch let e as ServiceError {
                self.rememberHealth(apiKey, .failure(e), at: asked)
                throw e
            }
        }
        healthFlights[apiKey] = flight
        defer { healthFlights[apiKey] = nil }
        return try await flight.value
    }

    func rememberHealth(_ key: String, _ result: Result<HealthStatus, ServiceError>, at: Date) {
        healthCache[key] = (result, at)
    }

    /// When the health of a key was last asked and when it may be asked again (nil: never asked).
    public func healthWindow(apiKey: String) -> (checkedAt: Date, nextCheck: Date)? {
        healthCache[apiKey].map { ($0.at, $0.at + config.healthCacheSeconds) }
    }

    /// Cloud API numbers: `GET /health_status` on the Cloud messaging host (reference §12).
    /// Sent once per call: the 5-minute rule is kept in front of it (HubLive `HealthChecks`).
    public func cloudHealth(apiKey: String) async throws -> CloudHealthStatus {
        try await call("GET", "/health_status", base: config.cloudMessagingBaseURL, idempotent: false, auth: .d360(apiKey), attempts: 1)
    }

    public func phoneNumber(apiKey: String) async throws -> String {
        let r: [String: String] = try await call("GET", "/v1/configs/phone_number", base: config.messagingBaseURL, auth: .d360(apiKey))
        guard let phone = r["phone_number"] else { throw ServiceError.malformed(MalformedResponse(path: "phone_number", reason: "required field is missing")) }
        return phone
    }

    // MARK: modeled (Hub-only) operations

    public func payments(channelId: String) async throws -> [Payment] {
        try await modeled("Payments", .payments)
        let r: PaymentsBody = try await call("GET", "\(p)/channels/\(channelId.urlPathEscaped)/payments")
        return r.payments
    }

    public func funds(channelId: String) async throws -> ChannelFunds {
        try await modeled("Manage funds", .funds)
        return try await call("GET", "\(p)/channels/\(channelId.urlPathEscaped)/funds")
    }

    public func addFunds(channelId: String, amount: Money, idempotencyKey: String) async throws -> Money {
        try await modeled("Add funds", .funds)
        let r: BalanceBody = try await call("POST", "\(p)/channels/\(channelId.urlPathEscaped)/funds", body: FundsBody(amount: amount), idempotencyKey: idempotencyKey)
        return r.balance
    }

    public func requestRefund(channelId: String, expectedTotal: Money?, idempotencyKey: String) async throws -> Refund {
        try await modeled("Refund account funds", .refunds)
        return try await call("POST", "\(p)/channels/\(channelId.urlPathEscaped)/refunds", body: RefundBody(expectedTotal: expectedTotal),
                              idempotencyKey: idempotencyKey)
    }

    public func refunds(channelId: String?) async throws -> [Refund] {
        try await modeled("Refunds", .refunds)
        let r: RefundsBody = try await call("GET", "\(p)/refunds", query: channelId.map { [URLQueryItem(name: "channel_id", value: $0)] } ?? [])
        return r.refunds
    }

    public func destinationPartner(id: String) async throws -> PartnerSummary {
        try await modeled("Destination partner lookup", .partnerDirectory)
        return try await call("GET", "\(p)/partner_directory/\(id.urlPathEscaped)")
    }

    public func partnerChangeEligibility(clientId: String) async throws -> PartnerChangeEligibility {
        try await modeled("Change Partner", .partnerChange)
        return try await call("GET", "\(p)/clients/\(clientId.urlPathEscaped)/partner_change")
    }

    public func withdrawPartnerChange(id: String) async throws -> PartnerChangeRequest {
        try await modeled("Withdraw partner change request", .partnerChange)
        return try await call("POST", "\(p)/selective_partner_change_requests/\(id.urlPathEscaped)/withdraw")
    }

    public func confirmPaymentMethod(partnerChangeRequestId id: String) async throws -> PartnerChangeRequest {
        try await modeled("Payment method", .partnerChange)
        return try await call("POST", "\(p)/selective_partner_change_requests/\(id.urlPathEscaped)/payment_method")
    }

    public func submitPartnerChange(clientId: String, wabaAccountId: String, targetPartnerId: String,
                                    company: PartnerChangeWizard.CompanyInformation?, idempotencyKey: String) async throws -> PartnerChangeSubmission {
        try await modeled("Change Partner", .partnerChange)
        return try await call("POST", "\(p)/clients/\(clientId.urlPathEscaped)/partner_change",
                              body: PartnerChangeBody(wabaAccountId: wabaAccountId, targetPartnerId: targetPartnerId, companyInformation: company),
                              idempotencyKey: idempotencyKey)
    }

    public func permissions(clientId: String) async throws -> [String] {
        try await modeled("Partner Settings", .permissions)
        let r: PermissionsBody = try await call("GET", "\(p)/clients/\(clientId.urlPathEscaped)/permissions")
        return r.channelIds
    }

    public func setPermissions(clientId: String, channelIds: [String]) async throws -> [String] {
        try await modeled("Partner Settings", .permissions)
        let r: PermissionsBody = try await call("PUT", "\(p)/clients/\(clientId.urlPathEscaped)/permissions", body: PermissionsBody(channelIds: channelIds), idempotent: true)
        return r.channelIds
    }

    public func users() async throws -> [HubUser] {
        try await modeled("Users", .users)
        let r: UsersBody = try await call("GET", "\(p)/users")
        return r.users
    }

    public func addUser(name: String, email: String, role: String?) async throws -> HubUser {
        try await modeled("Add user", .users)
        return try await call("POST", "\(p)/users", body: NewUserBody(name: name, email: email, role: role), idempotent: false)
    }

    /// A modeled (Hub-only) operation is sent only to a server that says it serves it.
    func modeled(_ operation: String, _ capability: ServerCapabilities.Modeled) async throws {
        guard await capabilities().offers(capability) else {
            throw ServiceError.unavailable(operation: operation, hubURL: "https://hub.360dialog.com")
        }
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

extension HTTPPartnerService: ChannelDecodeCache {}
