import Foundation
import HubCore

/// The simulator: one actor owns the world and implements `PartnerService` in process. The
/// HTTP sandbox (SandboxServer) calls the same methods, so both behave the same.
public actor SandboxEngine: PartnerService {
    public let config: SandboxConfig
    let time: TimeSource
    var rng: SeededRandom
    /// Real and sandbox time at start; sandbox time runs `timeScale` times faster.
    let realStart: Date
    /// Channels still walking to live, so `advance` does not scan every channel.
    var walking: Set<String> = []
    /// The earliest step of a walking channel (sandbox time).
    var nextWalkAt = Date.distantPast
    var nextViolationAt: Date
    var pcrDecisions: [String: Date] = [:]
    var lastBalanceRequests: [String: [Date]] = [:]
    var templateRequests: [Date] = []
    /// Templates in Meta's review: when each is decided (sandbox time), by ID with its WABA.
    var templateReviews: [String: (waba: String, at: Date)] = [:]
    var healthCache: [String: (HealthStatus, Date)] = [:]
    var tokens: [String: Date] = [:]
    var fundsKeys: [String: Money] = [:]
    /// What each idempotency key was first used for (operation, number, body).
    var idempotency: [String: String] = [:]
    var submissionKeys: [String: PartnerChangeSubmission] = [:]
    /// Partner change requests whose destination waits for the client's payment method.
    var awaitingPaymentMethod: Set<String> = []
    /// When the next incoming partner change request arrives (sandbox time; nil: none yet).
    var nextIncomingAt: Date?
    var sortCache: [String: (version: Int, ids: [String])] = [:]
    /// Channels newest-modified first, kept up to date (see `channelOrder`).
    var modifiedOrder: ModifiedOrder?
    var eventContinuations: [UUID: AsyncStream<WebhookEvent>.Continuation] = [:]
    var eventCounter = 0
    var ledger: [SandboxRequest] = []
    var webhookDeliveries = (delivered: 0, failed: 0)
    var encodedChannels: [String: (channel: Channel, json: Data)] = [:]

    public init(config: SandboxConfig = SandboxConfig(), time: TimeSource = .system) {
        self.config = config
        self.time = time
        let start = time.now()
        self.rng = SeededRandom(seed: config.seed &* 31 &+ 7)
        self.realStart = start
        self.nextViolationAt = start + 5 * 60
    }

    /// The world is made on first use, not in `init`: 10,000 clients take half a second, and
    /// the terminal UI draws its first frame before that.
    /// Not an optional: reading through `storedWorld!` copied the whole world (a retain and a
    /// release of every table) on each `world.channels[id]`.
    var storedWorld = SandboxWorld(partner: Partner(id: ""))
    var worldMade = false

    var world: SandboxWorld {
        _read {
            if !worldMade { makeWorld() }
            yield storedWorld
        }
        _modify {
            if !worldMade { makeWorld() }
            yield &storedWorld
        }
    }

    private func makeWorld() {
        var w: SandboxWorld
        if let scenario = config.scenario {
            w = scenario.world(reference: config.reference)
        } else {
            w = SandboxGenerator.generate(.init(seed: config.seed, clients: config.clients, partnerId: config.partnerId, reference: config.reference))
        }
        // Generated stage times are relative to the reference day; start them from the engine's start.
        // (IDs first: writing while iterating the table would copy all 50,000 channels.)
        let shift = realStart.timeIntervalSince(config.reference)
        let timed = w.channels.keys.filter { w.channels[$0]?.nextStageAt != nil }
        for id in timed { w.channels[id]?.nextStageAt? += shift }
        walking = Set(w.channels.keys.filter { w.channels[$0]?.nextStage != nil })
        nextWalkAt = .distantPast // (a walk before the world was made found nobody walking)
        _ = w.channels.takeTouched() // the order by modified_at is made from all of them on first use
        storedWorld = w
        worldMade = true
    }

    /// Sandbox time now.
    public var now: Date { sandboxTime(time.now()) }

    func sandboxTime(_ real: Date) -> Date { realStart + real.timeIntervalSince(realStart) * config.timeScale }

    // MARK: PartnerService: partner, clients, channels

    public func partner() async throws -> Partner {
        advance()
        return world.partner
    }

    public func updatePartner(webhookUrl: String?, redirectUrl: String?) throws -> Partner {
        if let webhookUrl { world.partner.webhookUrl = webhookUrl }
        if let redirectUrl { world.partner.partnerRedirectUrl = redirectUrl }
        world.version += 1
        return world.partner
    }

    public func listClients(_ query: ListQuery) async throws -> ListEnvelope<Client> {
        record("clients", "")
        advance()
        let sorted = clientOrder(query.sort)
        if query.filters.isEmpty {
            let limit = effectiveLimit(query)
            return ListEnvelope(items: sorted.dropFirst(query.offset).prefix(limit).compactMap { world.clients[$0] }, total: sorted.count,
                                query: withLimit(query, limit))
        }
        return page(sorted.compactMap { world.clients[$0] }.filter { SandboxFields.client.matches($0, query.filters) }, query)
    }

    public func listChannels(_ query: ListQuery) async throws -> ListEnvelope<Channel> {
        record("channels", "")
        advance()
        let sorted = channelOrder(query.sort)
        if query.filters.isEmpty {
            // The common case: a page of everything, without touching the other items.
            let limit = effectiveLimit(query)
            let slice = sorted.dropFirst(query.offset).prefix(limit)
            return ListEnvelope(items: slice.compactMap { world.channels[$0]?.channel }, total: sorted.count, query: withLimit(query, limit))
        }
        // An `id` filter is a lookup.
        if query.filters.count == 1, let id = query.filters["id"]?.stringValue {
            return page(world.channels[id].map { [$0.channel] } ?? [], query)
        }
        return page(sorted.compactMap { world.channels[$0]?.channel }.filter { SandboxFields.channel.matches($0, query.filters) }, query)
    }

    /// All channels at once: the live feed polls 50,000 channels without paging through them.
    public func allChannels(query: ListQuery) async throws -> [Channel] {
        record("channels", "")
        advance()
        let sorted = channelOrder(query.sort)
        let all = sorted.compactMap { world.channels[$0]?.channel }
        return query.filters.isEmpty ? all : all.filter { SandboxFields.channel.matches($0, query.filters) }
    }

    public func allClients(query: ListQuery) async throws -> [Client] {
        record("clients", "")
        advance()
        let sorted = clientOrder(query.sort)
        let all = sorted.compactMap { world.clients[$0] }
        return query.filters.isEmpty ? all : all.filter { SandboxFields.client.matches($0, query.filters) }
    }

    public func updateClient(clientId: String, _ patch: ClientPatch) async throws -> Client {
        advance()
        guard var client = world.clients[clientId] else { throw notFound("Client \(clientId) not found") }
        // `partner_payload` is required and must be what the client list shows (C11).
        guard patch.partnerPayload == (client.partnerPayload ?? "") else {
            throw badRequest("partner_payload does not match the client's partner_payload", details: ["partner_payload"])
        }
        if let max = patch.maxChannels {
            guard (1...100).contains(max) else {
                throw badRequest("max_channels must be between 1 and 100", details: ["max_channels"])
            }
            let current = world.channels.values.filter { $0.channel.clientId == clientId && $0.channel.terminatedAt == nil }.count
            guard max >= current else {
                throw badRequest("max_channels cannot be lower than the \(current) channels the client has", details: ["max_channels"])
            }
            client.maxChannels = max
        }
        client.modifiedAt = now
        world.clients[clientId] = client
        world.clientsVersion += 1
        world.version += 1
        return client
    }

    // MARK: balance

    public func clientBalance(clientId: String, period: BalancePeriod) async throws -> ClientBalance {
        record("balance", clientId)
        advance()
        guard let client = world.clients[clientId] else { throw notFound("Client \(clientId) not found") }
        try checkBalanceRate(clientId)
        let channels = world.channels.values.filter { $0.channel.clientId == clientId }
        let currency = channels.compactMap { $0.balance?.currency }.first
            ?? Currency(code: SandboxNames.countries.first { $0.code == client.contactInfo?.country }?.currency ?? "EUR")!
        let zero = Money.zero(currency)
        // The balance only means something for direct payment (C10); the others read 0. Numbers
        // billed in another currency are a clear error, not a trap in the sum.
        guard let sum = Money.total(channels.compactMap(\.balance), in: currency),
              let usage = Money.total(channels.compactMap(\.monthUsage), in: currency) else {
            let codes = Set(channels.flatMap { [$0.balance, $0.monthUsage].compactMap { $0?.currency.code } }).sorted()
            throw ServiceError.api(status: 409, body: APIErrorBody(httpCode: 409,
                developerMessage: "The numbers of client \(clientId) are billed in several currencies (\(codes.joined(separator: ", ")))"))
        }
        let balance = client.isDirectPayment ? sum : zero
        let conversations = channels.reduce(0) { $0 + $1.monthConversations }
        let monthStart = Self.monthStart(of: periodStart(period))
        let renewal = channels.flatMap(\.payments).max { $0.paidAt < $1.paidAt }
        let marketingPrice = Money(minorUnits: usage.minorUnits / 2, currency: currency)
        let half = conversations / 2
        let categories: [String: UsagePeriod.CategoryUsage] = [
            "marketing": .init(quantity: half, paidQuantity: half, price: marketingPrice),
            "utility": .init(quantity: conversations - half, paidQuantity: conversations - half, price: usage - marketingPrice),
        ]
        let period = UsagePeriod(periodDate: monthStart, quantity: conversations + 20, paidQuantity: conversations,
                                 freeQuantity: 20, totalPrice: usage, categories: categories)
        // A range or a first month asks for every month since: the months before this one come
        // from the client's figures with a season (more before Christmas, less in February and
        // August), the same on every run.
        let thisMonth = Self.monthStart(of: now)
        var periods: [UsagePeriod] = []
        if monthStart < thisMonth {
            var m = monthStart
            while m < thisMonth, periods.count < 36 {
                periods.append(Self.pastMonth(m, clientId: clientId, conversations: max(conversations, 40), usage: usage, currency: currency))
                m = Self.nextMonth(m)
            }
        }
        if monthStart <= thisMonth {
            var current = period
            current.periodDate = thisMonth
            periods.append(current)
        } else {
            periods.append(period)
        }
        var b = ClientBalance(currency: currency, balance: balance,
                              lastRenewal: renewal.map { LastRenewal(date: $0.paidAt, amount: $0.credited) }, usage: periods)
        b.estimatedTemplateCost = Decimal(string: "0.05")
        return b
    }

    /// 1 request per 10 s per client by default: answered with 429 and Retry-After.
    func checkBalanceRate(_ clientId: String) throws {
        let real = time.now()
        var recent = (lastBalanceRequests[clientId] ?? []).filter { real.timeIntervalSince($0) < config.balanceWindow }
        if recent.count >= config.balanceRequests, let oldest = recent.first {
            rejectLast()
            throw ServiceError.rateLimited(retryAfter: max(1, (config.balanceWindow - real.timeIntervalSince(oldest)).rounded(.up)))
        }
        recent.append(real)
        lastBalanceRequests[clientId] = recent
    }

    // MARK: templates

    public func listTemplates(wabaAccountId: String, _ query: ListQuery) async throws -> ListEnvelope<Template> {
        record("templates", wabaAccountId)
        advance()
        try checkTemplateRate()
        guard let templates = world.templates[wabaAccountId] else { throw notFound("WABA account \(wabaAccountId) not found") }
        let items = SandboxFields.template.sort(templates, by: query.sort.isEmpty ? ["id"] : query.sort)
        return page(items.filter { SandboxFields.template.matches($0, query.filters) }, query)
    }

    public func createTemplate(wabaAccountId: String, _ draft: TemplateDraft) async throws -> Template {
        advance()
        try checkTemplateRate()
        guard var list = world.templates[wabaAccountId] else { throw notFound("WABA account \(wabaAccountId) not found") }
        let name = draft.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 512, name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else {
            throw badRequest("Template name must be lowercase letters, digits and underscores, at most 512 characters", details: ["name"])
        }
        if list.contains(where: { $0.name == name && $0.language == draft.language }) {
            throw badRequest("The template name you have provided is already in use. Please choose a different name for your template.", details: ["name"])
        }
        var t = Template(id: rng.id(length: 22, suffix: "WT"), name: name, category: draft.category, language: draft.language,
                         status: .submitted, components: draft.components, wabaAccountId: wabaAccountId,
                         partnerId: world.partner.id, createdAt: now, modifiedAt: now)
        t.rejectedReason = nil
        list.append(t)
        // Meta decides about 30 seconds later (reference §5.5).
        templateReviews[t.id] = (wabaAccountId, now + SandboxLifecycle.templateReview)
        world.templates[wabaAccountId] = list
        world.version += 1
        return t
    }

    public func deleteTemplate(wabaAccountId: String, templateId: String) async throws {
        advance()
        guard var list = world.templates[wabaAccountId], let i = list.firstIndex(where: { $0.id == templateId }) else {
            throw notFound("Template \(templateId) not found")
        }
        list.remove(at: i)
        world.templates[wabaAccountId] = list
        world.version += 1
    }

    func checkTemplateRate() throws {
        let real = time.now()
        templateRequests = templateRequests.filter { real.timeIntervalSince($0) < 60 }
        if templateRequests.count >= config.templateRequestsPerMinute, let oldest = templateRequests.first {
            rejectLast()
            throw ServiceError.rateLimited(retryAfter: max(1, (60 - real.timeIntervalSince(oldest)).rounded(.up)))
        }
        templateRequests.append(real)
    }

    // MARK: partner change requests (the partner side)

    public func listPartnerChangeRequests(_ query: ListQuery) async throws -> ListEnvelope<PartnerChangeRequest> {
        record("partner change requests", "")
        advance()
        let items = SandboxFields.partnerChangeRequest.sort(Array(world.partnerChangeRequests.values), by: query.sort.isEmpty ? ["-created_at", "id"] : query.sort)
        return page(items.filter { SandboxFields.partnerChangeRequest.matches($0, query.filters) }, query)
    }

    public func approvePartnerChangeRequest(id: String) async throws -> PartnerChangeRequest {
        advance()
        guard var pcr = world.partnerChangeRequests[id] else { throw notFound("Partner change request \(id) not found") }
        guard pcr.targetPartnerId == world.partner.id else { throw forbidden("Only the destination partner approves a partner change request") }
        guard pcr.status == .pending || pcr.status == .created else { throw badRequest("Partner change request \(id) is \(pcr.status?.rawValue ?? "not pending")") }
        if world.incoming[id] != nil {
            acceptIncoming(id, at: now)
            return world.partnerChangeRequests[id] ?? pcr
        }
        pcr.status = .completed
        pcr.updatedAt = now
        world.partnerChangeRequests[id] = pcr
        world.version += 1
        emit("partner_change_request_approved", .object(["id": .string(id)]))
        return pcr
    }

    public func setPartnerChangeAutoApprove(_ enabled: Bool) async throws -> Bool {
        world.autoApprovePartnerChanges = enabled
        // The partner's settings say it, as `GET /partners/{pid}` shows them.
        var settings: [String: JSONValue] = [:]
        if case .object(let o)? = world.partner.settings { settings = o }
        settings["partner_change_request"] = JSONValue.object(["auto_approve": JSONValue.bool(enabled)])
        world.partner.settings = .object(settings)
        if enabled { for id in world.incoming.keys.sorted() { acceptIncoming(id, at: now) } }
        return enabled
    }

    // MARK: channel API keys and the messaging side

    public func createChannelAPIKey(channelId: String) async throws -> ChannelAPIKey {
        advance()
        guard let sc = world.channels[channelId] else { throw notFound("Channel \(channelId) not found") }
        guard sc.channel.integration?.isRunning == true, sc.channel.terminatedAt == nil else {
            throw badRequest("You won't be able to generate an API key unless the channel status is running")
        }
        let clientId = sc.channel.clientId ?? ""
        let permitted = world.permissions[clientId]?.contains(channelId) ?? false
        guard permitted || world.clients[clientId]?.isDirectPayment == false else {
            throw forbidden("The client has not granted the partner permission for this number")
        }
        // A new key revokes the number's old keys.
        world.apiKeys = world.apiKeys.filter { $0.value != channelId }
        let key = rng.id(length: 32, suffix: "")
        world.apiKeys[key] = channelId
        return ChannelAPIKey(id: String(rng.int(100_000...999_999)), apiKey: key,
                             address: sc.channel.hostingPlatform == .onPremise ? "https://waba.360dialog.io" : "https://waba-v2.360dialog.io",
                             appId: sc.channel.integration?.appId)
    }

    public func health(apiKey: String) async throws -> HealthStatus {
        record("health", apiKey)
        advance()
        guard let channelId = world.apiKeys[apiKey], let sc = world.channels[channelId] else { throw ServiceError.unauthorized("Invalid api key") }
        let real = time.now()
        if let (cached, at) = healthCache[apiKey], real.timeIntervalSince(at) < config.healthCacheSeconds { return cached }
        let status: String
        switch sc.channel.lifecycle() {
        case .live: status = "connected"
        case .pendingDeletion: status = "disconnected"
        case .unregistered: status = "unregistered"
        default: status = "uninitialized"
        }
        let h = HealthStatus(gatewayStatus: status)
        healthCache[apiKey] = (h, real)
        return h
    }

    /// The Cloud API health of the number behind a key: AVAILABLE when live, LIMITED while
    /// it is not yet, BLOCKED (with Meta's error) after a violation or when it is going away.
    public func cloudHealth(apiKey: String) async throws -> CloudHealthStatus {
        record("health", apiKey)
        advance()
        guard let channelId = world.apiKeys[apiKey], let ch = world.channels[channelId]?.channel else { throw ServiceError.unauthorized("Invalid api key") }
        let phone = CloudHealthStatus.Entity(entityType: "PHONE_NUMBER", id: channelId, canSendMessage: nil)
        var entities = [phone]
        let state: String
        if ch.wabaAccount?.status?.isViolation == true || ch.lifecycle() == .pendingDeletion {
            state = "BLOCKED"
            entities[0].errors = [.init(errorCode: 131031, errorDescription: "Business account is restricted from messaging",
                                        possibleSolution: "Open a support ticket with 360dialog")]
        } else if ch.lifecycle() == .live {
            state = "AVAILABLE"
        } else {
            state = "LIMITED"
            entities[0].additionalInfo = ["The phone number is not registered yet"]
        }
        entities[0].canSendMessage = state
        entities.append(.init(entityType: "WABA", id: ch.wabaAccount?.externalId, canSendMessage: state == "BLOCKED" ? "BLOCKED" : "AVAILABLE"))
        return CloudHealthStatus(canSendMessage: state, entities: entities, id: channelId)
    }

    public func phoneNumber(apiKey: String) async throws -> String {
        guard let channelId = world.apiKeys[apiKey], let phone = world.channels[channelId]?.channel.setupInfo?.phoneNumber else {
            throw ServiceError.unauthorized("Invalid api key")
        }
        return phone
    }

    // MARK: helpers

    func effectiveLimit(_ q: ListQuery) -> Int { max(0, min(q.limit ?? ListQuery.defaultLimit, 10_000)) }

    func withLimit(_ q: ListQuery, _ limit: Int) -> ListQuery {
        var q = q
        q.limit = limit
        return q
    }

    func page<T: ListItem>(_ items: [T], _ query: ListQuery) -> ListEnvelope<T> {
        let limit = effectiveLimit(query)
        return ListEnvelope(items: Array(items.dropFirst(query.offset).prefix(limit)), total: items.count, query: withLimit(query, limit))
    }

    func badRequest(_ message: String, details: [String]? = nil) -> ServiceError {
        .api(status: 400, body: APIErrorBody(httpCode: 400, developerMessage: message, details: details))
    }

    func notFound(_ message: String) -> ServiceError {
        .api(status: 404, body: APIErrorBody(httpCode: 404, developerMessage: message))
    }

    func forbidden(_ message: String) -> ServiceError {
        .api(status: 403, body: APIErrorBody(httpCode: 403, developerMessage: message))
    }

    // MARK: auth (used by the HTTP sandbox)

    public func issueToken(username: String, password: String) -> (token: String, expiresIn: Int)? {
        guard username == config.username, password == config.password else { return nil }
        let token = "sbx." + rng.id(length: 40, suffix: "")
        tokens[token] = time.now() + config.tokenLifetime
        return (token, Int(config.tokenLifetime))
    }

    public func isValidToken(_ token: String) -> Bool {
        guard let expiry = tokens[token] else { return false }
        return time.now() < expiry
    }

    public func revokeTokens() { tokens.removeAll() }
}
