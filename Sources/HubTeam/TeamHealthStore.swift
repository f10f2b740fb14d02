import Foundation
import HubCore
import HubLive
import PostgresNIO

/// C15's once per 5 minutes per key, held across the whole team: the window is claimed by
/// one conditional upsert, so of two agents asking at the same moment exactly one sends. The
/// key itself never leaves the agent's process (the table has its SHA-256): that is why the
/// request is sent by the agent and not handed to the poller.
public struct TeamHealthStore: HealthCheckStore {
    let db: TeamDatabase

    public init(db: TeamDatabase) { self.db = db }

    /// An agent whose clock is a little behind another's sees that one's claim "in the
    /// future": still within the window (only a claim more than a window ahead is a clock
    /// problem, and claimed anew).
    public func claim(apiKey: String, at t: Date, window: TimeInterval) async throws -> (claimed: Bool, last: HealthRecord?) {
        let key = HubDatabase.digest(apiKey), at = t.timeIntervalSince1970
        return try await db.transaction { c in
            let last = try await Self.record(c, key)
            var claimed = false
            for try await _ in try await c.query("""
                INSERT INTO health_check (key_hash, requested_at) VALUES (\(key), \(at))
                ON CONFLICT (key_hash) DO UPDATE SET requested_at = excluded.requested_at, answer = NULL, problem = NULL, phone_number = NULL
                WHERE health_check.requested_at <= \(at - window) OR health_check.requested_at >= \(at + window)
                RETURNING key_hash
                """, logger: TeamTables.logger).decode(String.self) { claimed = true }
            return (claimed, claimed ? last : try await Self.record(c, key))
        }
    }

    public func save(apiKey: String, _ record: HealthRecord) async throws {
        let answer = try record.health.map { try HubJSON.encoder().encode($0) }
        let key = HubDatabase.digest(apiKey), at = record.requestedAt.timeIntervalSince1970
        try await db.run { c in
            try await c.query("""
                UPDATE health_check SET answer = \(answer), problem = \(record.problem), phone_number = \(record.phoneNumber)
                WHERE key_hash = \(key) AND requested_at = \(at)
                """, logger: TeamTables.logger)
        }
    }

    static func record(_ c: PostgresConnection, _ key: String) async throws -> HealthRecord? {
        var out: HealthRecord?
        for try await (at, answer, problem, phone) in try await c.query("""
            SELECT requested_at, answer, problem, phone_number FROM health_check WHERE key_hash = \(key)
            """, logger: TeamTables.logger).decode((Double, Data?, String?, String?).self) {
            var h = HealthRecord(requestedAt: Date(timeIntervalSince1970: at), problem: problem, phoneNumber: phone)
            h.health = answer.flatMap { try? HubJSON.decode(MessagingHealth.self, from: $0) }
            out = h
        }
        return out
    }
}
