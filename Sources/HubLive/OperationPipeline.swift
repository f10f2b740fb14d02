import Foundation
import HubCore

/// The one path of every change an agent makes: the confirmed intent's audit row and
/// pending-operation row are written before the request leaves; the request carries the
/// intent's idempotency key (the same one on every retry); the answer settles both rows.
/// After a crash, `reconcile` asks the server what became of unsettled rows first: what it
/// applied is settled; what it never saw is completed with the same key when the server keeps
/// keys (funds, refunds: it cannot act twice on one key), and left to the agent otherwise.
public actor OperationPipeline: MutationPerformer {
    let service: any PartnerService
    /// The agent's own file: the partner change wizards (HubDatabase+Wizards).
    let database: HubDatabase?
    /// Audit rows and pending operations: the database, or the team's ledger.
    let ledger: (any OperationLedger)?
    let connection: String
    let agent: String
    let now: @Sendable () -> Date
    /// Attempts for answers that say nothing about the outcome (timeouts, 5xx, 429).
    let attempts: Int
    let retryDelay: Duration

    /// `ledger`: where audit rows and pending operations go (nil: `database`).
    public init(service: any PartnerService, database: HubDatabase?, ledger: (any OperationLedger)? = nil, connection: String, agent: String,
                attempts: Int = 3, retryDelay: Duration = .milliseconds(500), now: @escaping @Sendable () -> Date = { Date() }) {
        self.service = service
        self.database = database
        self.ledger = ledger ?? database
        self.connection = connection
        self.agent = agent
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
        self.now = now
    }

    /// The OS user at the keyboard, for audit rows.
    public static var osUser: String {
        let env = ProcessInfo.processInfo.environment
        if let u = env["USER"] ?? env["LOGNAME"], !u.isEmpty { return u }
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid \(getuid())"
    }

    static func payload(_ r: MutationRequest) -> String {
        let data = (try? HubJSON.encoder().encode(r.mutation)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    public func perform(_ r: MutationRequest) async -> MutationOutcome {
        guard let db = ledger else {
            return .failed("No local database: a change is written to the audit log before it is sent, so it cannot be sent now. `partnerhub info` shows where the database goes.", field: nil)
        }
        let key = r.idempotencyKey
        do {
            // The same intent again (a retry from the dialog): never act twice.
            if let known = try await db.operation(key: key) {
                if known.state == .succeeded { return .succeeded(known.result ?? "done before") }
                if OperationState.unsettled.contains(known.state),
                   case .applied(let what)? = try? await r.mutation.reconcile(service, idempotencyKey: key, sentAt: known.createdAt) {
                    try await db.settleOperation(key: key, state: .succeeded, result: "ok: \(what)", at: now())
                    return .succeeded(what)
                }
            }
            _ = try await db.beginOperation(connection: connection, key: key, kind: r.mutation.kind, target: r.mutation.target,
                                            payload: Self.payload(r), actor: agent, at: now())
        } catch let conflict as OperationConflict {
            return .failed(conflict.description, field: nil)
        } catch {
            return .failed("The audit log could not be written, so nothing was sent: \(error)", field: nil)
        }
        let outcome = await send(r)
        try? await db.settleOperation(key: key, state: OperationState(outcome), result: outcome.auditText, at: now())
        return outcome
    }

    /// Sends with the intent's key; retries only answers that say nothing about the outcome.
    /// The one retry layer for changes: the HTTP transport sends a change once (it retries
    /// reads only), so a refund is sent at most `attempts` times, not the transport's times these.
    func send(_ r: MutationRequest) async -> MutationOutcome {
        var lastError = ""
        for attempt in 0..<attempts {
            do {
                return .succeeded(try await r.mutation.send(service, idempotencyKey: r.idempotencyKey))
            } catch ServiceError.unavailable(_, let url) {
                return .handedToHub(url: url)
            } catch let e as ServiceError where e.isTransient {
                lastError = Sanitizer.terminalSafe(e.description)
                // A 429 was refused before it was done: always safe to send again. Anything
                // else unclear is sent again only when a repeat cannot act twice.
                let again: Bool = if case .rateLimited = e { true } else { r.mutation.safeToRepeat }
                guard again else { return .unknown("No clear answer (\(lastError)); not sent again: a second one could act twice.") }
                if attempt < attempts - 1 {
                    if case .rateLimited(let after?) = e { try? await Task.sleep(for: .seconds(min(after, 30))) } else { try? await Task.sleep(for: retryDelay * (attempt + 1)) }
                }
            } catch let e as ServiceError {
                return Self.refusal(e)
            } catch is CancellationError {
                return .unknown("The request was interrupted.")
            } catch {
                lastError = Sanitizer.terminalSafe(String(describing: error))
            }
        }
        return .unknown("No clear answer after \(attempts) attempts (\(lastError)).")
    }

    /// A refusal, with the field the error body names when there is one (`details`).
    static func refusal(_ e: ServiceError) -> MutationOutcome {
        if case .api(_, let body) = e {
            let message = Sanitizer.terminalSafe(body.meta.developerMessage ?? body.summary)
            return .failed(message, field: body.meta.details?.first.map(Sanitizer.terminalSafe))
        }
        return .failed(Sanitizer.terminalSafe(e.description), field: nil)
    }

    /// Asks the server about every unsettled operation of this connection. Returns one
    /// notification per operation for the notification center.
    /// `sending` false (read-only): asks the server and settles what it knows, never sends; a
    /// change that never reached the server stays open, and the note says so.
    public func reconcile(sending: Bool = true) async -> [HubNotification] {
        guard let db = ledger, let rows = try? await db.operations(connection: connection, states: OperationState.unsettled) else { return [] }
        var notes: [HubNotification] = []
        for row in rows {
            guard let mutation = try? HubJSON.decode(Mutation.self, from: Data(row.payload.utf8)) else {
                try? await db.settleOperation(key: row.idempotencyKey, state: .unreadable, result: "unknown: the stored request could not be read", at: now())
                continue
            }
            let id = "reconcile-\(row.idempotencyKey)"
            func note(_ level: HubNotification.Level, _ text: String) {
                notes.append(HubNotification(id: id, level: level, time: now(), text: text))
            }
            do {
                switch try await mutation.reconcile(service, idempotencyKey: row.idempotencyKey, sentAt: row.createdAt) {
                case .applied(let what):
                    try? await db.settleOperation(key: row.idempotencyKey, state: .succeeded, result: "ok (checked after a restart): \(what)", at: now())
                    note(.info, "\(mutation.summary): it was applied (checked with the server after a restart).")
                case .notApplied where mutation.resumesAfterCrash && !sending:
                    note(.warning, "\(mutation.summary): interrupted before it reached the server; not sent again because partnerhub is read-only. It stays open for a run that may send.")
                case .notApplied where mutation.resumesAfterCrash:
                    // Confirmed, written down, never reached the server: finish it, same key.
                    let outcome = await send(MutationRequest(mutation: mutation, idempotencyKey: row.idempotencyKey, correlation: 0))
                    let state = OperationState(outcome)
                    try? await db.settleOperation(key: row.idempotencyKey, state: state, result: "\(outcome.auditText) (completed after a restart)", at: now())
                    note(state == .succeeded ? .info : .warning, "\(mutation.summary): interrupted before it reached the server; sent after the restart with the same key: \(outcome.auditText)")
                case .unsure(let why):
                    // Kept unsettled: asked again at the next start, never sent or called done on a guess.
                    try? await db.settleOperation(key: row.idempotencyKey, state: .unknown, result: "unknown (checked after a restart): \(why)", at: now())
                    note(.warning, "\(mutation.summary): partnerhub cannot tell whether it reached the server (\(Sanitizer.terminalSafe(why))). "
                         + "Nothing was sent again. Check the requests (`partnerhub partner-requests`) and decide; it is asked again at the next start.")
                case .notApplied:
                    try? await db.settleOperation(key: row.idempotencyKey, state: .notApplied,
                                            result: "not applied (checked after a restart); not sent again", at: now())
                    note(.warning, "\(mutation.summary): it was not applied. It was not sent again; do it again if it is still needed.")
                }
            } catch ServiceError.unavailable(_, let url) {
                try? await db.settleOperation(key: row.idempotencyKey, state: .handedToHub, result: "cannot be checked through the API: \(url)", at: now())
                note(.warning, "\(mutation.summary): the API cannot say whether it happened; check in the Hub: \(url)")
            } catch {
                note(.warning, "\(mutation.summary): could not be checked now (\(Sanitizer.terminalSafe(String(describing: error)))); partnerhub asks again on the next start.")
            }
        }
        return notes
    }

    public func auditLog(limit: Int) async -> [AuditEntry] {
        (try? await ledger?.auditLog(connection: connection, limit: limit)) ?? []
    }
}
