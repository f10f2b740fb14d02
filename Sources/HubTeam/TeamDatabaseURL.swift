import Foundation
import PostgresNIO

/// `postgres://user:password@host:port/database` (or `postgresql://`), as `--database` and
/// `[database] url` take it. The password never appears in `description`.
public struct TeamDatabaseURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String?
    /// `?sslmode=require`: TLS is not built in yet, so it is refused rather than ignored.
    public var sslMode: String?

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URLComponents(string: trimmed), let scheme = url.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql" else {
            throw Invalid(description: "--database must be a postgres:// URL such as postgres://partnerhub@127.0.0.1:5432/partnerhub")
        }
        guard let host = url.host, !host.isEmpty else { throw Invalid(description: "--database needs a host: postgres://user@HOST:5432/database") }
        self.host = host
        port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw Invalid(description: "--database: port \(port) is out of range") }
        username = url.user?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = url.password?.removingPercentEncoding ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? nil : path.removingPercentEncoding
        sslMode = url.queryItems?.first { $0.name == "sslmode" }?.value
        if let mode = sslMode, !["disable", "allow", "prefer"].contains(mode) {
            throw Invalid(description: "--database: sslmode=\(mode) is not supported yet (TLS to PostgreSQL is not built in); use a local socket, a tunnel or sslmode=disable")
        }
    }

    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? username)"
    }

    var configuration: PostgresConnection.Configuration {
        var c = PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: .disable)
        c.options.connectTimeout = .seconds(5)
        return c
    }
}
