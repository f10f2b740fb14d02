import Foundation
import GRDB
import Testing
import HubCore
@testable import HubLive

@Suite struct HubDatabaseTests {
    /// Client names and emails: the folder is the user's alone and so are the files.
    @Test func theDatabaseIsPrivate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("db-\(UUID().uuidString)/partnerhub").path
        let path = dir + "/partnerhub.sqlite"
        let (db, _) = try HubDatabase.open(path: path)
        try db.saveSnapshot(connection: "k", partner: nil, clients: [], channels: [], asOf: Date(), previousChannels: nil, previousClients: nil)
        func mode(_ p: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: p)[.posixPermissions]) as? Int) ?? -1 }
        #expect(mode(dir) == 0o700)
        for f in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: f) {
            #expect(mode(f) == 0o600, "\(f): \(String(mode(f), radix: 8))")
        }
    }

    func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ph-db-\(UUID().uuidString)/partnerhub.sqlite").path
    }

    @Test func snapshotRoundTripsAndSavesIncrementally() throws {
        let (db, warning) = try HubDatabase.open(path: tempPath())
        #expect(warning == nil)
        let a = channel("1CH"), b = channel("2CH", live: true, state: "running")
        let clients = [Client(id: "cCL", name: "Shop", organisation: "Shop GmbH", paymentModel: .direct)]
        try db.saveSnapshot(connection: "sandbox:1", partner: Partner(id: "pPA", brandName: "P"), clients: clients, channels: [a, b], asOf: t0)
        var loaded = try #require(try db.loadSnapshot(connection: "sandbox:1"))
        #expect(loaded.channels == [a, b] && loaded.clients == clients && loaded.partner?.id == "pPA" && loaded.asOf == t0)
        #expect(try db.loadSnapshot(connection: "live:xPA") == nil)

        let a2 = channel("1CH", live: true, state: "running"), c = channel("3CH")
        try db.saveSnapshot(connection: "sandbox:1", partner: nil, clients: clients, channels: [a2, c], asOf: t0 + 60,
                            previousChannels: [a, b], previousClients: clients)
        loaded = try #require(try db.loadSnapshot(connection: "sandbox:1"))
        #expect(loaded.channels.map(\.id) == ["1CH", "3CH"] && loaded.channels[0] == a2 && loaded.asOf == t0 + 60)
    }

    /// A poll's changes write only their rows; fingerprints come back with the snapshot.
    @Test func changesWriteOnlyTheirRowsAndKeepFingerprints() throws {
        let (db, _) = try HubDatabase.open(path: tempPath())
        let a = channel("1CH"), b = channel("2CH"), clients = [Client(id: "cCL", name: "Shop")]
        try db.saveSnapshot(connection: "k", partner: nil, clients: clients, channels: [a, b], asOf: t0, fingerprints: ["1CH": 1, "2CH": .max])
        let a2 = channel("1CH", live: true, state: "running"), c = channel("3CH")
        let renamed = Client(id: "cCL", name: "Shop 2")
        try db.saveChanges(connection: "k", partner: nil, clients: ListDelta(upserted: [renamed]), channels: ListDelta(upserted: [a2, c], removed: ["2CH"]),
                           fingerprints: ["1CH": 11, "3CH": 33], asOf: t0 + 60)
        let loaded = try #require(try db.loadSnapshot(connection: "k"))
        #expect(loaded.channels == [a2, c])
        #expect(loaded.clients == [renamed])
        #expect(loaded.fingerprints == ["1CH": 11, "3CH": 33])
        #expect(loaded.asOf == t0 + 60)
        let rows = try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM snapshot_channel") }
        #expect(rows == 2)
    }

    /// A screenful first: the first channels by ID and only their clients.
    @Test func theHeadOfASnapshotIsTheFirstChannelsWithTheirClients() throws {
        let (db, _) = try HubDatabase.open(path: tempPath())
        let channels = (1...5).map { channel("\($0)CH") }
        try db.saveSnapshot(connection: "k", partner: Partner(id: "pPA"), clients: [Client(id: "cCL", name: "Shop"), Client(id: "zCL", name: "Other")],
                            channels: channels, asOf: t0)
        let head = try #require(try db.loadSnapshotHead(connection: "k", limit: 2))
        #expect(head.channels.map(\.id) == ["1CH", "2CH"])
        #expect(head.clients.map(\.id) == ["cCL"])
        #expect(head.partner?.id == "pPA" && head.asOf == t0)
        #expect(head.total == 5) // the header says "2 of 5" until the rest is read
        #expect(try db.loadSnapshotHead(connection: "other", limit: 2) == nil)
    }

    @Test func notificationsAuditAndPendingOperations() throws {
        let (db, _) = try HubDatabase.open(path: tempPath())
        let n1 = HubNotification(id: "x-live", level: .info, time: t0, channelId: "1CH", text: "is live")
        let n2 = HubNotification(id: "y-gone", level: .warning, time: t0 + 5, text: "left")
        try db.record(n1, connection: "c")
        try db.record(n1, connection: "c") // deduplicated
        try db.record(n2, connection: "c")
        #expect(try db.notifications(connection: "c") == [n2, n1])

        // The audit row and the pending row are written together; the same key again keeps its
        // first target (a retry reuses the key, it never becomes another operation).
        _ = try db.beginOperation(connection: "c", key: "k1", kind: "refund", target: "1CH", payload: "{}", actor: "agent", at: t0)
        _ = try db.beginOperation(connection: "c", key: "k1", kind: "refund", target: "OTHER", payload: "{}", actor: "agent", at: t0 + 1)
        #expect(try db.operations(connection: "c", states: [.sending]).map(\.target) == ["1CH"])
        try db.settleOperation(key: "k1", state: .succeeded, result: "accepted RF1", at: t0 + 2)
        #expect(try db.operations(connection: "c", states: OperationState.unsettled).isEmpty)
        #expect(try db.auditLog().last?.result == "accepted RF1")
    }

    @Test func twoOpensShareOneFile() throws {
        let path = tempPath()
        let (a, _) = try HubDatabase.open(path: path)
        let (b, _) = try HubDatabase.open(path: path)
        try a.record(HubNotification(id: "1", level: .info, time: t0, text: "from a"), connection: "c")
        try b.record(HubNotification(id: "2", level: .info, time: t0 + 1, text: "from b"), connection: "c")
        #expect(try a.notifications(connection: "c").count == 2)
    }

    @Test func aCorruptFileIsMovedAsideNotDeleted() throws {
        let path = tempPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 8192).write(to: URL(fileURLWithPath: path))
        let (db, warning) = try HubDatabase.open(path: path)
        let w = try #require(warning)
        #expect(w.contains("not a readable database") && w.contains(".corrupt-"))
        let aside = try #require(FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).first { $0.contains(".corrupt-") })
        #expect(try Data(contentsOf: URL(fileURLWithPath: (path as NSString).deletingLastPathComponent + "/" + aside)).count == 8192)
        try db.record(HubNotification(id: "1", level: .info, time: t0, text: "works"), connection: "c")
    }

    @Test func aNewerSchemaIsMovedAside() throws {
        let path = tempPath()
        do {
            let (db, _) = try HubDatabase.open(path: path)
            try db.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        }
        let (_, warning) = try HubDatabase.open(path: path)
        #expect(warning?.contains("newer partnerhub") == true)
    }
}

