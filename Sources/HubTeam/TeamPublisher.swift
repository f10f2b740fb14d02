import Foundation
import HubCore
import PostgresNIO

/// The poller's writer: each engine action becomes rows and an event, one transaction each.
/// A poll's notifications are written with the changes they are about, so a poller that
/// dies between a poll and its write leaves neither (the next one finds the change again and
/// notifies it once), and one that dies after leaves both (the next one, seeded from the
/// tables, does not find it again).
actor TeamPublisher {
    let db: TeamDatabase
    let connection: String
    /// The lists as the tables hold them.
    var channels: [String: Channel]
    var clients: [String: Client]
    var hasSnapshot: Bool
    /// Notifications not written yet, with when they came and how long they wait for their
    /// changes (a poll's: `holdNotifications`; a webhook's: until the poll it caused).
    var buffered: [(note: HubNotification, at: ContinuousClock.Instant, hold: Duration)] = []
    var flushTask: Task<Void, Never>?
    /// A write that failed outside `handle` (the delayed flush): the next `handle` throws it.
    var failure: Error?
    /// How long notifications wait for the changes they belong to.
    let holdNotifications: Duration
    /// The engine reports its status on every start and end of a request (a dozen sources):
    /// written at most once a second, at once when the phase changes (a poll's changes must
    /// not queue behind status rows).
    var publishedStatus: LiveStatus?
    var pendingStatus: LiveStatus?
    var statusTask: Task<Void, Never>?
    let now: @Sendable () -> Date

    init(db: TeamDatabase, connection: String, seed: TeamTables.Snapshot?, holdNotifications: Duration = .milliseconds(250),
         now: @escaping @Sendable () -> Date = { Date() }) {
        self.db = db
        self.connection = connection
        channels = Dictionary((seed?.channels ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        clients = Dictionary((seed?.clients ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        hasSnapshot = seed != nil
        self.holdNotifications = holdNotifications
        self.now = now
    }

    func handle(_ action: Action) async throws {
        if let failure { self.failure = nil; throw failure }
        switch action {
        case .notify(let n):
            buffered.append((n, .now, holdNotifications))
            scheduleFlush()
        case .partialSnapshotLoaded:
            break // the poller's first page; agents get the whole list
        case .snapshotLoaded(let partner, let newClients, let newChannels, let asOf, _):
            if hasSnapshot {
                try await write(partner: partner, clients: ListDelta.between(clients, newClients), channels: ListDelta.between(channels, newChannels), asOf: asOf)
            } else {
                try await writeAll(partner: partner, clients: newClients, channels: newChannels, asOf: asOf)
            }
        case .snapshotChanged(let partner, let clientDelta, let channelDelta, let asOf):
            try await write(partner: partner, clients: clientDelta, channels: channelDelta, asOf: asOf)
        case .liveStatusChanged(let status):
            if publishedStatus?.phase != status.phase {
                try await publish(status)
            } else {
                pendingStatus = status
                scheduleStatus()
            }
        case .balanceLoaded(let id, let balance):
            try await transaction(.balance(clientId: id, balance), allNotes: false) { c in
                try await TeamTables.putBalance(c, self.connection, clientId: id, balance, at: self.now())
            }
        default:
            if let event = TeamEvent(action) { try await transaction(event, allNotes: false) { _ in } }
        }
    }

    /// A webhook's notification: it announces a change the poll it caused will find (within
    /// the engine's 2 s budget for such polls), and is written in that poll's transaction, or
    /// alone after `hold` when the poll finds nothing new.
    func hold(webhook note: HubNotification, for hold: Duration = .seconds(5)) {
        buffered.append((note, .now, hold))
        scheduleFlush()
    }

    func publish(_ status: LiveStatus) async throws {
        pendingStatus = nil
        try await transaction(.status(status), allNotes: false) { _ in }
        publishedStatus = status
    }

    func scheduleStatus() {
        guard statusTask == nil else { return }
        statusTask = Task { [weak self] in
            try? await Task.sleep(for: .seconds(1))
            await self?.flushStatus()
        }
    }

    func flushStatus() async {
        statusTask = nil
        guard let status = pendingStatus else { return }
        do { try await publish(status) } catch { failure = error }
    }

    func scheduleFlush() {
        guard flushTask == nil else { return }
        let hold = holdNotifications
        flushTask = Task { [weak self] in
            try? await Task.sleep(for: hold)
            await self?.flushAlone()
        }
    }

    /// Notifications no change followed (a balance below 0, a settled refund).
    func flushAlone() async {
        flushTask = nil
        guard !buffered.isEmpty else { return }
        do { try await transaction(nil, allNotes: false) { _ in } } catch { failure = error }
        if !buffered.isEmpty { scheduleFlush() }
    }

    /// `event` (if any) and the held notifications, after `body`, in one transaction.
    /// `allNotes` false (a timer's or another source's write): only notifications held for
    /// `holdNotifications` go with it; a younger one may still be waiting for its changes,
    /// and written before them it would be notified again by a poller that took over.
    func transaction(_ event: TeamEvent?, allNotes: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> Void) async throws {
        let instant = ContinuousClock.now
        let due = { (entry: (note: HubNotification, at: ContinuousClock.Instant, hold: Duration)) in entry.at + entry.hold <= instant }
        let taken = allNotes ? buffered : buffered.filter(due)
        // Taken out now: a timer's flush running while this one awaits must not write them too.
        buffered = allNotes ? [] : buffered.filter { !due($0) }
        let notes = taken.map(\.note), key = connection, t = now()
        do {
            try await db.transaction { c in
                try await body(c)
                var last: Int64?
                if let event { last = try await TeamTables.append(c, key, event, at: t) }
                for n in notes {
                    try await TeamTables.putNotification(c, key, n)
                    last = try await TeamTables.append(c, key, .notify(n), at: t)
                }
                if let last { try await TeamTables.announce(c, last) }
            }
        } catch {
            buffered.insert(contentsOf: taken, at: 0)
            throw error
        }
    }

    func write(partner: Partner?, clients clientDelta: ListDelta<Client>, channels channelDelta: ListDelta<Channel>, asOf: Date) async throws {
        var next = channels
        for ch in channelDelta.upserted { next[ch.id] = ch }
        for id in channelDelta.removed { next[id] = nil }
        let count = next.count, key = connection
        let event: TeamEvent? = channelDelta.isEmpty && clientDelta.isEmpty ? nil
            : .changes(partner: partner, clients: clientDelta, channels: channelDelta, asOf: asOf)
        try await transaction(event) { c in
            try await TeamTables.writeChanges(c, key, partner: partner, clients: clientDelta, channels: channelDelta, asOf: asOf, channelCount: count)
        }
        channels = next
        for cl in clientDelta.upserted { clients[cl.id] = cl }
        for id in clientDelta.removed { clients[id] = nil }
    }

    func writeAll(partner: Partner?, clients newClients: [Client], channels newChannels: [Channel], asOf: Date) async throws {
        let key = connection
        try await transaction(.snapshot(asOf: asOf)) { c in
            try await TeamTables.replaceSnapshot(c, key, partner: partner, clients: newClients, channels: newChannels, asOf: asOf)
        }
        channels = Dictionary(newChannels.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        clients = Dictionary(newClients.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        hasSnapshot = true
    }
}
