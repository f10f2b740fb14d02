import Foundation
import Logging
import PostgresNIO
import Testing
@testable import HubTeam

/// TLS to the team's PostgreSQL, as libpq spells it, against the test cluster, which
/// scripts/team-postgres.sh starts with a certificate for the name localhost signed by
/// its own CA (PARTNERHUB_TEST_POSTGRES_CA).
@Suite(.tags(.postgres), .enabled(if: TestPostgres.available && TestPostgres.caFile != nil, TestPostgres.tlsSkipReason))
struct TeamTLSTests {
    /// The admin URL with `query` appended.
    func url(_ query: String, host: String? = nil) throws -> TeamDatabaseURL {
        var url = try TeamDatabaseURL(TestPostgres.admin ?? "")
        let extra = try TeamDatabaseURL("postgres://x@h/d?\(query)", environment: [:])
        url.sslMode = extra.sslMode
        url.sslRootCert = extra.sslRootCert
        url.hostAddress = extra.hostAddress
        if let host { url.host = host }
        return url
    }

    /// Whether the session is encrypted, as the server sees it.
    func encrypted(_ url: TeamDatabaseURL) async throws -> Bool {
        let c = try await url.connect(id: 1, logger: TeamTables.logger)
        defer { Task { try? await c.close() } }
        var ssl = false
        for try await s in try await c.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: TeamTables.logger).decode(Bool.self) { ssl = s }
        try await c.close()
        return ssl
    }

    func refusal(_ url: TeamDatabaseURL) async -> String {
        do {
            let c = try await url.connect(id: 1, logger: TeamTables.logger)
            try? await c.close()
            return ""
        } catch { return String(describing: error) }
    }

    @Test func verifyFullPassesWithTheCA() async throws {
        let ca = try #require(TestPostgres.caFile)
        #expect(try await encrypted(url("sslmode=verify-full&sslrootcert=\(ca)&hostaddr=127.0.0.1", host: "localhost")),
                "by the name on the certificate, dialling the address of hostaddr")
        #expect(try await encrypted(url("sslmode=verify-ca&sslrootcert=\(ca)")))
    }

    @Test func verifyFullFailsForAnotherHostName() async throws {
        let ca = try #require(TestPostgres.caFile)
        let message = await refusal(try url("sslmode=verify-full&sslrootcert=\(ca)&hostaddr=127.0.0.1", host: "db.wrong.test"))
        #expect(message.contains("is not for db.wrong.test"), "\(message)")
        #expect(message.contains("verify-full"), "\(message)")
        let byIP = await refusal(try url("sslmode=verify-full&sslrootcert=\(ca)"))
        #expect(byIP.contains("is not for 127.0.0.1"), "the certificate names localhost only: \(byIP)")
        // verify-ca does not check the name: the same connection passes.
        #expect(try await encrypted(url("sslmode=verify-ca&sslrootcert=\(ca)&hostaddr=127.0.0.1", host: "db.wrong.test")))
    }

    @Test func aCertificateFromAnotherCAIsRefused() async throws {
        let message = await refusal(try url("sslmode=verify-full&sslrootcert=system"))
        #expect(message.contains("not signed by a CA in the system's trust store"), "\(message)")
        // libpq: require with a root certificate is verify-ca.
        let wrongCA = try #require(TestPostgres.otherCAFile())
        let other = await refusal(try url("sslmode=require&sslrootcert=\(wrongCA)"))
        #expect(other.contains("not signed by a CA in \(wrongCA)"), "\(other)")
    }

    @Test func requirePreferAndDisable() async throws {
        #expect(try await encrypted(url("sslmode=require")), "require encrypts without verifying")
        #expect(try await encrypted(url("sslmode=prefer")))
        #expect(try await encrypted(url("")), "prefer is the default, as in libpq")
        #expect(try await !encrypted(url("sslmode=disable")))
    }
}

extension TestPostgres {
    /// The CA of the test cluster: PARTNERHUB_TEST_POSTGRES_CA, or the default folder's.
    static var caFile: String? {
        let env = ProcessInfo.processInfo.environment["PARTNERHUB_TEST_POSTGRES_CA"] ?? "/tmp/partnerhub-pg/tls/ca.crt"
        return FileManager.default.isReadableFile(atPath: env) ? env : nil
    }

    static let tlsSkipReason: Comment = "the test cluster has no CA: restart it with scripts/team-postgres.sh (it makes one with openssl) and export PARTNERHUB_TEST_POSTGRES_CA"

    /// A CA that did not sign the server's certificate (made once with openssl).
    static func otherCAFile() -> String? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("partnerhub-other-ca-\(getpid())")
        let crt = dir.appendingPathComponent("ca.crt").path
        if FileManager.default.fileExists(atPath: crt) { return crt }
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=another CA",
                       "-keyout", dir.appendingPathComponent("ca.key").path, "-out", crt]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? crt : nil
    }
}
