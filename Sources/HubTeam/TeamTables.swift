import Foundation
import HubCore
import Logging
import PostgresNIO

/// The statements on the team's tables (SharedSchema), each on a connection the caller holds
/// (inside its transaction when it has one).
enum TeamTables {
    static let logger = Logger(label: "partnerhub.team.sql", factory: { _ in SwiftLogNoOpLogHandler() })

    /// What an agent's screen starts from: the lists as the poller last wrote them, the
    /// balances, the newest notifications, and the seq of the last event they include.
    struct Snapshot: Sendable {
        var partner: Partner?
        var clients: [Client]
        var channels: [Channel]
        var asOf: Date
        var channelCount: Int
        var balances: [String: ClientBalance]
        var notifications: [HubNotification]
        var seq: Int64
    }

    static func lastSeq(_ c: PostgresConnection, _ connection: String) async throws -> Int64 {
        let rows = try await c.query("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM team_event WHERE connection = \(connection)", logger: logger)
        for try await seq in rows.decode(Int64.self) { return seq }
        return 0
    }

    /// The newest connection the poller wrote (an agent with no live connection of its own).
    static func newestConnection(_ c: PostgresConnection) async throws -> String? {
        for try await key in try await c.query("SELECT connection FROM snapshot_meta ORDER BY as_of DESC LIMIT 1", logger: logger).decode(String.self) { return key }
        return nil
    }

    /// Nil: the poller has not written this connection yet. Run inside a repeatable-read
    /// transaction, so the lists and the seq agree.
    static func loadSnapshot(_ c: PostgresConnection, _ connection: String, notificationLimit: Int = 500) async throws -> Snapshot? {
        let meta = try await self.meta(c, connection)
        guard let (partnerData, asOf, count) = meta else { return nil }
        let seq = try await lastSeq(c, connection)
        var rows: [Data] = []
        for try await row in try await c.query("SELECT json FROM snapshot_channel WHERE connection = \(connection) ORDER BY id", logger: logger).decode(Data.self) {
            rows.append(row)
        }
        var interner = ChannelInterner()
        let channels = await decodeAll(Channel.self, rows).map { interner.intern($0) }
        rows = []
        for try await row in try await c.query("SELECT json FROM snapshot_client WHERE connection = \(connection) ORDER BY id", logger: logger).decode(Data.self) {
            rows.append(row)
        }
        let clients = await decodeAll(Client.self, rows)
        var balances: [String: ClientBalance] = [:]
        for try await (id, json) in try await c.query("SELECT client_id, json FROM team_balance WHERE connection = \(connection)", logger: logger).decode((String, Data).self) {
            balances[id] = try? HubJSON.decode(ClientBalance.self, from: json)
        }
        let notes = try await notifications(c, connection, limit: notificationLimit)
        return Snapshot(partner: partnerData.flatMap { try? HubJSON.decode(Partner.self, from: $0) }, clients: clients, channels: channels,
                        asOf: Date(timeIntervalSince1970: asOf), channelCount: count ?? channels.count, balances: balances,
                        notifications: notes, seq: seq)
    }

    /// The snapshot's partner, time and channel count (nil: none written for this connection).
    static func meta(_ c: PostgresConnection, _ connection: String) async throws -> (Data?, Double, Int?)? {
        var meta: (Data?, Double, Int?)?
        for try await row in try await c.query("SELECT partner, as_of, channel_count FROM snapshot_meta WHERE connection = \(connection)", logger: logger)
            .decode((Data?, Double, Int?).self) { meta = row }
        return meta
    }

    /// The first `limit` channels by ID with their clients, and how many there are in all: a
    /// screenful at once, while the whole snapshot (50,000 channels take seconds) is read.
    static func loadHead(_ c: PostgresConnection, _ connection: String, limit: Int) async throws -> (partner: Partner?, clients: [Client], channels: [Channel], asOf: Date, total: Int)? {
        let meta = try await self.meta(c, connection)
        guard let (partnerData, asOf, count) = meta else { return nil }
        var channels: [Channel] = []
        for try await row in try await c.query("SELECT json FROM snapshot_channel WHERE connection = \(connection) ORDER BY id LIMIT \(limit)", logger: logger).decode(Data.self) {
            if let ch = decodeRow(Channel.self, row) { channels.append(ch) }
        }
        let ids = Array(Set(channels.compactMap(\.resolvedClientId))).sorted()
        var clients: [Client] = []
        for try await row in try await c.query("SELECT json FROM snapshot_client WHERE connection = \(connection) AND id = ANY(\(ids))", logger: logger).decode(Data.self) {
            if let cl = decodeRow(Client.self, row) { clients.append(cl) }
        }
        return (partnerData.flatMap { try? HubJSON.decode(Partner.self, from: $0) }, clients, channels, Date(timeIntervalSince1970: asOf), count ?? channels.count)
    }

