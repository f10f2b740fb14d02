import Foundation
import Logging
import PostgresNIO

/// LISTEN on a connection of its own (a listening connection cannot be held by one
/// transaction at a time like `TeamDatabase`'s). Returns, or throws, when the connection ends.
enum TeamListener {
    static func listen(_ url: TeamDatabaseURL, channel: String, logger: Logger = TeamTables.logger,
                       onReady: @Sendable () async -> Void = {},
                       _ each: @escaping @Sendable (String) async throws -> Void) async throws {
        let c = try await url.connect(id: 0, logger: logger)
        do {
            // A notification sequence does not end when its task is cancelled; closing the
            // connection ends it (and `serve`, `watch` and the TUI stop at once on a signal).
            try await withTaskCancellationHandler {
                try await c.listen(on: channel) { notifications in
                    await onReady()
                    for try await n in notifications { try await each(n.payload) }
                }
            } onCancel: {
                c.close().whenComplete { _ in }
            }
            try? await c.close()
        } catch {
            // Closed before it goes (PostgresNIO insists), whatever ended it.
            try? await c.close()
            try rethrowTyped(error, url)
        }
    }

    static func rethrowTyped(_ error: Error, _ url: TeamDatabaseURL) throws {
        do { throw error } catch is CancellationError {
            throw CancellationError()
        } catch let e as TeamDatabaseError {
            throw e
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw TeamDatabaseError.unreachable("listening on \(url) stopped: \(TeamDatabase.describe(error))")
        }
    }
}
