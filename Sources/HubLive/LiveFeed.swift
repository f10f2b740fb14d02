import Foundation
import HubCore
import Logging

/// The live engine: one `PollScheduler` with a source per kind of data (channels, clients,
/// balances on screen, pending partner changes and refunds, templates in review). Every result
/// is compared with the last and handed to the store as actions: snapshots, balances,
/// notifications, and the scheduler's own status for the status bar.
public actor LiveFeed {
    public struct Settings: Sendable {
        /// Channel list (all pages) and client list.
        public var channels: PollPolicy
        public var clients: PollPolicy
        /// The balance of each client on screen or focused. Budget: 1 per 10 s per client (C10).
        public var balance: PollPolicy
        /// Partner change requests and refunds: `settling` while one is pending, `quiet` otherwise.
        public var settling: Double
        public var quiet: Double
        public var pendingBudget: RateBudget
        /// Polls for changes and full walks of the lists (ListSync, docs/live.md).
        public var channelSync = ListSync<Channel>.Policy()
        public var clientSync = ListSync<Client>.Policy()
        /// The balance of clients on screen but not focused (the focused one: `balance`).
        public var backgroundBalance: PollPolicy
        /// With nothing to show yet, the first page of the first walk goes to the screen at once
        /// (the TUI; `watch` reports the whole list only).
        public var firstPageEarly = false

        /// `interval`: seconds between channel polls; the rest follows from it.
        public init(interval: Double, minimumGap: Double = 2) {
            let gap = max(1, min(minimumGap, interval))
            // Backoff stops at two intervals: a failing server is asked less often, and once it
            // is back the data is in sync again within two poll cycles.
            func every(_ seconds: Double, _ budget: RateBudget) -> PollPolicy {
                PollPolicy(interval: seconds, budget: budget, backoffBase: min(2, seconds), backoffCap: max(2, seconds * 2))
            }
            channels = every(interval, RateBudget(1, per: gap))
            // Clients change rarely (a name, a limit; an agent's own change is fetched at once):
            // a quarter as often as the channels.
            clients = every(max(interval * 4, 10), RateBudget(1, per: gap))
            balance = every(max(interval * 2, 30), RateBudget(1, per: 10))
            // A balance moves with the client's usage; the card of a client that is not focused
            // shows its balance as of when it came on screen, refreshed every 30 minutes, on
            // focus and on r (each client on screen polled every minute cost most of the
            // Partner API requests of a quiet partner).
            backgroundBalance = every(max(interval * 60, 1800), RateBudget(1, per: 10))
            settling = max(interval, 5)
            quiet = max(interval * 10, 300)
            pendingBudget = RateBudget(1, per: gap)
        }

        /// The sandbox answers at once: poll every 3 s.
        public static let sandbox = Settings(interval: 3)
        /// A live partner: every 30 s, at most one list walk per 5 s whatever the agent does.
        public static let live = Settings(interval: 30, minimumGap: 5)
    }

    let service: any PartnerService
    let settings: Settings
    let now: @Sendable () -> Date
    public nonisolated let actions: AsyncStream<Action>
    let sink: AsyncStream<Action>.Continuation
    public nonisolated let scheduler: PollScheduler

    /// The lists as last polled, kept in step by polls for changes and full walks (ListSync).
    let channelSync: Synced<Channel>
    let clientSync: Synced<Client>
    /// Whether each list has been answered since the start (a snapshot needs both).
    var channelsKnown = false
    var clientsKnown = false
    /// Whether a cached snapshot seeded the lists (what changed while closed is notified).
    var seeded = false
    /// The store has had a full live snapshot; later ones are changes.
    var publishedLive = false
    /// Changes not handed to the store and the database yet (one list came before the other).
    var pendingChannels = ListDelta<Channel>()
    var pendingClients = ListDelta<Client>()
    /// Whether the database holds exactly the lists before the pending changes (false: the
    /// next save writes everything).
    var databaseInSync = false
    var partner: Partner?
    var balances: [String: Money] = [:]
    var partnerChanges: [String: PartnerChangeRequest]?
    var refunds: [String: Refund]?
    var watchedBalances: Set<String> = []
    /// Focused on other screens (the team's poller, HubTeam): at the focused pace too.
    var alsoFocused: Set<String> = []
    var watchedFunds: Set<String> = []
    /// Each WABA's template statuses as last read, to notify Meta's decisions (LiveFeed+Templates).
    var templateStatuses: [String: [String: TemplateStatus]] = [:]
    var watchedTemplates: Set<String> = []
    /// Names of templates submitted from here and still in review, by WABA.
    var followedTemplates: [String: Set<String>] = [:]
    var lastStatus: LiveStatus?
    var started = false

    /// Where snapshots and notifications are kept between runs (nil: nowhere).
    let database: (any FeedStore)?
    let connectionKey: String
    /// Unknown webhook events, stopped sources (never a secret: messages come from typed errors).
    let logger: Logger

    public init(service: any PartnerService, settings: Settings, database: (any FeedStore)? = nil, connectionKey: String = "",
                time: SchedulerTime = .continuous, plan: PollPlan = PollPlan(), logger: Logger = .silent,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.logger = logger
        self.service = service
        self.settings = settings
        self.database = database
        self.connectionKey = connectionKey
        self.now = now
        scheduler = PollScheduler(plan: plan, time: time)
        channelSync = Synced(ListSync(policy: settings.channelSync))
        clientSync = Synced(ListSync(policy: settings.clientSync))
        (actions, sink) = AsyncStream.makeStream(of: Action.self, bufferingPolicy: .bufferingNewest(1024))
    }

    /// Seeds change detection with the snapshot shown from the cache, so what changed while
    /// partnerhub was closed is notified on the first poll.
    /// `fingerprints`: of the bytes each channel was decoded from, kept by the database, so
    /// the first walk decodes only what changed while partnerhub was closed.
    public func seed(channels: [Channel], clients: [Client], fingerprints: [String: UInt64] = [:]) async {
        guard !seeded, !channelsKnown else { return }
        await (service as? any ChannelDecodeCache)?.remember(channels: channels, fingerprints: fingerprints)
        channelSync.state.seed(channels)
        clientSync.state.seed(clients)
        seeded = true
        databaseInSync = true
    }

    /// Hands an action to the store through the feed's stream (the cached snapshot at start).
    public func inject(_ action: Action) {
        sink.yield(action)
    }

    public func start() async {
        guard !started else { return }
        started = true
        sink.yield(.liveStatusChanged(LiveStatus(phase: .loading)))
        await scheduler.register(.channels, settings.channels)
        await scheduler.register(.clients, settings.clients)
        await scheduler.register(.partnerChanges, PollPolicy(interval: settings.quiet, budget: settings.pendingBudget))
        await scheduler.register(.refunds, PollPolicy(interval: settings.quiet, budget: settings.pendingBudget))
        let focused = await scheduler.plan.focusedClient
        for id in watchedBalances {
            await scheduler.register(.balance(clientId: id), id == focused || alsoFocused.contains(id) ? settings.balance : settings.backgroundBalance)
        }
        for id in watchedFunds { await scheduler.register(.funds(channelId: id), fundsPolicy(id, focused: focused)) }
        await scheduler.start(work: { [weak self] source in await self?.poll(source) ?? .success },
                              onChange: { [weak self] plan, t in await self?.report(plan, at: t) })
    }

    public func stop() async {
        await scheduler.stop()
        sink.finish()
    }

    /// "Refresh now" (`r`): the lists and the focused balance, as soon as their budgets allow.
    /// Returns when that will be (nil: already running), for the agent's message.
    public func refreshNow() async -> Date? {
        var sources: [PollSource] = [.channels, .clients]
        // The agent asked: the lists are walked in full, not just asked for what changed.
        channelSync.state.fullRequested = true
        clientSync.state.fullRequested = true
        if let f = await scheduler.plan.focusedClient, watchedBalances.contains(f) { sources.append(.balance(clientId: f)) }
        guard let t = await scheduler.refreshNow(sources) else { return nil }
        return date(t, clockNow: await scheduler.now())
    }

    public func setPaused(_ p: Bool) async {
        await scheduler.setPaused(p)
    }

    /// The clients whose balances the screen shows, and the focused one (which goes first).
    /// `alsoFocused`: clients focused on other agents' screens (the team's poller): polled at
    /// the focused pace as well, each within its own 1 per 10 s budget.
    public func watchBalances(_ clients: Set<String>, focused: String?, alsoFocused: Set<String> = []) async {
        let all = clients.union(focused.map { [$0] } ?? []).union(alsoFocused)
        let wasAlso = self.alsoFocused
        self.alsoFocused = alsoFocused.subtracting(focused.map { [$0] } ?? [])
        let previous = watchedBalances, wasFocused = await scheduler.plan.focusedClient
        for gone in previous.subtracting(all) { await scheduler.unregister(.balance(clientId: gone)) }
        watchedBalances = all
        await scheduler.focus(clientId: focused)
        guard started else { return }
        // New on screen: asked once now, then at the background pace; so is the one that lost
        // the focus. The focused one every `balance` interval, and at once when just focused.
        for new in all.subtracting(previous) where new != focused && !self.alsoFocused.contains(new) {
            await scheduler.register(.balance(clientId: new), settings.backgroundBalance)
        }
        if let old = wasFocused, old != focused, all.contains(old), !self.alsoFocused.contains(old) {
            await scheduler.register(.balance(clientId: old), settings.backgroundBalance)
        }
        for id in wasAlso.subtracting(self.alsoFocused) where all.contains(id) && id != focused {
            await scheduler.register(.balance(clientId: id), settings.backgroundBalance)
        }
        for id in self.alsoFocused.subtracting(wasAlso) {
            await scheduler.register(.balance(clientId: id), settings.balance)
            await scheduler.pollSoon([.balance(clientId: id)])
        }
        if let focused {
            await scheduler.register(.balance(clientId: focused), settings.balance)
            if focused != wasFocused { await scheduler.pollSoon([.balance(clientId: focused)]) }
        }
        if focused != wasFocused {
            for id in watchedFunds { await scheduler.register(.funds(channelId: id), fundsPolicy(id, focused: focused)) }
        }
    }

    /// A number's own funds (direct payment) follow its client's pace: every `balance`
    /// interval for the focused client, the background pace for the others on screen.
    func fundsPolicy(_ channelId: String, focused: String?) -> PollPolicy {
        let client = channelSync.state.items[channelId]?.resolvedClientId
        return client != nil && client == focused ? settings.balance : settings.backgroundBalance
    }

    /// The numbers on screen whose clients pay directly: their own funds go on their cards.
    public func watchFunds(_ channels: Set<String>) async {
        for gone in watchedFunds.subtracting(channels) { await scheduler.unregister(.funds(channelId: gone)) }
        if started {
            let focused = await scheduler.plan.focusedClient
            for new in channels.subtracting(watchedFunds) { await scheduler.register(.funds(channelId: new), fundsPolicy(new, focused: focused)) }
        }
        watchedFunds = channels
    }

    /// A refund or partner change was just made: poll them now, then at the settling pace
    /// while one is pending (each poll decides its pace), so its completion is notified soon.
    public func settlementStarted() async {
        await scheduler.pollSoon([.refunds, .partnerChanges])
    }

    // MARK: webhooks

    /// A partner webhook event: its notification now (the poll later gives the same one, shown
    /// once), and the sources it concerns are polled as soon as their budgets allow.
    public func receive(_ event: WebhookEvent) async {
        if let note = await react(to: event) { notify(note) }
    }

    /// A webhook event's notification, not sent (the team's poller writes it with the change
    /// it announces), and the lists it touches polled sooner.
    public func react(to event: WebhookEvent) async -> HubNotification? {
        let reaction = WebhookTranslator.react(to: event, at: now(), label: channelLabel, previous: { self.channelSync.state.items[$0] })
        if reaction.unknown {
            logger.warning("webhook: unknown event \(Sanitizer.oneLine(event.event, max: 80)) (id \(Sanitizer.oneLine(event.id, max: 80))); polling the lists")
        }
        await scheduler.pollSoon(reaction.refresh)
        return reaction.notification
    }

    // MARK: polling

    /// One poll of a source, outside the schedule (the scheduler calls this; so do benchmarks).
    public func poll(_ source: PollSource) async -> PollOutcome {
        do {
            switch source {
            case .channels: try await pollChannels()
            case .clients: try await pollClients()
            case .balance(let id): try await pollBalance(id)
            case .funds(let id): sink.yield(.fundsLoaded(try await service.funds(channelId: id)))
            case .partnerChanges: try await pollPartnerChanges()
            case .refunds: try await pollRefunds()
            case .templates(let waba): sink.yield(.templatesLoaded(wabaAccountId: waba, try await templates(wabaAccountId: waba)))
            }
            return .success
        } catch ServiceError.unavailable {
            return .unsupported // modeled on a live connection: the Hub has it, the API does not
        } catch ServiceError.rateLimited(let after) {
            return .failure(reason: ServiceError.rateLimited(retryAfter: after).description, retryAfter: after)
        } catch is CancellationError {
            return .failure(reason: "cancelled", retryAfter: nil)
        } catch let error as ServiceError {
            return outcome(of: error, source)
        } catch {
            return .failure(reason: Sanitizer.oneLine(String(describing: error)), retryAfter: nil)
        }
    }

    /// Transient errors back off; permanent ones stop: the whole connection (credentials
    /// rejected, wrong base URL or partner) or the one source (a 403 on one client's balance
    /// is that client's, shown on it).
    func outcome(of error: ServiceError, _ source: PollSource) -> PollOutcome {
        let reason = Sanitizer.oneLine(error.description)
        logger.error("poll \(source): \(reason)")
        if case .unauthorized = error {
            return .stopped(reason: "Credentials rejected (\(reason)); fix the API key or password, then press r", everything: true)
        }
        if error.stopsPolling { return .stopped(reason: reason, everything: true) }
        // Only 403 and 404 say something lasting about one thing (this client's balance is not
        // ours, the client left); a 400 or 409 may be a passing server fault: backed off and
        // shown, never a reason to stop watching.
        // A refused balance is shown on its client either way.
        if case .balance(let id) = source, case .api = error { sink.yield(.clientDataFailed(clientId: id, reason: reason)) }
        guard case .api(let status, _) = error, status == 403 || status == 404 else { return .failure(reason: reason, retryAfter: nil) }
        switch source {
        case .balance:
            return .stopped(reason: reason, everything: false)
        case .funds, .partnerChanges, .refunds, .templates:
            return .stopped(reason: reason, everything: false)
        case .channels, .clients:
            // The lists are the whole screen: kept asking (with backoff) until they answer;
            // only credentials and a wrong base stop everything (above).
            return .failure(reason: reason, retryAfter: nil)
        }
    }

    func pollBalance(_ clientId: String) async throws {
        // One request for the chart's 12 months and this month's figures (issue 29).
        let balance = try await service.clientBalance(clientId: clientId, period: .lastTwelveMonths(now: now()))
        sink.yield(.balanceLoaded(clientId: clientId, balance))
        if let money = balance.balance {
            if let before = balances[clientId], before.minorUnits >= 0, money.minorUnits < 0 {
                let name = clientSync.state.items[clientId]?.name.map(Sanitizer.terminalSafe) ?? clientId
                notify(HubNotification(id: "\(clientId)-balance-negative-\(Int(now().timeIntervalSince1970 / 86400))", level: .warning,
                                       time: now(), clientId: clientId, text: "\(name): balance is below 0 (\(money.description))"))
            }
            balances[clientId] = money
        }
    }

    func pollPartnerChanges() async throws {
        let page = try await service.listPartnerChangeRequests(ListQuery(limit: 100, sort: ["-created_at"]))
        let current = Dictionary(page.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if current != partnerChanges { sink.yield(.partnerChangesLoaded(page.items)) }
        for note in SettlementDetector.partnerChanges(old: partnerChanges, new: page.items, at: now(),
                                                     company: { id in self.clientSync.state.items[id].map(\.displayCompany).flatMap { $0 == id ? nil : $0 } },
                                                     number: { self.channelSync.state.items[$0]?.phoneNumberE164 }) { notify(note) }
        partnerChanges = current
        // Watched closely while another side decides (an outgoing request, or one this agent
        // just acted on: `settlementStarted`); one waiting for this partner's own approval
        // changes when the agent acts, so it does not keep the fast pace.
        let me = partner?.id
        await pace(.partnerChanges, pending: page.items.contains {
            ($0.status == .pending || $0.status == .created) && (me == nil || $0.targetPartnerId != me)
        })
    }

    func pollRefunds() async throws {
        let list = try await service.refunds(channelId: nil)
        for note in SettlementDetector.refunds(old: refunds, new: list, label: channelLabel, at: now()) { notify(note) }
        refunds = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        await pace(.refunds, pending: list.contains { $0.status == .processing })
    }

    /// A channel as the cards name it.
    func channelLabel(_ id: String) -> String? {
        channelSync.state.items[id].map(ChangeDetector.label)
    }

    /// Pending items are watched closely until they settle; then the source goes quiet.
    func pace(_ source: PollSource, pending: Bool) async {
        await scheduler.register(source, PollPolicy(interval: pending ? settings.settling : settings.quiet, budget: settings.pendingBudget))
    }

    func notify(_ note: HubNotification) {
        sink.yield(.notify(note))
        guard let database else { return }
        let key = connectionKey
        Task { try? await database.record(note, connection: key) }
    }

    // MARK: status

    /// Tells the store how live the data is; only when that changed.
    func report(_ plan: PollPlan, at t: Double) {
        let status = LiveFeed.status(plan, at: t, date: { self.date($0, clockNow: t) })
        guard status != lastStatus else { return }
        lastStatus = status
        sink.yield(.liveStatusChanged(status))
    }

    static func status(_ plan: PollPlan, at t: Double, date: (Double) -> Date) -> LiveStatus {
        let sources = plan.status(now: t, date: date)
        let lists = sources.first { $0.name == PollSource.Kind.channels.rawValue }
        let phase: LiveStatus.Phase
        if let halt = plan.halt { phase = .stopped(reason: halt) }
        else if plan.paused { phase = .paused }
        else if let error = lists?.error { phase = .backingOff(reason: error, retryAt: lists?.nextRun) }
        else if lists?.lastSuccess == nil { phase = .loading }
        else { phase = .idle }
        return LiveStatus(phase: phase, lastSuccess: lists?.lastSuccess, nextRun: lists?.nextRun, sources: sources)
    }

    /// Clock seconds as wall time (the clock may be a test clock).
    nonisolated func date(_ t: Double, clockNow: Double) -> Date {
        now().addingTimeInterval(t - clockNow)
    }
}

