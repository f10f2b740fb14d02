import Foundation
import HubLive
import Logging
import NIOSSL
import PostgresNIO

/// One connection to the team's PostgreSQL, opened on first use and again after it broke,
/// with its statements one transaction at a time. The poller holds its leadership on its own
/// connection (an advisory lock lives and dies with the session that took it).
public final class TeamDatabase: Sendable {
    public let url: TeamDatabaseURL
    let logger: Logger
    let lock = SerialLock()
    let state = ConnectionBox()

    public init(url: TeamDatabaseURL, logger: Logger = Logger(label: "partnerhub.team", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.url = url
        self.logger = logger
    }

    /// The open connection, or a new one.
    func connection() async throws -> PostgresConnection {
        if let c = await state.current, !c.isClosed { return c }
        let c = try await url.connect(id: await state.nextID(), logger: logger)
        await state.set(c)
        return c
    }

    /// `body` alone on the connection (no transaction).
    @discardableResult
    public func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await lock.run {
            let c = try await self.connection()
            do { return try await body(c) } catch { throw await self.failed(error, c) }
        }
    }

    /// `body` in one transaction: committed when it returns, rolled back when it throws.
    @discardableResult
    public func transaction<T: Sendable>(_ begin: String = "BEGIN", _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await lock.run {
            let c = try await self.connection()
            do {
                try await c.query(PostgresQuery(unsafeSQL: begin), logger: self.logger)
                let value: T
                do { value = try await body(c) } catch {
                    _ = try? await c.query("ROLLBACK", logger: self.logger)
                    throw error
                }
                try await c.query("COMMIT", logger: self.logger)
                return value
            } catch { throw await self.failed(error, c) }
        }
    }

    /// A broken connection is dropped (the next call opens a new one); errors become typed.
    func failed(_ error: Error, _ c: PostgresConnection) async -> Error {
        if error is OperationConflict || error is TeamDatabaseError { return error }
        if c.isClosed { await state.set(nil) }
        if let psql = error as? PSQLError, let code = psql.serverInfo?[.sqlState] {
            return TeamDatabaseError.server(sqlState: code, message: Self.describe(error))
        }
        if c.isClosed { return TeamDatabaseError.unreachable("the connection to \(url) broke: \(Self.describe(error))") }
        return error
    }

    public func close() async {
        if let c = await state.current { try? await c.close() }
        await state.set(nil)
    }

    /// The server's message (PSQLError's own description hides it on purpose), and TLS
    /// failures in words: which check failed and what to change.
    static func describe(_ error: Error, url: TeamDatabaseURL? = nil) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if psql.code == .sslUnsupported {
                return "the server does not offer TLS, and sslmode=\(url?.sslMode.rawValue ?? "require") requires it"
            }
            if let underlying = psql.underlying { return describe(underlying, url: url) }
            return "\(psql.code)"
        }
        if let ssl = error as? NIOSSLExtraError, ssl == .failedToValidateHostname {
            return "the server's TLS certificate is not for \(url?.host ?? "this host") (sslmode=verify-full checks the name; connect by the name on the certificate)"
        }
        // BoringSSL says an unknown CA only in its error's text.
        let text = String(describing: error)
        if case NIOSSLError.handshakeFailed? = error as? NIOSSLError, text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's TLS certificate is not signed by a CA in \(url?.trustDescription ?? "the trust store") (set sslrootcert= to the CA that signed it)"
        }
        return text
    }

    /// Creates or updates the schema from `SharedSchema` (every `partnerhub` does this on
    /// start; an advisory lock keeps two from doing it at once). A schema that is up to date
    /// is left alone without a lock: an agent's role may read it but not create tables.
    public func migrate() async throws {
        try await run { c in
            if let applied = try await Self.applied(c, self.logger), try Self.pending(applied).isEmpty { return }
            try await c.query("SELECT pg_advisory_lock(7343001)", logger: self.logger)
            do {
                try await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)", logger: self.logger)
                for m in try Self.pending(try await Self.applied(c, self.logger) ?? []) {
                    try await c.query("BEGIN", logger: self.logger)
                    do {
                        for sql in SharedSchema.sql(m, for: .postgres) { try await c.query(PostgresQuery(unsafeSQL: sql), logger: self.logger) }
                        try await c.query("INSERT INTO schema_migrations (id, applied_at) VALUES (\(m.id), \(Date().timeIntervalSince1970))", logger: self.logger)
                        try await c.query("COMMIT", logger: self.logger)
                    } catch {
                        _ = try? await c.query("ROLLBACK", logger: self.logger)
                        throw error
                    }
                }
            } catch {
                _ = try? await c.query("SELECT pg_advisory_unlock(7343001)", logger: self.logger)
                if let psql = error as? PSQLError, psql.serverInfo?[.sqlState] == "42501" {
                    throw TeamDatabaseError.permission("the team database's schema needs creating or updating, and \(self.url.username) may not: run `partnerhub team init --database URL` as the role that owns it (docs/team.md)")
                }
                throw error
            }
            try await c.query("SELECT pg_advisory_unlock(7343001)", logger: self.logger)
        }
    }

    /// The migrations applied, or nil when there is no schema yet.
    static func applied(_ c: PostgresConnection, _ logger: Logger) async throws -> Set<String>? {
        var exists = false
        for try await e in try await c.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger).decode(Bool.self) { exists = e }
        guard exists else { return nil }
        var applied = Set<String>()
        for try await id in try await c.query("SELECT id FROM schema_migrations", logger: logger).decode(String.self) { applied.insert(id) }
        return applied
    }

    /// What is left to apply; a migration this build does not know means a newer partnerhub
    /// set the database up, and it is refused rather than altered.
    static func pending(_ applied: Set<String>) throws -> [SchemaMigration] {
        let known = Set(SharedSchema.migrations.map(\.id))
        if let newer = applied.subtracting(known).sorted().first {
            throw TeamDatabaseError.newerSchema("the team database was set up by a newer partnerhub (migration \(newer)); update this one")
        }
        return SharedSchema.migrations.filter { $0.backends.contains(.postgres) && !applied.contains($0.id) }
    }
}

public enum TeamDatabaseError: Error, Sendable, CustomStringConvertible, Equatable {
    case unreachable(String)
    case server(sqlState: String, message: String)
    case newerSchema(String)
    case unreadable(String)
    /// The role may not do what was asked (a schema change, a grant); says who may.
    case permission(String)

    public var description: String {
        switch self {
        case .unreachable(let m), .newerSchema(let m), .unreadable(let m), .permission(let m): return m
        case .server(let code, let m): return "\(m) (SQLSTATE \(code))"
        }
    }

    var isUniqueViolation: Bool {
        if case .server("23505", _) = self { return true }
        return false
    }
}

/// The connection a `TeamDatabase` holds now.
actor ConnectionBox {
    var current: PostgresConnection?
    private var counter = 0
    func set(_ c: PostgresConnection?) { current = c }
    func nextID() -> Int { counter += 1; return counter }

    /// A database dropped without `close()`: its connection is closed on the way out (the task
    /// holds it until it is; PostgresNIO requires a connection to be closed before it goes).
    deinit {
        if let c = current, !c.isClosed { Task { try? await c.close() } }
    }
}
