import Foundation
import GRDB
import HubCore

/// partnerhub's local database (SQLite through GRDB, WAL mode so two TUIs can share it): the
/// last snapshot per connection (shown at once on the next start, marked as cached),
/// notification history, the audit log of mutating actions and pending operations with their
/// idempotency keys. A corrupt or newer-schema file is moved aside, never deleted.
public final class HubDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    public struct Snapshot: Sendable {
        public var partner: Partner?
        public var clients: [Client]
        public var channels: [Channel]
        public var asOf: Date
        /// Of the bytes each channel was decoded from (see `JSONListScanner`), where known.
        public var fingerprints: [String: UInt64] = [:]
        /// How many channels the whole snapshot has (a head has fewer than that).
        public var total: Int?

        public init(partner: Partner?, clients: [Client], channels: [Channel], asOf: Date, fingerprints: [String: UInt64] = [:], total: Int? = nil) {
            self.partner = partner
            self.clients = clients
            self.channels = channels
            self.asOf = asOf
            self.fingerprints = fingerprints
            self.total = total
        }
    }

    /// Opens (or creates) the database. `warning` says what was moved aside, if anything.
    /// The database holds client names and emails: its folder is made 0700 and its files
    /// (with SQLite's -wal and -shm beside it) 0600, whatever the umask.
    public static func open(path: String) throws -> (HubDatabase, warning: String?) {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let oldMask = umask(0o077)
        defer {
            umask(oldMask)
            for f in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: f) { chmod(f, 0o600) }
        }
        do {
            return (try HubDatabase(path: path), nil)
        } catch let reason as UnusableFile {
            let aside = try moveAside(path, label: reason.label)
            return (try HubDatabase(path: path), "\(path) \(reason.explanation); moved to \(aside) and started a new one")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            let aside = try moveAside(path, label: "corrupt")
            return (try HubDatabase(path: path), "\(path) was not a readable database; moved to \(aside) and started a new one")
        }
    }

    struct UnusableFile: Error {
        let label: String
        let explanation: String
    }

    init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(5)
        pool = try DatabasePool(path: path, configuration: config)
        let migrator = Self.migrator
        if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
            try pool.close()
            throw UnusableFile(label: "newer", explanation: "was written by a newer partnerhub")
        }
        try migrator.migrate(pool)
    }

    static func moveAside(_ path: String, label: String) throws -> String {
        let stamp = Timestamp.format(Date()).replacingOccurrences(of: ":", with: "")
        let aside = "\(path).\(label)-\(stamp)"
        try FileManager.default.moveItem(atPath: path, toPath: aside)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try? FileManager.default.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
        return aside
    }

    /// The GRDB migrations, made from the one schema description (SharedSchema) that the
    /// team's PostgreSQL is created from too: a schema change is one new migration there.
    /// Their IDs (v1..v6) are those the hand-written migrations had, so files created before
    /// are up to date.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for migration in SharedSchema.migrations where migration.backends.contains(.sqlite) {
            m.registerMigration(migration.id) { db in
                for sql in SharedSchema.sql(migration, for: .sqlite) { try db.execute(sql: sql) }
            }
        }
        return m
    }

    // MARK: snapshots

    /// Writes what changed since `previous` (everything when nil): the first save of 50,000
    /// channels is large, later ones touch only changed rows.
    public func saveSnapshot(connection: String, partner: Partner?, clients: [Client], channels: [Channel], asOf: Date,
                             previousChannels: [Channel]? = nil, previousClients: [Client]? = nil,
                             fingerprints: [String: UInt64] = [:]) throws {
        let encoder = HubJSON.encoder()
        let oldChannels = Dictionary((previousChannels ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let oldClients = Dictionary((previousClients ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let goneChannels = previousChannels == nil ? nil : Set(oldChannels.keys).subtracting(channels.map(\.id))
        let goneClients = previousClients == nil ? nil : Set(oldClients.keys).subtracting(clients.map(\.id))
        let partnerData = try partner.map { try encoder.encode($0) }
        try pool.write { db in
            if goneChannels == nil { try db.execute(sql: "DELETE FROM snapshot_channel WHERE connection = ?", arguments: [connection]) }
            if goneClients == nil { try db.execute(sql: "DELETE FROM snapshot_client WHERE connection = ?", arguments: [connection]) }
            for id in goneChannels ?? [] { try db.execute(sql: "DELETE FROM snapshot_channel WHERE connection = ? AND id = ?", arguments: [connection, id]) }
            for id in goneClients ?? [] { try db.execute(sql: "DELETE FROM snapshot_client WHERE connection = ? AND id = ?", arguments: [connection, id]) }
            // Row by row: a first save of 50,000 channels must not hold all their JSON at once
            // (that was 75 MB of the app's resident memory).
            let putChannel = try db.makeStatement(sql: Self.putChannelSQL)
            for channel in channels where oldChannels[channel.id] != channel {
                try putChannel.execute(arguments: [connection, channel.id, try encoder.encode(channel), fingerprints[channel.id].map { Int64(bitPattern: $0) }])
            }
            let putClient = try db.makeStatement(sql: "INSERT OR REPLACE INTO snapshot_client (connection, id, json) VALUES (?, ?, ?)")
            for client in clients where oldClients[client.id] != client {
                try putClient.execute(arguments: [connection, client.id, try encoder.encode(client)])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO snapshot_meta (connection, partner, as_of, channel_count) VALUES (?, ?, ?, ?)",
                           arguments: [connection, partnerData, asOf.timeIntervalSince1970, channels.count])
        }
    }

    static let putChannelSQL = "INSERT OR REPLACE INTO snapshot_channel (connection, id, json, fingerprint) VALUES (?, ?, ?, ?)"

    /// Writes one poll's changes: only those rows, in one transaction (a poll of 50,000
    /// channels with three changes writes three rows).
    public func saveChanges(connection: String, partner: Partner?, clients: ListDelta<Client>, channels: ListDelta<Channel>,
                            fingerprints: [String: UInt64] = [:], asOf: Date) throws {
        let encoder = HubJSON.encoder()
        let partnerData = try partner.map { try encoder.encode($0) }
        try pool.write { db in
            for id in channels.removed { try db.execute(sql: "DELETE FROM snapshot_channel WHERE connection = ? AND id = ?", arguments: [connection, id]) }
            for id in clients.removed { try db.execute(sql: "DELETE FROM snapshot_client WHERE connection = ? AND id = ?", arguments: [connection, id]) }
            let putChannel = try db.makeStatement(sql: Self.putChannelSQL)
            for channel in channels.upserted {
                try putChannel.execute(arguments: [connection, channel.id, try encoder.encode(channel), fingerprints[channel.id].map { Int64(bitPattern: $0) }])
            }
            let putClient = try db.makeStatement(sql: "INSERT OR REPLACE INTO snapshot_client (connection, id, json) VALUES (?, ?, ?)")
            for client in clients.upserted { try putClient.execute(arguments: [connection, client.id, try encoder.encode(client)]) }
            // Counted here, in the background save, rather than at start.
            let count = channels.removed.isEmpty && channels.upserted.isEmpty
                ? try Int.fetchOne(db, sql: "SELECT channel_count FROM snapshot_meta WHERE connection = ?", arguments: [connection])
                : try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot_channel WHERE connection = ?", arguments: [connection])
            try db.execute(sql: "INSERT OR REPLACE INTO snapshot_meta (connection, partner, as_of, channel_count) VALUES (?, ?, ?, ?)",
                           arguments: [connection, partnerData, asOf.timeIntervalSince1970, count])
        }
    }

    /// The first `limit` channels of the last snapshot (by ID) with their clients: a screenful
    /// to show at once while the whole snapshot (50,000 channels take seconds to decode) is read.
    public func loadSnapshotHead(connection: String, limit: Int) throws -> Snapshot? {
        try pool.read { db in
            guard let (partner, asOf) = try Self.meta(db, connection) else { return nil }
            var interner = ChannelInterner()
            let channels = try Data.fetchAll(db, sql: "SELECT json FROM snapshot_channel WHERE connection = ? ORDER BY id LIMIT ?", arguments: [connection, limit])
                .compactMap { try? HubJSON.decode(Channel.self, from: $0) }.map { interner.intern($0) }
            let ids = Array(Set(channels.compactMap(\.resolvedClientId))).sorted()
            var clients: [Client] = []
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                clients += try Data.fetchAll(db, sql: "SELECT json FROM snapshot_client WHERE connection = ? AND id IN (\(marks))",
                                             arguments: StatementArguments([connection] + chunk))
                    .compactMap { try? HubJSON.decode(Client.self, from: $0) }
            }
            let kept = try Int.fetchOne(db, sql: "SELECT channel_count FROM snapshot_meta WHERE connection = ?", arguments: [connection])
            let total = try kept ?? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM snapshot_channel WHERE connection = ?", arguments: [connection])
            return Snapshot(partner: partner, clients: clients, channels: channels, asOf: asOf, total: total)
        }
    }

    /// The snapshot's partner and time, or nil when the connection has none.
    static func meta(_ db: Database, _ connection: String) throws -> (partner: Partner?, asOf: Date)? {
        guard let meta = try Row.fetchOne(db, sql: "SELECT partner, as_of FROM snapshot_meta WHERE connection = ?", arguments: [connection]) else { return nil }
        let partnerData: Data? = meta["partner"]
        let asOf: Double = meta["as_of"]
        return (partnerData.flatMap { try? HubJSON.decode(Partner.self, from: $0) }, Date(timeIntervalSince1970: asOf))
    }

    /// The last snapshot of a connection; rows that no longer decode are skipped, not fatal.
    public func loadSnapshot(connection: String) throws -> Snapshot? {
        try pool.read { db in
            guard let (partner, asOf) = try Self.meta(db, connection) else { return nil }
            // One row at a time (not 50,000 JSON blobs at once), sharing each client's data.
            var channels: [Channel] = []
            var fingerprints: [String: UInt64] = [:]
            var interner = ChannelInterner()
            let rows = try Row.fetchCursor(db, sql: "SELECT json, fingerprint FROM snapshot_channel WHERE connection = ? ORDER BY id", arguments: [connection])
            while let row = try rows.next() {
                let json: Data = row["json"]
                guard let channel = try? HubJSON.decode(Channel.self, from: json) else { continue }
                channels.append(interner.intern(channel))
                if let print: Int64 = row["fingerprint"] { fingerprints[channel.id] = UInt64(bitPattern: print) }
            }
            let clients = try Data.fetchAll(db, sql: "SELECT json FROM snapshot_client WHERE connection = ? ORDER BY id", arguments: [connection])
                .compactMap { try? HubJSON.decode(Client.self, from: $0) }
            return Snapshot(partner: partner, clients: clients, channels: channels, asOf: asOf, fingerprints: fingerprints)
        }
    }

    // MARK: notifications

    public func record(_ n: HubNotification, connection: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO notification (id, connection, level, time, channel_id, client_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET level = excluded.level, time = excluded.time, text = excluded.text
                """,
                           arguments: [n.id, connection, n.level.rawValue, n.time.timeIntervalSince1970, n.channelId, n.clientId, n.text])
        }
    }

    /// Newest first.
    public func notifications(connection: String, limit: Int = 500) throws -> [HubNotification] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM notification WHERE connection = ? ORDER BY time DESC, id LIMIT ?", arguments: [connection, limit]).map { r in
                HubNotification(id: r["id"], level: HubNotification.Level(rawValue: r["level"]) ?? .info,
                                time: Date(timeIntervalSince1970: r["time"]), channelId: r["channel_id"], clientId: r["client_id"], text: r["text"])
            }
        }
    }

    // MARK: the audit log (written with its pending row by `beginOperation`, HubDatabase+Operations)

    public typealias AuditEntry = HubCore.AuditEntry

    /// The audit log, oldest first; `limit` keeps the newest ones.
    public func auditLog(connection: String? = nil, limit: Int = 100_000) throws -> [AuditEntry] {
        try pool.read { db in
            let sql = connection == nil
                ? "SELECT * FROM (SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?) ORDER BY seq"
                : "SELECT * FROM (SELECT * FROM audit_log WHERE connection = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq"
            let args: StatementArguments = connection.map { [$0, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { r in
                AuditEntry(time: Date(timeIntervalSince1970: r["time"]), actor: r["actor"], action: r["action"], target: r["target"],
                           request: r["request"], result: r["result"])
            }
        }
    }
}
