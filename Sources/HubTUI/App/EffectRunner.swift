import Foundation
import HubCore

/// Hooks into the live engine (HubLive), handed in by the executable: HubTUI does not poll.
public struct FeedControl: Sendable {
    public var refresh: @Sendable () async -> Void
    public var setPaused: @Sendable (Bool) async -> Void

    public init(refresh: @escaping @Sendable () async -> Void, setPaused: @escaping @Sendable (Bool) async -> Void) {
        self.refresh = refresh
        self.setPaused = setPaused
    }
}

/// Performs the reducer's effects against the PartnerService and answers with actions.
/// Balance requests keep to the documented 1 per 10 s per client on our side.
public actor EffectRunner {
    let service: any PartnerService
    let feed: FeedControl
    var lastBalance: [String: Date] = [:]
    var loadedTemplates: Set<String> = []
    static let balanceInterval: TimeInterval = 10

    public init(service: any PartnerService, feed: FeedControl) {
        self.service = service
        self.feed = feed
    }

    public func perform(_ effect: Effect) async -> [Action] {
        do {
            switch effect {
            case .loadBalance(let clientId):
                if let last = lastBalance[clientId], Date().timeIntervalSince(last) < Self.balanceInterval { return [] }
                lastBalance[clientId] = Date()
                return [.balanceLoaded(clientId: clientId, try await service.clientBalance(clientId: clientId, period: .currentMonth))]
            case .loadTemplates(let waba):
                let list = try await service.allPages(pageSize: 1000) { try await service.listTemplates(wabaAccountId: waba, $0) }
                return [.templatesLoaded(wabaAccountId: waba, list)]
            case .loadPayments(let channelId):
                return [.paymentsLoaded(channelId: channelId, try await service.payments(channelId: channelId))]
            case .loadPermissions(let clientId):
                return [.permissionsLoaded(clientId: clientId, try await service.permissions(clientId: clientId))]
            case .refreshNow:
                await feed.refresh()
                return [.flash(.info, "Refreshing now")]
            case .setPaused(let p):
                await feed.setPaused(p)
                return [.flash(.info, p ? "Live updates paused (p resumes)" : "Live updates resumed")]
            case .focusClient, .quit, .exportCSV, .setTheme:
                return []
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
}
