import HubConfig
import ArgumentParser
import Foundation
import HubCore
import HubLive

/// The operation pipeline of a headless command: the same audited, keyed path as the TUI, on
/// the same local database.
func pipeline(_ conn: Connection, paths: AppPaths = .resolve()) throws -> (OperationPipeline, HubDatabase) {
    try FileManager.default.createDirectory(atPath: paths.dataDir, withIntermediateDirectories: true)
    let (db, _) = try HubDatabase.open(path: paths.dataDir + "/partnerhub.sqlite")
    return (OperationPipeline(service: conn.service, database: db, connection: conn.key, agent: OperationPipeline.osUser), db)
}

/// Sends one confirmed intent through the pipeline with a fresh key, prints the outcome, and
/// exits 1 unless it succeeded.
func performIntent(_ mutation: Mutation, on conn: Connection) async throws {
    if case .succeeded = try await performIntentOutcome(mutation, on: conn) { return }
    throw ExitCode(ExitStatus.apiError)
}

/// Sends one confirmed intent through the pipeline with a fresh key and prints the outcome.
/// `[ui] read_only` holds for the command line too: nothing is sent, and it says why.
func performIntentOutcome(_ mutation: Mutation, on conn: Connection) async throws -> MutationOutcome {
    let paths = AppPaths.resolve()
    if try ConfigFile.load(path: paths.configFile)?.readOnly == true {
        printError("partnerhub: read-only ([ui] read_only in \(paths.configFile)): \(Sanitizer.terminalSafe(mutation.summary)) was not sent.")
        throw ExitCode(ExitStatus.usage)
    }
    let (operations, _) = try pipeline(conn, paths: paths)
    let request = MutationRequest(mutation: mutation, idempotencyKey: "cli-\(UUID().uuidString)", correlation: 0)
    let outcome = await operations.perform(request)
    printOut(Sanitizer.terminalSafe("\(mutation.summary): \(outcome.auditText)") + "\n")
    return outcome
}

struct RefundCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refund", abstract: "Refund a number's funds (C7), as the refund dialog does.",
        discussion: "Prints the plan; refunds only when --confirm is the number (or its last 4 digits). Cannot be reversed; takes 48 to 72 hours.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Channel ID (…CH).", completion: IDCompletion.completion(.channel)) var channelId: String
    @Option(help: "The phone number, or its last 4 digits, to confirm the refund.") var confirm: String?

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let funds = try await conn.service.funds(channelId: channelId)
        guard case .refundable(let plan) = funds.refundDecision else {
            if case .notRefundable(let why) = funds.refundDecision { printError("partnerhub: \(why.description)") }
            throw ExitCode(ExitStatus.apiError)
        }
        let rows = plan.lines.map { [String(Timestamp.format($0.paidAt).prefix(10)), $0.invoiceId, $0.paid.description, $0.leftBefore.description,
                                     $0.principal.description, $0.fee.isZero ? "" : $0.fee.description] }
        printOut(TextTable(header: ["Paid on", "Invoice", "Paid", "Left", "Refund", "Fee"], rows: rows).render())
        printOut("\(plan.feeReason.description)\nTotal refund: \(plan.total) · credit note for invoice \(plan.creditNote.invoiceId)\n")
        let channels = try await conn.service.listChannels(ListQuery(filters: ["id": .string(channelId)]))
        let phone = channels.items.first?.phoneNumberE164 ?? channelId
        guard let typed = confirm, Confirm.matches(typed, expected: phone, acceptsSuffix: 4) else {
            printError("partnerhub: not refunded: pass --confirm with the number \(Sanitizer.terminalSafe(phone)) or its last 4 digits.")
            throw ExitCode(ExitStatus.usage)
        }
        try await performIntent(.requestRefund(channelId: channelId, expectedTotal: plan.total), on: conn)
    }
}

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reconcile",
        abstract: "Settle changes a crash interrupted: ask the server, finish keyed ones with the same key (the TUI does this at start).")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let paths = AppPaths.resolve()
        // Read-only checks with the server but never sends an interrupted change again.
        let readOnly = try ConfigFile.load(path: paths.configFile)?.readOnly == true
        let (operations, _) = try pipeline(conn, paths: paths)
        for note in await operations.reconcile(sending: !readOnly) { printOut(Sanitizer.terminalSafe(note.text) + "\n") }
    }
}

struct OperationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "operations",
        abstract: "The changes sent from here (pending-operation rows): key, state, kind, target, result.")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let (_, db) = try pipeline(conn)
        let rows = try db.operations(connection: conn.key, states: OperationState.allCases)
        printOut(TextTable(header: ["Key", "State", "Kind", "Target", "Result"],
                           rows: rows.map { [$0.idempotencyKey, $0.state.rawValue, $0.kind, $0.target, $0.result ?? ""] }).render())
    }
}

struct RefundsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refunds", abstract: "Refunds in flight and done (modeled: sandbox only).")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Only this channel (…CH).") var channel: String?

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let list = try await conn.service.refunds(channelId: channel)
        printOut(TextTable(header: ["Refund", "Channel", "Key", "Amount", "Status", "Expected by"], rows: list.map {
            [$0.id, $0.channelId, $0.idempotencyKey, $0.amount.description, $0.status.rawValue, Timestamp.format($0.completesAt)]
        }).render())
    }
}
