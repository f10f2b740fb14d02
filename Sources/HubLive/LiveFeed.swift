import Foundation
import HubCore

/// Polls the partner's clients and channels and hands changes to the store as actions. A tick
/// never overlaps the previous poll; failures back off exponentially (with jitter, up to a cap)
/// and recover by themselves; `refreshNow` cuts the wait short; `pause` stops polling.
public actor LiveFeed {
    public struct Settings: Sendable {
        public var interval: TimeInterval
        public var backoffBase: TimeInterval = 2
        public var backoffCap: TimeInterval = 60

        public init(interval: TimeInterval) { self.interval = interval }
    }

    let service: any PartnerService
    let settings: Settings
    let now: @Sendable () -> Date
    public nonisolated let actions: AsyncStream<Action>
    let sink: AsyncStream<Action>.Continuation
    var task: Task<Void, Never>?
    var wake: Task<Void, Error>?
    var paused = false
    var failures = 0
    var last: [Channel]?
    var lastClients: [Client] = []
    var lastSuccess: Date?

    /// Where snapshots and notifications are kept between runs (nil: nowhere).
    let database: HubDatabase?
    let connectionKey: String

    public init(service: any PartnerService, settings: Settings, database: HubDatabase? = nil, connectionKey: String = "",
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.service = service
        self.settings = settings
        self.database = database
        self.connectionKey = connectionKey
        self.now = now
        (actions, sink) = AsyncStream.makeStream(of: Action.self, bufferingPolicy: .bufferingNewest(256))
    }

    /// Seeds change detection with the snapshot shown from the cache, so what changed while
    /// partnerhub was closed is notified on the first poll.
    public func seed(channels: [Channel], clients: [Client]) {
        guard last == nil else { return }
        last = channels
        lastClients = clients
    }

    /// Hands an action to the store through the feed's stream (the cached snapshot at start).
    public func inject(_ action: Action) {
        sink.yield(action)
    }

    public func start() {
        guard task == nil else { return }
        task = Task { await self.loop() }
    }

    public func stop() {
        task?.cancel()
        wake?.cancel()
        sink.finish()
    }

    public func refreshNow() {
        wake?.cancel()
    }

    public func setPaused(_ p: Bool) {
        paused = p
        sink.yield(.liveStatusChanged(LiveStatus(phase: p ? .paused : .idle, lastSuccess: lastSuccess)))
        if !p { wake?.cancel() }
    }

    func loop() async {
        while !Task.isCancelled {
            if paused {
                await sleep(3600)
                continue
            }
            let delay = await pollOnce()
            await sleep(delay)
        }
    }

    /// One poll; returns how long to wait before the next.
    public func pollOnce() async -> TimeInterval {
        if last == nil { sink.yield(.liveStatusChanged(LiveStatus(phase: .loading, lastSuccess: lastSuccess))) }
        do {
            async let partner = service.partner()
            async let clients = service.allClients()
            let channels = try await service.allChannels()
            let (p, cs) = try await (partner, clients)
            let t = now()
            // Unchanged channels share their nested data, so comparing them is cheap.
            if channels != last || cs != lastClients {
                if let previous = last {
                    let old = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                    for note in ChangeDetector.notifications(old: old, new: channels, at: t) {
                        sink.yield(.notify(note))
                        try? database?.record(note, connection: connectionKey)
                    }
                }
                sink.yield(.snapshotLoaded(partner: p, clients: cs, channels: channels, asOf: t, fromCache: false))
                try? database?.saveSnapshot(connection: connectionKey, partner: p, clients: cs, channels: channels, asOf: t,
                                            previousChannels: last, previousClients: last == nil ? nil : lastClients)
                last = channels
                lastClients = cs
            }
            failures = 0
            lastSuccess = t
            sink.yield(.liveStatusChanged(LiveStatus(phase: paused ? .paused : .idle, lastSuccess: t, nextRun: t + settings.interval)))
            return settings.interval
        } catch is CancellationError {
            return 0
        } catch {
            failures += 1
            let ceiling = min(settings.backoffCap, settings.backoffBase * pow(2, Double(failures - 1)))
            let delay = max(1, Double.random(in: ceiling / 2...ceiling))
            let reason = (error as? ServiceError)?.description ?? String(describing: error)
            sink.yield(.liveStatusChanged(LiveStatus(phase: .backingOff(reason: reason, retryAt: now() + delay), lastSuccess: lastSuccess)))
            return delay
        }
    }

    func sleep(_ seconds: TimeInterval) async {
        let w = Task { try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9)) }
        wake = w
        _ = await w.result
    }
}