    /// A snapshot row: HubBinary as the poller writes it since migration team-3, or JSON from
    /// an older poller. A row that does not decode is skipped, as the SQLite cache does.
    static func decodeRow<T: Decodable>(_ type: T.Type, _ row: Data) -> T? {
        HubBinary.isBinary(row) ? try? HubBinary.decode(type, from: row) : try? HubJSON.decode(type, from: row)
    }

    /// Rows decoded on every core, in order (48,439 channels: the bulk of an agent's start).
    static func decodeAll<T: Decodable & Sendable>(_ type: T.Type, _ rows: [Data]) async -> [T] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows.count / 2000))
        guard parts > 1 else { return rows.compactMap { decodeRow(type, $0) } }
        let size = (rows.count + parts - 1) / parts
        return await withTaskGroup(of: (Int, [T]).self) { group in
            for p in 0..<parts {
                let slice = Array(rows[min(rows.count, p * size)..<min(rows.count, (p + 1) * size)])
                group.addTask { (p, slice.compactMap { decodeRow(type, $0) }) }
            }
            var done = [[T]](repeating: [], count: parts)
            for await (p, items) in group { done[p] = items }
            return done.flatMap { $0 }
        }
    }

    /// Newest first.
    static func notifications(_ c: PostgresConnection, _ connection: String, limit: Int) async throws -> [HubNotification] {
        var out: [HubNotification] = []
        let rows = try await c.query("""
            SELECT id, level, time, channel_id, client_id, text FROM notification WHERE connection = \(connection)
            ORDER BY time DESC, id LIMIT \(limit)
            """, logger: logger)
        for try await (id, level, time, channel, client, text) in rows.decode((String, String, Double, String?, String?, String).self) {
            out.append(HubNotification(id: id, level: HubNotification.Level(rawValue: level) ?? .info, time: Date(timeIntervalSince1970: time),
                                       channelId: channel, clientId: client, text: text))
        }
        return out
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try HubJSON.encoder().encode(value), as: UTF8.self)
    }

    /// Upserts and deletes in batches of 1,000 rows (a first snapshot of 50,000 channels is
    /// 50 statements, not 50,000). Rows are HubBinary (the column keeps its first name).
    static func write(_ c: PostgresConnection, _ connection: String, channels: ListDelta<Channel>, clients: ListDelta<Client>) async throws {
        for (table, items, removed) in [("snapshot_channel", try channels.upserted.map { ($0.id, try HubBinary.encode($0)) }, channels.removed),
                                        ("snapshot_client", try clients.upserted.map { ($0.id, try HubBinary.encode($0)) }, clients.removed)] {
            for start in stride(from: 0, to: items.count, by: 1000) {
                let batch = items[start..<min(start + 1000, items.count)]
                var b = binds(connection, batch.map(\.0))
                b.append(batch.map { ByteBuffer(bytes: $0.1) })
                try await c.query(PostgresQuery(unsafeSQL: """
                    INSERT INTO \(table) (connection, id, json) SELECT $1, u.id, u.row FROM unnest($2::text[], $3::bytea[]) AS u(id, row)
                    ON CONFLICT (connection, id) DO UPDATE SET json = excluded.json
                    """, binds: b), logger: logger)
            }
            for start in stride(from: 0, to: removed.count, by: 1000) {
                let batch = Array(removed[start..<min(start + 1000, removed.count)])
                try await c.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE connection = $1 AND id = ANY($2::text[])",
                                                binds: binds(connection, batch)), logger: logger)
            }
        }
    }

    static func binds(_ connection: String, _ arrays: [String]...) -> PostgresBindings {
        var b = PostgresBindings()
        b.append(connection)
        for a in arrays { b.append(a) }
        return b
    }

    /// A whole snapshot in place of the connection's rows (the poller's first write, a full walk).
    static func replaceSnapshot(_ c: PostgresConnection, _ connection: String, partner: Partner?, clients: [Client], channels: [Channel], asOf: Date) async throws {
        try await clear(c, connection)
        try await write(c, connection, channels: ListDelta(upserted: channels), clients: ListDelta(upserted: clients))
        try await putMeta(c, connection, partner: partner, asOf: asOf, channelCount: channels.count)
    }

    /// One poll's changes and the snapshot's new time and count.
    static func writeChanges(_ c: PostgresConnection, _ connection: String, partner: Partner?, clients: ListDelta<Client>, channels: ListDelta<Channel>,
                             asOf: Date, channelCount: Int) async throws {
        try await write(c, connection, channels: channels, clients: clients)
        try await putMeta(c, connection, partner: partner, asOf: asOf, channelCount: channelCount)
    }

    static func channelCount(_ c: PostgresConnection, _ connection: String) async throws -> Int {
        for try await n in try await c.query("SELECT COUNT(*)::BIGINT FROM snapshot_channel WHERE connection = \(connection)", logger: logger).decode(Int64.self) {
            return Int(n)
        }
        return 0
    }

    static func clear(_ c: PostgresConnection, _ connection: String) async throws {
        try await c.query("DELETE FROM snapshot_channel WHERE connection = \(connection)", logger: logger)
        try await c.query("DELETE FROM snapshot_client WHERE connection = \(connection)", logger: logger)
    }

    static func putMeta(_ c: PostgresConnection, _ connection: String, partner: Partner?, asOf: Date, channelCount: Int) async throws {
        let partnerData = try partner.map { try HubJSON.encoder().encode($0) }
        try await c.query("""
            INSERT INTO snapshot_meta (connection, partner, as_of, channel_count) VALUES (\(connection), \(partnerData), \(asOf.timeIntervalSince1970), \(channelCount))
            ON CONFLICT (connection) DO UPDATE SET partner = excluded.partner, as_of = excluded.as_of, channel_count = excluded.channel_count
            """, logger: logger)
    }

    /// Appends an event (`announce` sends the NOTIFY, which goes out at commit).
    @discardableResult
    static func append(_ c: PostgresConnection, _ connection: String, _ event: TeamEvent, at time: Date) async throws -> Int64 {
        let payload = try HubJSON.encoder().encode(event)
        var seq: Int64 = 0
        for try await s in try await c.query("""
            INSERT INTO team_event (connection, time, kind, payload) VALUES (\(connection), \(time.timeIntervalSince1970), \(event.kind), \(payload)) RETURNING seq
            """, logger: logger).decode(Int64.self) { seq = s }
        return seq
    }

    /// One NOTIFY per transaction: agents read every event after their last one anyway.
    static func announce(_ c: PostgresConnection, _ seq: Int64) async throws {
        try await c.query("SELECT pg_notify(\(TeamChannel.events), \(String(seq)))", logger: logger)
    }

    static func putNotification(_ c: PostgresConnection, _ connection: String, _ n: HubNotification) async throws {
        try await c.query("""
            INSERT INTO notification (id, connection, level, time, channel_id, client_id, text)
            VALUES (\(n.id), \(connection), \(n.level.rawValue), \(n.time.timeIntervalSince1970), \(n.channelId), \(n.clientId), \(n.text))
            ON CONFLICT (id) DO UPDATE SET level = excluded.level, time = excluded.time, text = excluded.text
            """, logger: logger)
    }

    static func putBalance(_ c: PostgresConnection, _ connection: String, clientId: String, _ balance: ClientBalance, at time: Date) async throws {
        let data = try HubJSON.encoder().encode(balance)
        try await c.query("""
            INSERT INTO team_balance (connection, client_id, json, as_of) VALUES (\(connection), \(clientId), \(data), \(time.timeIntervalSince1970))
            ON CONFLICT (connection, client_id) DO UPDATE SET json = excluded.json, as_of = excluded.as_of
            """, logger: logger)
    }

    struct EventRow: Sendable {
        var seq: Int64
        var time: Date
        var event: TeamEvent?
    }

    /// Events after `seq`, oldest first (an event that no longer decodes comes back as nil).
    static func events(_ c: PostgresConnection, _ connection: String, after seq: Int64, limit: Int = 2000) async throws -> [EventRow] {
        var out: [EventRow] = []
        let rows = try await c.query("""
            SELECT seq, time, payload FROM team_event WHERE connection = \(connection) AND seq > \(seq) ORDER BY seq LIMIT \(limit)
            """, logger: logger)
        for try await (s, time, payload) in rows.decode((Int64, Double, Data).self) {
            out.append(EventRow(seq: s, time: Date(timeIntervalSince1970: time), event: try? HubJSON.decode(TeamEvent.self, from: payload)))
        }
        return out
    }

    /// The oldest event still kept (older ones were pruned: an agent behind them reloads).
    static func firstSeq(_ c: PostgresConnection, _ connection: String) async throws -> Int64? {
        for try await s in try await c.query("SELECT MIN(seq) FROM team_event WHERE connection = \(connection)", logger: logger).decode(Int64?.self) { return s }
        return nil
    }
}
