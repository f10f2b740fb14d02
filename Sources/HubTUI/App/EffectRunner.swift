import Foundation
import HubCore

/// What only the screen's own actor can do for an effect: the terminal, the process, a file
/// made from the state on screen. `TUIApp` is the host.
@MainActor public protocol EffectHost: AnyObject, Sendable {
    func quit()
    func exportCSV(path: String, overwrite: Bool, dialog: Int)
    func setTheme(_ name: String)
    func copyToClipboard(_ text: String)
    func redraw()
}

/// The one interpreter of the reducer's effects (issue 27): every effect is switched on here,
/// once; the API's, the live source's and the pipeline's are performed here and answered with
/// actions, the screen's own are handed to its `EffectHost`. Balances are not fetched here:
/// the live engine polls those on screen within their budget.
public actor EffectRunner {
    let service: any PartnerService
    /// The live data's source: polls what the screen shows, refreshes, pauses.
    let source: any LiveSource
    /// C15: health through the shared once-per-5-minutes record (nil: this runner's own, in memory).
    let health: (@Sendable (String, HostingPlatform) async -> HealthReport)?
    /// The operation pipeline: every mutating request goes through it.
    let operations: any MutationPerformer
    /// Health checks without a shared record (a runner without a database).
    lazy var ownHealth = HealthChecks(service: service, store: InMemoryHealthStore())

    public init(service: any PartnerService, source: any LiveSource, operations: any MutationPerformer,
                health: (@Sendable (String, HostingPlatform) async -> HealthReport)? = nil) {
        self.service = service
        self.source = source
        self.health = health
        self.operations = operations
    }

    public func perform(_ effect: Effect, host: (any EffectHost)? = nil) async -> [Action] {
        do {
            switch effect {
            case .quit:
                await host?.quit()
                return []
            case let .exportCSV(path, overwrite, dialog):
                await host?.exportCSV(path: path, overwrite: overwrite, dialog: dialog)
                return []
            case .setTheme(let name):
                await host?.setTheme(name)
                return []
            case .copyToClipboard(let secret):
                await host?.copyToClipboard(secret.value)
                return []
            case .redraw:
                await host?.redraw()
                return []
            case .watch(let interest):
                await source.watch(interest)
                return []
            case .loadTemplates(let waba):
                if let viaSource = try await source.templates(of: waba) { return [.templatesLoaded(wabaAccountId: waba, viaSource)] }
                let list = try await service.allPages(pageSize: 1000) { try await service.listTemplates(wabaAccountId: waba, $0) }
                return [.templatesLoaded(wabaAccountId: waba, list)]
            case .loadFunds(let channelId):
                do {
                    return [.fundsLoaded(try await service.funds(channelId: channelId))]
                } catch is CancellationError {
                    return []
                } catch {
                    return [.fundsUnavailable(channelId: channelId, Problem(error))]
                }
            case .lookupPartner(let id):
                do {
                    return [.partnerLookedUp(id: id, try await service.destinationPartner(id: id), problem: nil)]
                } catch is CancellationError {
                    return []
                } catch {
                    return [.partnerLookedUp(id: id, nil, problem: Problem(error))]
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
                } catch is CancellationError {
                    return []
                } catch {
                    return [.permissionsUnavailable(clientId: clientId, Problem(error))]
                }
            case .refreshNow:
                return [.flash(.info, Self.refreshMessage(await source.refreshNow(), now: Date()))]
            case .setPaused(let p):
                await source.setPaused(p)
                return [.flash(.info, p ? "Live updates paused (p resumes)" : "Live updates resumed")]
            case .mutate(let request):
                let outcome = await operations.perform(request)
                if case .succeeded = outcome, request.mutation.startsSettlement { await source.settlementStarted() }
                if case .succeeded = outcome, case let .createTemplate(waba, draft) = request.mutation { await source.followReview(wabaAccountId: waba, name: draft.name) }
                var actions: [Action] = [.dialog(.mutationSettled(request, outcome))]
                if case .generateAPIKey(let channelId) = request.mutation, let k = OneTimeSecrets.shared.take(request.idempotencyKey) {
                    actions.append(.apiKeyReady(channelId: channelId, Secret(k.apiKey), address: k.address))
                }
                return actions
            case .loadAudit:
                return [.auditLoaded(await operations.auditLog(limit: 1000))]
            case let .checkHealth(channelId, platform, key, dialog):
                let report: HealthReport
                if let shared = health { report = await shared(key.value, platform) } else { report = await ownHealth.check(apiKey: key.value, platform: platform) }
                return [.healthChecked(dialog: dialog, channelId: channelId, report)]
            case .loadUsers:
                do {
                    return [.usersLoaded(try await service.users())]
                } catch is CancellationError {
                    return []
                } catch {
                    return [.usersFailed(Problem(error))]
                }
            }
        } catch ServiceError.rateLimited {
            return [] // the cached value stays on screen; the next request comes after the interval
        } catch ServiceError.unavailable(let op, let url) {
            return [.flash(.warning, "\(op) is not in the Partner API; open \(url)")]
        } catch is CancellationError {
            return []
        } catch {
            return [.flash(.error, Problem(error).description)]
        }
    }

    /// "Refresh now", or when it will run if a rate limit holds it back.
    static func refreshMessage(_ when: Date?, now: Date) -> String {
        guard let when else { return "Already refreshing" }
        let wait = Int(when.timeIntervalSince(now).rounded(.up))
        return wait <= 0 ? "Refreshing now" : "Refresh in \(wait) s (rate limit)"
    }
}
