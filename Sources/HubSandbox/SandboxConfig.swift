import Foundation
import HubCore

/// How a sandbox is set up. Defaults give a lively, small partner.
public struct SandboxConfig: Sendable {
    public var seed: UInt64 = 1
    public var clients = 40
    public var partnerId = "sandboxPA"
    /// The partner API key the HTTP sandbox accepts (a sandbox value, not a secret).
    public var apiKey = "sandbox-key"
    public var username = "agent@partner.example"
    public var password = "sandbox-password"
    /// Sandbox seconds per real second. 60: a channel walks to live within a minute or two.
    public var timeScale: Double = 60
    /// Client balance: at most `balanceRequests` per `balanceWindow` real seconds per client (C10).
    public var balanceRequests = 1
    public var balanceWindow: TimeInterval = 10
    /// Templates: 400 requests per minute in total (reference §4).
    public var templateRequestsPerMinute = 400
    /// The messaging health answer is cached this long (C15).
    public var healthCacheSeconds: TimeInterval = 300
    public var tokenLifetime: TimeInterval = 86400
    public var scenario: SandboxScenario?
    /// Dates are laid out before this instant (start of today, UTC, by default).
    public var reference: Date = SandboxGenerator.startOfDay()

    public init() {}

    /// The partner the sandbox serves: the scenario's when one is loaded.
    public var effectivePartnerId: String { scenario?.partner.id ?? partnerId }
}

/// Real time for the engine; tests inject a manual one.
public struct TimeSource: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = TimeSource { Date() }
}

/// A settable clock for tests: time only moves when the test says so.
public final class ManualTime: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    public init(_ start: Date) { date = start }

    public var now: Date { lock.withLock { date } }
    public func advance(by seconds: TimeInterval) { lock.withLock { date += seconds } }
    public var source: TimeSource { TimeSource { [self] in now } }
}
