import Foundation
import HubCore

/// Hooks into the live engine (HubLive), handed in by the executable: HubTUI does not poll.
public struct FeedControl: Sendable {
    /// Asks for fresh data; answers when it will be fetched (nil: it is being fetched already).
    public var refresh: @Sendable () async -> Date?
    public var setPaused: @Sendable (Bool) async -> Void
    /// The clients whose balances are on screen, and the focused one (it goes first).
    public var watchBalances: @Sendable (Set<String>, String?) async -> Void
    /// The numbers on screen of direct-payment clients: their own funds go on the cards.
    public var watchFunds: @Sendable (Set<String>) async -> Void
    /// A refund or partner change was just made: watch what settles it closely from now on.
    public var settlementStarted: @Sendable () async -> Void
    /// A WABA's templates through the live engine, which notifies status changes and polls
    /// while one is in review (nil: straight from the service).
    public var templates: (@Sendable (String) async throws -> [Template])?
    /// A template was submitted from here: follow it until Meta decides (WABA, name).
    public var followTemplateReview: @Sendable (String, String) async -> Void
    /// C15: health through the shared once-per-5-minutes record (nil: this runner's own, in memory).
    public var health: (@Sendable (String, HostingPlatform) async -> HealthReport)?

    public init(refresh: @escaping @Sendable () async -> Date?, setPaused: @escaping @Sendable (Bool) async -> Void,
                watchBalances: @escaping @Sendable (Set<String>, String?) async -> Void,
                watchFunds: @escaping @Sendable (Set<String>) async -> Void = { _ in },
                settlementStarted: @escaping @Sendable () async -> Void = {},
                templates: (@Sendable (String) async throws -> [Template])? = nil,
                followTemplateReview: @escaping @Sendable (String, String) async -> Void = { _, _ in },
                health: (@Sendable (String, HostingPlatform) async -> HealthReport)? = nil) {
        self.health = health
        self.templates = templates
        self.followTemplateReview = followTemplateReview
        self.refresh = refresh
        self.setPaused = setPaused
        self.watchBalances = watchBalances
        self.watchFunds = watchFunds
        self.settlementStarted = settlementStarted
    }
}

