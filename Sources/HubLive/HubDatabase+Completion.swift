import Foundation
import GRDB

extension HubDatabase {
    public enum CachedIDKind: Sendable { case channel, client, waba }

    /// The IDs in the cached snapshots of a database file, opened read-only and without
    /// migrating (shell completion asks this while the TUI may have the file open). Only one
    /// field of a channel's JSON is read, by SQLite, so 48,000 channels take milliseconds.
    public static func cachedIDs(_ kind: CachedIDKind, path: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var config = Configuration()
        config.readonly = true
        let db = try DatabaseQueue(path: path, configuration: config)
        let sql: String
        switch kind {
        case .channel: sql = "SELECT DISTINCT id FROM snapshot_channel"
        case .client: sql = "SELECT DISTINCT id FROM snapshot_client"
        case .waba:
            sql = """
                SELECT DISTINCT COALESCE(json_extract(CAST(json AS TEXT), '$.waba_account.id'), json_extract(CAST(json AS TEXT), '$.waba_account_id'))
                FROM snapshot_channel
                """
        }
        return try db.read { try String?.fetchAll($0, sql: sql).compactMap { $0 } }
    }
}
