import Foundation
import GRDB
import HubCore

/// Partner change wizards kept between runs: one row per connection and WABA, the wizard as
/// JSON (it is a Codable value), removed once it is done with.
extension HubDatabase {
    public func saveWizard(connection: String, waba: String, _ wizard: PartnerChangeWizard?, at time: Date) throws {
        try pool.write { db in
            guard let wizard else {
                try db.execute(sql: "DELETE FROM partner_change_wizard WHERE connection = ? AND waba = ?", arguments: [connection, waba])
                return
            }
            let json = String(decoding: try HubJSON.encoder().encode(wizard), as: UTF8.self)
            try db.execute(sql: """
                INSERT INTO partner_change_wizard (connection, waba, state, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(connection, waba) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """, arguments: [connection, waba, json, time.timeIntervalSince1970])
        }
    }

    /// Wizards of a connection; a row that no longer decodes (an older format) is skipped.
    public func wizards(connection: String) throws -> [PartnerChangeWizard] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT state FROM partner_change_wizard WHERE connection = ? ORDER BY waba", arguments: [connection])
                .compactMap { try? HubJSON.decode(PartnerChangeWizard.self, from: Data($0.utf8)) }
        }
    }
}

extension OperationPipeline: PartnerChangeStore {
    public func save(wabaAccountId: String, _ wizard: PartnerChangeWizard?) async {
        try? database?.saveWizard(connection: connection, waba: wabaAccountId, wizard, at: now())
    }

    public func partnerChangeWizards() async -> [PartnerChangeWizard] {
        (try? database?.wizards(connection: connection)) ?? []
    }
}