@Suite struct WizardPersistenceTests {
    @Test func savedPerConnectionAndWabaAndRemovedWhenDone() throws {
        let path = NSTemporaryDirectory() + "ph-wiz-\(UUID().uuidString).sqlite"
        let db = try HubDatabase.open(path: path).0
        var w = PartnerChangeWizard(wabaAccountId: "W1", currentPartnerId: "aPA", channelIds: ["1CH", "2CH"],
                                    companyInformation: .init(legalName: "Acme", country: "DE", address: "x"))
        w.send(.enterPartnerId("bPA"))
        try db.saveWizard(connection: "c1", waba: "W1", w, at: Date())
        try db.saveWizard(connection: "c2", waba: "W9", w, at: Date())
        #expect(try db.wizards(connection: "c1") == [w])
        w.send(.confirmNumbers)
        try db.saveWizard(connection: "c1", waba: "W1", w, at: Date())
        // Reopened from disk: the same step and what was typed.
        let again = try HubDatabase.open(path: path).0
        #expect(try again.wizards(connection: "c1").first?.step == .terms)
        #expect(try again.wizards(connection: "c1").first?.destinationPartnerId == "bPA")
        try again.saveWizard(connection: "c1", waba: "W1", nil, at: Date())
        #expect(try again.wizards(connection: "c1").isEmpty && again.wizards(connection: "c2").count == 1)
    }
}

/// Issue 29: shell completion reads the IDs of the cached snapshot without decoding it.
@Suite struct CachedIDTests {
    @Test func idsOfTheCachedSnapshot() throws {
        let path = NSTemporaryDirectory() + "ids-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (db, _) = try HubDatabase.open(path: path)
        try db.saveSnapshot(connection: "live:x", partner: nil, clients: [Client(id: "cCL")], channels: [channel("1CH"), channel("2CH")], asOf: t0)
        #expect(try HubDatabase.cachedIDs(.channel, path: path).sorted() == ["1CH", "2CH"])
        #expect(try HubDatabase.cachedIDs(.client, path: path) == ["cCL"])
        #expect(try HubDatabase.cachedIDs(.waba, path: path) == ["wWA"])
        #expect(try HubDatabase.cachedIDs(.channel, path: path + ".missing").isEmpty)
    }

    /// A state this version does not know (written by a later one) is never read as settled well.
    @Test func anUnknownStoredStateReadsAsUnreadable() throws {
        let db = try HubDatabase.open(path: NSTemporaryDirectory() + "state-\(UUID().uuidString).sqlite").0
        _ = try db.beginOperation(connection: "c", key: "k1", kind: "refund", target: "1CH", payload: "{}", actor: "agent", at: Date())
        try db.pool.write { try $0.execute(sql: "UPDATE pending_operation SET state = 'archived-by-v9' WHERE idempotency_key = 'k1'") }
        #expect(try db.operation(key: "k1")?.state == .unreadable)
        #expect(OperationState(stored: "handed-to-hub") == .handedToHub && OperationState(.unknown("x")) == .unknown)
    }
}
