import Foundation
import Testing
@testable import HubTeam

@Suite struct TeamURLTests {
    @Test func parsesAndHidesThePassword() throws {
        let u = try TeamDatabaseURL("postgres://agent:p%40ss@db.example:6543/hub")
        #expect(u.host == "db.example" && u.port == 6543 && u.username == "agent" && u.password == "p@ss" && u.database == "hub")
        #expect(u.description == "postgres://agent@db.example:6543/hub")
        // What `team add-agent` hands on: the TLS parameters, never the password.
        let tls = try TeamDatabaseURL("postgres://agent:pw@db.example/hub?sslmode=verify-full&sslrootcert=system&hostaddr=10.0.0.5", environment: [:])
        #expect(tls.shareable == "postgres://agent@db.example:5432/hub?sslmode=verify-full&sslrootcert=system&hostaddr=10.0.0.5")
        #expect(try TeamDatabaseURL("postgresql://a@h/d").port == 5432)
    }

    @Test func refusesWhatItCannotUse() {
        for bad in ["mysql://a@h/d", "postgres:///d", "postgres://a@h:99999/d", "postgres://a@h/d?sslmode=always", "not a url",
                    "postgres://a@h/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"] {
            #expect(throws: TeamDatabaseURL.Invalid.self, "\(bad)") { try TeamDatabaseURL(bad, environment: [:]) }
        }
    }

    /// libpq's spelling and defaults: prefer when unsaid, PGSSLMODE/PGSSLROOTCERT from the
    /// environment, require with a root certificate is verify-ca.
    @Test func sslModesAsLibpqSpellsThem() throws {
        #expect(try TeamDatabaseURL("postgres://a@h/d", environment: [:]).sslMode == .prefer)
        for mode in TeamDatabaseURL.SSLMode.allCases {
            #expect(try TeamDatabaseURL("postgres://a@h/d?sslmode=\(mode.rawValue)", environment: [:]).sslMode == mode)
        }
        let env = try TeamDatabaseURL("postgres://a@h/d", environment: ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": "system"])
        #expect(env.sslMode == .verifyFull && env.sslRootCert == "system")
        #expect(env.tlsSummary == "TLS, certificate verified against the system's trust store for h")
        let url = try TeamDatabaseURL("postgres://a@h/d?sslmode=disable", environment: ["PGSSLMODE": "verify-full"])
        #expect(url.sslMode == .disable, "the URL wins over the environment")
        let ca = FileManager.default.temporaryDirectory.appendingPathComponent("team-url-ca.crt").path
        _ = FileManager.default.createFile(atPath: ca, contents: Data("x".utf8))
        #expect(try TeamDatabaseURL("postgres://a@h/d?sslmode=require&sslrootcert=\(ca)", environment: [:]).effectiveMode == .verifyCA)
        #expect(try TeamDatabaseURL("postgres://a@h/d?sslmode=require", environment: [:]).effectiveMode == .require)
    }
}