/// Performs the reducer's effects against the PartnerService and answers with actions.
/// Balances are not fetched here: the live engine polls those on screen within their budget.
public actor EffectRunner {
    let service: any PartnerService
    let feed: FeedControl
    /// The operation pipeline: every mutating request goes through it.
    let operations: any MutationPerformer
    /// Health checks without a shared record (a runner without a database).
    lazy var ownHealth = HealthChecks(service: service, store: InMemoryHealthStore())

    public init(service: any PartnerService, feed: FeedControl, operations: any MutationPerformer) {
        self.service = service
        self.feed = feed
        self.operations = operations
    }

    public func perform(_ effect: Effect) async -> [Action] {
        do {
            switch effect {
            case .watch(let interest):
                await feed.watchBalances(interest.clients, interest.focused)
                await feed.watchFunds(interest.funds)
                return []
            case .loadTemplates(let waba):
                if let viaFeed = feed.templates { return [.templatesLoaded(wabaAccountId: waba, try await viaFeed(waba))] }
                let list = try await service.allPages(pageSize: 1000) { try await service.listTemplates(wabaAccountId: waba, $0) }
                return [.templatesLoaded(wabaAccountId: waba, list)]
            case .loadFunds(let channelId):
                do {
                    return [.fundsLoaded(try await service.funds(channelId: channelId))]
                } catch ServiceError.unavailable(_, let url) {
                    return [.fundsUnavailable(channelId: channelId, .hubOnly(url: url))]
                } catch is CancellationError {
                    return []
                } catch {
                    return [.fundsUnavailable(channelId: channelId, .failed((error as? ServiceError)?.description ?? String(describing: error)))]
                }
            case .lookupPartner(let id):
                do {
                    return [.partnerLookedUp(id: id, try await service.destinationPartner(id: id), problem: nil)]
                } catch ServiceError.unavailable {
                    // Live: no directory in the public API; the Hub shows the name on submission.
                    return [.partnerLookedUp(id: id, nil, problem: nil)]
                } catch ServiceError.api(404, _), ServiceError.notFound {
                    return [.partnerLookedUp(id: id, nil, problem: "No partner has the ID \(id): check it with the destination partner.")]
                } catch {
                    return [.partnerLookedUp(id: id, nil, problem: "The lookup failed: \((error as? ServiceError)?.description ?? String(describing: error))")]
                }
            case let .persistPartnerChange(waba, wizard):
                await (operations as? any PartnerChangeStore)?.save(wabaAccountId: waba, wizard)
                return []
            case let .checkPartnerChange(clientId, waba):
                do {
                    return [.partnerChangeEligibility(wabaAccountId: waba, try await service.partnerChangeEligibility(clientId: clientId))]
                } catch ServiceError.unavailable {
                    return [.partnerChangeEligibility(wabaAccountId: waba, nil), .partnerChangeInHubOnly(wabaAccountId: waba)]
                } catch {
                    return [.partnerChangeEligibility(wabaAccountId: waba, nil)] // not known here: the server decides on submission
                }
            case .loadPartnerChanges:
                return [.partnerChangesLoaded(try await service.listPartnerChangeRequests(ListQuery(limit: 100, sort: ["-created_at"])).items)]
            case .loadPermissions(let clientId):
                do {
                    return [.permissionsLoaded(clientId: clientId, try await service.permissions(clientId: clientId))]
                } catch ServiceError.unavailable(_, let url) {
                    return [.permissionsUnavailable(clientId: clientId, hubURL: url, problem: nil)]
                } catch is CancellationError {
                    return []
                } catch {
                    return [.permissionsUnavailable(clientId: clientId, hubURL: nil, problem: (error as? ServiceError)?.description ?? String(describing: error))]
                }
            case .refreshNow:
                return [.flash(.info, Self.refreshMessage(await feed.refresh(), now: Date()))]
            case .setPaused(let p):
                await feed.setPaused(p)
                return [.flash(.info, p ? "Live updates paused (p resumes)" : "Live updates resumed")]
            case .mutate(let request):
                let outcome = await operations.perform(request)
                if case .succeeded = outcome, request.mutation.startsSettlement { await feed.settlementStarted() }
                if case .succeeded = outcome, case let .createTemplate(waba, draft) = request.mutation { await feed.followTemplateReview(waba, draft.name) }
                var actions: [Action] = [.dialog(.mutationSettled(request, outcome))]
                if case .generateAPIKey(let channelId) = request.mutation, let k = OneTimeSecrets.shared.take(request.idempotencyKey) {
                    actions.append(.apiKeyReady(channelId: channelId, Secret(k.apiKey), address: k.address))
                }
                return actions
            case .loadAudit:
                return [.auditLoaded(await operations.auditLog(limit: 1000))]
            case let .checkHealth(channelId, platform, key, dialog):
                let report: HealthReport
                if let shared = feed.health { report = await shared(key.value, platform) } else { report = await ownHealth.check(apiKey: key.value, platform: platform) }
                return [.healthChecked(dialog: dialog, channelId: channelId, report)]
            case .loadUsers:
                do {
                    return [.usersLoaded(try await service.users())]
                } catch ServiceError.unavailable(_, let url) {
                    return [.usersFailed("The Partner API has no users endpoint: the team is managed in the Hub, \(url)")]
                } catch is CancellationError {
                    return []
                } catch {
                    return [.usersFailed("The users could not be listed: \((error as? ServiceError)?.description ?? String(describing: error))")]
                }
            case .quit, .exportCSV, .setTheme, .redraw, .copyToClipboard:
                return [] // the runtime's own work (TUIApp.perform)
            }
        } catch ServiceError.rateLimited {
            return [] // the cached value stays on screen; the next request comes after the interval
        } catch ServiceError.unavailable(let op, let url) {
            return [.flash(.warning, "\(op) is not in the Partner API; open \(url)")]
        } catch is CancellationError {
            return []
        } catch {
            return [.flash(.error, (error as? ServiceError)?.description ?? String(describing: error))]
        }
    }

    /// "Refresh now", or when it will run if a rate limit holds it back.
    static func refreshMessage(_ when: Date?, now: Date) -> String {
        guard let when else { return "Already refreshing" }
        let wait = Int(when.timeIntervalSince(now).rounded(.up))
        return wait <= 0 ? "Refreshing now" : "Refresh in \(wait) s (rate limit)"
    }
}
