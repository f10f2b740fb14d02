import Crypto
import Foundation
import GRDB
import HubCore

/// The once-per-5-minutes health record (C15) in the database: it holds across restarts and
/// for every partnerhub sharing the file. Rows are keyed by a SHA-256 of the API key, never
/// the key.
extension HubDatabase: HealthCheckStore {
    /// The key as the health_check table names it (both backends).
    public static func digest(_ apiKey: String) -> String {
        SHA256.hash(data: Data(apiKey.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// One write transaction: SQLite serialises them, so two processes never both claim.
    public func claim(apiKey: String, at t: Date, window: TimeInterval) throws -> (claimed: Bool, last: HealthRecord?) {
        let key = Self.digest(apiKey)
        return try pool.write { db in
            let last = try Row.fetchOne(db, sql: "SELECT * FROM health_check WHERE key_hash = ?", arguments: [key]).map(Self.healthRecord)
            // Within the window either way: another process's clock may be a little ahead (a
            // record "from the future" by more than the window is a clock problem: claimed).
            if let last, abs(t.timeIntervalSince(last.requestedAt)) < window { return (false, last) }
            try db.execute(sql: """
                INSERT INTO health_check (key_hash, requested_at) VALUES (?, ?)
                ON CONFLICT(key_hash) DO UPDATE SET requested_at = excluded.requested_at, answer = NULL, problem = NULL, phone_number = NULL
                """, arguments: [key, t.timeIntervalSince1970])
            return (true, last)
        }
    }

    public func save(apiKey: String, _ record: HealthRecord) throws {
        let answer = try record.health.map { try HubJSON.encoder().encode($0) }
        try pool.write { db in
            try db.execute(sql: "UPDATE health_check SET answer = ?, problem = ?, phone_number = ? WHERE key_hash = ? AND requested_at = ?",
                           arguments: [answer, record.problem, record.phoneNumber, Self.digest(apiKey), record.requestedAt.timeIntervalSince1970])
        }
    }

    static func healthRecord(_ r: Row) -> HealthRecord {
        var h = HealthRecord(requestedAt: Date(timeIntervalSince1970: r["requested_at"]))
        h.problem = r["problem"]
        h.phoneNumber = r["phone_number"]
        if let data: Data = r["answer"] { h.health = try? HubJSON.decode(MessagingHealth.self, from: data) }
        return h
    }
}
