import Foundation

/// C15, C16: the messaging health of a number and the number behind its API key, asked at
/// most once per 5 minutes per key. The rule is kept on the request, not on the answer: a
/// request that failed still counts, so retrying after an error never asks twice in the
/// window. Where the record lives decides how far the rule reaches: the database (HubLive)
/// makes it hold across restarts and every partnerhub sharing it.
public actor HealthChecks {
    public static let window: TimeInterval = 300

    let service: any PartnerService
    let store: any HealthCheckStore
    let now: @Sendable () -> Date

    public init(service: any PartnerService, store: any HealthCheckStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.service = service
        self.store = store
        self.now = now
    }

    /// The health of the number behind `apiKey` on its platform: asked only when no request
    /// for this key went out in the last 5 minutes, otherwise the last answer (or error) again.
    public func check(apiKey: String, platform: HostingPlatform) async -> HealthReport {
        let t = now()
        let claim: (claimed: Bool, last: HealthRecord?)
        do {
            claim = try await store.claim(apiKey: apiKey, at: t, window: Self.window)
        } catch {
            return HealthReport(platform: platform, health: nil,
                                problem: "The check could not be recorded, so it was not sent: \(Sanitizer.oneLine(String(describing: error), max: 200))",
                                phoneNumber: nil, askedAt: t, nextCheckAt: t, fromCache: false)
        }
        guard claim.claimed else { return Self.report(claim.last ?? HealthRecord(requestedAt: t), platform: platform, fromCache: true) }
        var record = HealthRecord(requestedAt: t)
        do {
            switch platform {
            case .cloudAPI: record.health = .cloud(try await service.cloudHealth(apiKey: apiKey))
            case .onPremise, .unknown: record.health = .onPremise(try await service.health(apiKey: apiKey))
            }
            record.phoneNumber = try? await service.phoneNumber(apiKey: apiKey)
        } catch {
            record.problem = (error as? ServiceError)?.description ?? Sanitizer.oneLine(String(describing: error), max: 300)
        }
        try? await store.save(apiKey: apiKey, record)
        return Self.report(record, platform: platform, fromCache: false)
    }

    static func report(_ r: HealthRecord, platform: HostingPlatform, fromCache: Bool) -> HealthReport {
        let pending = r.health == nil && r.problem == nil && fromCache
        return HealthReport(platform: platform, health: r.health,
                            problem: pending ? "Another partnerhub asked moments ago; its answer is not in yet." : r.problem,
                            phoneNumber: r.phoneNumber, askedAt: r.requestedAt, nextCheckAt: r.requestedAt + window, fromCache: fromCache)
    }
}

/// One key's last health request and what it got.
public struct HealthRecord: Hashable, Sendable {
    public var requestedAt: Date
    public var health: MessagingHealth?
    public var problem: String?
    public var phoneNumber: String?

    public init(requestedAt: Date, health: MessagingHealth? = nil, problem: String? = nil, phoneNumber: String? = nil) {
        self.requestedAt = requestedAt
        self.health = health
        self.problem = problem
        self.phoneNumber = phoneNumber
    }
}

/// Where the once-per-5-minutes record is kept.
public protocol HealthCheckStore: Sendable {
    /// At once for everyone sharing the store: whether a request may go out at `at` (none for
    /// this key within `window`), marking it sent if so; and the last record.
    func claim(apiKey: String, at: Date, window: TimeInterval) async throws -> (claimed: Bool, last: HealthRecord?)
    /// The answer of the request claimed at `record.requestedAt`.
    func save(apiKey: String, _ record: HealthRecord) async throws
}

/// The record in memory: the rule holds for this process only (no database).
public actor InMemoryHealthStore: HealthCheckStore {
    var records: [String: HealthRecord] = [:]

    public init() {}

    public func claim(apiKey: String, at t: Date, window: TimeInterval) -> (claimed: Bool, last: HealthRecord?) {
        let last = records[apiKey]
        if let last, t.timeIntervalSince(last.requestedAt) < window, t >= last.requestedAt { return (false, last) }
        records[apiKey] = HealthRecord(requestedAt: t)
        return (true, last)
    }

    public func save(apiKey: String, _ record: HealthRecord) {
        if records[apiKey]?.requestedAt == record.requestedAt { records[apiKey] = record }
    }
}
