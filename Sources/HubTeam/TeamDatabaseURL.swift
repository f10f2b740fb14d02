import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…` (or `postgresql://`),
/// as `--database` and `[database] url` take it. The password never appears in `description`.
public struct TeamDatabaseURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    /// libpq's `hostaddr`: the address connected to, while `host` is the name the certificate
    /// must carry under verify-full.
    public var hostAddress: String?
    public var sslMode: SSLMode
    /// A CA file, or "system" for the system's trust store (libpq spells it so).
    public var sslRootCert: String?

    /// libpq's modes, with libpq's meaning (https://www.postgresql.org/docs/current/libpq-ssl.html).
    /// `allow` (plain first, then TLS) is taken as `prefer`: postgres-nio asks for TLS first.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw Invalid(description: "--database must be a postgres:// URL such as postgres://partnerhub@127.0.0.1:5432/partnerhub")
        }
        guard let host = url.host, !host.isEmpty else { throw Invalid(description: "--database needs a host: postgres://user@HOST:5432/database") }
        self.host = host
        port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw Invalid(description: "--database: port \(port) is out of range") }
        username = url.user?.removingPercentEncoding ?? environment["USER"] ?? "postgres"
        password = url.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? nil : path.removingPercentEncoding
        func parameter(_ name: String, env: String) -> String? {
            let v = url.queryItems?.first { $0.name == name }?.value ?? environment[env]
            return v?.isEmpty == false ? v : nil
        }
        let mode = parameter("sslmode", env: "PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let parsed = SSLMode(rawValue: mode) else {
            throw Invalid(description: "--database: sslmode=\(mode) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        sslMode = parsed
        hostAddress = parameter("hostaddr", env: "PGHOSTADDR")
        sslRootCert = parameter("sslrootcert", env: "PGSSLROOTCERT")
        if let file = sslRootCert, file != "system", !FileManager.default.isReadableFile(atPath: file) {
            throw Invalid(description: "--database: sslrootcert \(file) cannot be read")
        }
    }

    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? username)"
    }

    /// The URL with its TLS parameters and no password: what to hand another agent or the
    /// poller's operator (`team init` and `add-agent` print it).
    public var shareable: String {
        var query: [String] = []
        if sslMode != .prefer { query.append("sslmode=\(sslMode.rawValue)") }
        if let cert = sslRootCert { query.append("sslrootcert=\(cert)") }
        if let address = hostAddress { query.append("hostaddr=\(address)") }
        return description + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// How the connection is protected, for `info` and the status line.
    public var tlsSummary: String {
        switch effectiveMode {
        case .disable: return "TLS off (sslmode=disable)"
        case .allow, .prefer: return "TLS when the server offers it, unverified (sslmode=\(sslMode.rawValue))"
        case .require: return "TLS required, certificate not verified (sslmode=require)"
        case .verifyCA: return "TLS, certificate verified against \(trustDescription)"
        case .verifyFull: return "TLS, certificate verified against \(trustDescription) for \(host)"
        }
    }

    /// libpq: "require" with a root certificate given behaves as "verify-ca".
    var effectiveMode: SSLMode {
        sslMode == .require && sslRootCert != nil ? .verifyCA : sslMode
    }

    var trustDescription: String {
        if let file = trustFile { return file }
        return "the system's trust store"
    }

    /// sslrootcert, or libpq's default ~/.postgresql/root.crt when it exists; nil means the
    /// system's trust store (libpq would refuse: a managed service's CA is usually in it).
    var trustFile: String? {
        if let file = sslRootCert { return file == "system" ? nil : file }
        let home = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".postgresql/root.crt").path
        return FileManager.default.isReadableFile(atPath: home) ? home : nil
    }

    func tls() throws -> PostgresConnection.Configuration.TLS {
        var t = TLSConfiguration.makeClientConfiguration()
        switch effectiveMode {
        case .disable: return .disable
        case .allow, .prefer:
            t.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: t))
        case .require:
            t.certificateVerification = .none
        case .verifyCA, .verifyFull:
            t.certificateVerification = effectiveMode == .verifyFull ? .fullVerification : .noHostnameVerification
            t.trustRoots = trustFile.map { .file($0) } ?? .default
        }
        return .require(try NIOSSLContext(configuration: t))
    }

    func configuration() throws -> PostgresConnection.Configuration {
        var c = PostgresConnection.Configuration(host: hostAddress ?? host, port: port, username: username, password: password,
                                                 database: database, tls: try tls())
        c.options.connectTimeout = .seconds(5)
        // The name the certificate must carry is the host's, whatever address is dialled.
        if hostAddress != nil, !Self.isIPAddress(host) { c.options.tlsServerName = host }
        return c
    }

    /// A new connection, or a typed error that says why not (TLS problems in words).
    func connect(id: Int, logger: Logger) async throws -> PostgresConnection {
        let config: PostgresConnection.Configuration
        do { config = try configuration() } catch {
            throw TeamDatabaseError.unreachable("\(self): TLS could not be set up: \(error)")
        }
        do {
            return try await PostgresConnection.connect(configuration: config, id: id, logger: logger)
        } catch {
            throw TeamDatabaseError.unreachable("\(self) is not reachable: \(TeamDatabase.describe(error, url: self))")
        }
    }

    static func isIPAddress(_ s: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }
}
