import Foundation
import Logging
import PostgresNIO
import Testing
@testable import HubTeam

/// The PostgreSQL the tests run against: `PARTNERHUB_TEST_POSTGRES` (a URL; `.ci/run` starts
/// one with scripts/team-postgres.sh). Each test gets a database of its own.
enum TestPostgres {
    static var admin: String? {
        let v = ProcessInfo.processInfo.environment["PARTNERHUB_TEST_POSTGRES"]
        return v?.isEmpty == false ? v : nil
    }

    static var available: Bool { admin != nil }
    static let skipReason: Comment = "PARTNERHUB_TEST_POSTGRES is not set: start one with `scripts/team-postgres.sh start` and export the URL it prints"

    /// A new, empty database on the test server.
    static func fresh() async throws -> TeamDatabaseURL {
        guard let admin else { throw TeamDatabaseError.unreachable(String(describing: skipReason)) }
        let base = try TeamDatabaseURL(admin)
        let name = "ph_test_\(UUID().uuidString.prefix(8).lowercased())"
        let c = try await base.connect(id: 1, logger: TeamTables.logger)
        try await c.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: TeamTables.logger)
        try await c.close()
        var url = base
        url.database = name
        return url
    }
}

/// In CI the tests must not skip: `.ci/run` exports PARTNERHUB_CI=1 with the server.
@Suite(.tags(.postgres)) struct TestPostgresPresence {
    @Test func presentInCI() {
        if ProcessInfo.processInfo.environment["PARTNERHUB_CI"] != nil {
            #expect(TestPostgres.available, "CI must run the PostgreSQL tests: .ci/run starts the server and exports PARTNERHUB_TEST_POSTGRES")
            #expect(TestPostgres.caFile != nil, "CI must run the TLS tests: scripts/team-postgres.sh makes the CA and .ci/run exports PARTNERHUB_TEST_POSTGRES_CA")
        }
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass.
func eventually(_ timeout: Double = 10, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A deployed team on the test server: the schema and group roles (`team init`), and agents
/// as login roles. Roles are the cluster's, not one database's: their DDL runs one at a time
/// in this test process (two CREATE or GRANT ROLE statements at once can collide).
extension TestPostgres {
    static let roleDDL = SerialLock()

    /// `team init` on `url` as the admin.
    static func initTeam(_ url: TeamDatabaseURL) async throws {
        try await roleDDL.run {
            let db = TeamDatabase(url: url)
            try await TeamSecurity.initialize(db)
            await db.close()
        }
    }

    /// `url` logged in as `name`, a member of `group` (created on first use; trust auth, no password).
    static func role(_ name: String, on url: TeamDatabaseURL, group: TeamSecurity.Group = .agent) async throws -> TeamDatabaseURL {
        try await roleDDL.run {
            let db = TeamDatabase(url: url)
            try await TeamSecurity.addMember(db, name: name, group: group)
            await db.close()
        }
        var as_ = url
        as_.username = name
        as_.password = nil
        return as_
    }
}
