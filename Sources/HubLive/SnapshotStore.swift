import Foundation
import HubCore

/// Where the last snapshot of a connection is kept between runs (issue 27): the agent's SQLite
/// file (`HubDatabase`), or the team's PostgreSQL (`TeamSnapshotStore`). Both pass
/// `StorageContractTests`.
public protocol SnapshotStore: Sendable {
    /// Replaces what the connection held. `previous*`, when given, is what the store holds now,
    /// so only the difference is written; `fingerprints` are of the bytes each channel was
    /// decoded from, where the store keeps them.
    func saveSnapshot(connection: String, partner: Partner?, clients: [Client], channels: [Channel], asOf: Date,
                      previousChannels: [Channel]?, previousClients: [Client]?, fingerprints: [String: UInt64]) async throws
    /// One poll's changes: only those rows.
    func saveChanges(connection: String, partner: Partner?, clients: ListDelta<Client>, channels: ListDelta<Channel>,
                     fingerprints: [String: UInt64], asOf: Date) async throws
    /// The first `limit` channels by ID with their clients, and the whole count (`total`).
    func loadSnapshotHead(connection: String, limit: Int) async throws -> HubDatabase.Snapshot?
    /// Everything; rows that no longer decode are skipped. Nil: nothing kept for the connection.
    func loadSnapshot(connection: String) async throws -> HubDatabase.Snapshot?
}

/// Where notifications are kept (the notification center's history across runs).
public protocol NotificationStore: Sendable {
    /// The same ID again replaces the earlier one (a reconciled operation's truer line).
    func record(_ n: HubNotification, connection: String) async throws
    /// Newest first.
    func notifications(connection: String, limit: Int) async throws -> [HubNotification]
}

/// What the live feed keeps: its snapshot and its notifications.
public typealias FeedStore = SnapshotStore & NotificationStore

extension HubDatabase: SnapshotStore, NotificationStore {}
