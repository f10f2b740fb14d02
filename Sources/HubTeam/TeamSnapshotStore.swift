import Foundation
import HubCore
import HubLive
import PostgresNIO

/// The team's snapshot and notifications as a `SnapshotStore` and `NotificationStore` (issue
/// 27): the same tables and statements the poller's publisher writes inside its event
/// transactions (`TeamTables`), here without events, so both stores are held to one contract
/// (`StorageContractTests`). Writing takes the poller's role; agents read.
public struct TeamSnapshotStore: SnapshotStore, NotificationStore {
    let db: TeamDatabase

    public init(db: TeamDatabase) { self.db = db }

    /// The team keeps no fingerprints (its rows are HubBinary) and writes a whole snapshot
    /// anew: `previous*` are not needed to know what to delete.
    public func saveSnapshot(connection: String, partner: Partner?, clients: [Client], channels: [HubCore.Channel], asOf: Date,
                             previousChannels: [HubCore.Channel]?, previousClients: [Client]?, fingerprints: [String: UInt64]) async throws {
        try await db.transaction { c in
            try await TeamTables.replaceSnapshot(c, connection, partner: partner, clients: clients, channels: channels, asOf: asOf)
        }
    }

    public func saveChanges(connection: String, partner: Partner?, clients: ListDelta<Client>, channels: ListDelta<HubCore.Channel>,
                            fingerprints: [String: UInt64], asOf: Date) async throws {
        try await db.transaction { c in
            // Counted after the write: this store keeps no copy of the lists (the publisher does).
            try await TeamTables.write(c, connection, channels: channels, clients: clients)
            try await TeamTables.putMeta(c, connection, partner: partner, asOf: asOf, channelCount: try await TeamTables.channelCount(c, connection))
        }
    }

    public func loadSnapshotHead(connection: String, limit: Int) async throws -> HubDatabase.Snapshot? {
        let head = try await db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ") { c in try await TeamTables.loadHead(c, connection, limit: limit) }
        return head.map { HubDatabase.Snapshot(partner: $0.partner, clients: $0.clients, channels: $0.channels, asOf: $0.asOf, total: $0.total) }
    }

    public func loadSnapshot(connection: String) async throws -> HubDatabase.Snapshot? {
        let s = try await db.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ") { c in try await TeamTables.loadSnapshot(c, connection, notificationLimit: 0) }
        return s.map { HubDatabase.Snapshot(partner: $0.partner, clients: $0.clients, channels: $0.channels, asOf: $0.asOf, total: $0.channelCount) }
    }

    public func record(_ n: HubNotification, connection: String) async throws {
        try await db.run { c in try await TeamTables.putNotification(c, connection, n) }
    }

    public func notifications(connection: String, limit: Int) async throws -> [HubNotification] {
        try await db.run { c in try await TeamTables.notifications(c, connection, limit: limit) }
    }
}
