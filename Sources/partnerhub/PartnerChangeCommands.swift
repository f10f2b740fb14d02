import ArgumentParser
import Foundation
import HubCore

/// `partner-change`: the wizard's steps that change something, headless. Submitting is the
/// default, so `partner-change CLIENT WABA --to ID --confirm ID` keeps working; the payment
/// method (P4 step 6) and a withdrawal are their own steps, as in the wizard.
struct PartnerChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partner-change",
        abstract: "Submit a Partner Change Request for a WABA (P2..P4), confirm its payment method, or withdraw it.",
        discussion: "Every number of the WABA moves. Submitting needs --confirm repeating the destination Partner ID.",
        subcommands: [PartnerChangeSubmitCommand.self, PartnerChangeConfirmPaymentCommand.self, PartnerChangeWithdrawCommand.self],
        defaultSubcommand: PartnerChangeSubmitCommand.self)
}

struct PartnerChangeSubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "submit",
        abstract: "Submit a Partner Change Request for a WABA (P2..P4), as the wizard's terms step does.",
        discussion: "Every number of the WABA moves. Submits only when --confirm repeats the destination Partner ID.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Client ID (…CL).", completion: IDCompletion.completion(.client)) var clientId: String
    @Argument(help: "WABA account ID.", completion: IDCompletion.completion(.waba)) var wabaAccountId: String
    @Option(help: "Destination Partner ID (…PA).") var to: String
    @Option(help: "The destination Partner ID again, to confirm.") var confirm: String?

    func run() async throws {
        let conn = try Connection.resolve(connection)
        if let problem = PartnerChangeWizard.validatePartnerId(to, currentPartnerId: conn.partnerId) {
            printError("partnerhub: \(problem)")
            throw ExitCode(ExitStatus.usage)
        }
        guard confirm == to else {
            printError("partnerhub: not submitted: pass --confirm \(to) to submit the Partner Change Request.")
            throw ExitCode(ExitStatus.usage)
        }
        // What the destination will ask for (P4 steps 6 and 7), said before and after.
        let destination = try? await conn.service.destinationPartner(id: to)
        let numbers = try? await conn.service.allChannels(query: ListQuery(filters: ["waba_account.id": .string(wabaAccountId)]))
            .filter { $0.resolvedClientId == nil || $0.resolvedClientId == clientId }.map(\.id).sorted()
        let mutation = Mutation.submitPartnerChange(clientId: clientId, wabaAccountId: wabaAccountId, targetPartnerId: to,
                                                    channelIds: numbers?.isEmpty == false ? numbers : nil)
        let outcome = try await performIntentOutcome(mutation, on: conn)
        guard case .succeeded(let result) = outcome else { throw ExitCode(ExitStatus.apiError) }
        let id = Mutation.submittedRequestId(result) ?? "REQUEST"
        let brand = destination.map { Sanitizer.terminalSafe($0.brandName) + " (\(to))" } ?? to
        if destination?.paymentMethodRequired == true {
            printOut("""
                Next: \(brand) asks for the client's payment method before it approves (P4 step 6).
                  The client adds one in their Hub if they have none; then confirm it:
                    partnerhub partner-change confirm-payment \(id)
                  or withdraw the request:
                    partnerhub partner-change withdraw \(id)

                """)
        } else if destination?.autoApprove == true {
            printOut("\(brand) approves requests automatically; `partnerhub partner-requests` shows when it is done.\n")
        } else if destination == nil {
            printOut("The destination could not be looked up: it may ask for the client's payment method (`partnerhub partner-change confirm-payment \(id)`). `partnerhub partner-requests` shows the request's state.\n")
        } else {
            printOut("\(brand) approves it in their Partner Hub (P4 step 7); `partnerhub partner-requests` shows the approval status.\n")
        }
    }
}

struct PartnerChangeConfirmPaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm-payment",
        abstract: "Confirm the client's payment method for a submitted Partner Change Request (P4 step 6).",
        discussion: "Only for destinations that ask for it; the client must have a payment method on file in their Hub.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Partner change request ID.") var requestId: String

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let waba = try await wabaOfRequest(requestId, conn)
        try await performIntent(.confirmPaymentMethod(wabaAccountId: waba, partnerChangeRequestId: requestId), on: conn)
    }
}

struct PartnerChangeWithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "withdraw",
        abstract: "Withdraw a submitted Partner Change Request before the destination decides.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Partner change request ID.") var requestId: String

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let waba = try await wabaOfRequest(requestId, conn)
        try await performIntent(.withdrawPartnerChange(wabaAccountId: waba, partnerChangeRequestId: requestId), on: conn)
    }
}

/// The WABA a request moves, for the audit row (the request names its numbers, not its WABA).
func wabaOfRequest(_ id: String, _ conn: Connection) async throws -> String {
    let all = try await conn.service.allPages(pageSize: 100) { try await conn.service.listPartnerChangeRequests($0) }
    guard let pcr = all.first(where: { $0.id == id }) else {
        printError("partnerhub: no partner change request \(Sanitizer.terminalSafe(id)) (`partnerhub partner-requests` lists them).")
        throw ExitCode(ExitStatus.usage)
    }
    guard let number = pcr.channelIds?.first,
          let channel = try? await conn.service.listChannels(ListQuery(filters: ["id": .string(number)])).items.first,
          let waba = channel.wabaAccount?.id ?? channel.wabaAccountId else { return "unknown" }
    return waba
}

struct PartnerRequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partner-requests", abstract: "Partner change requests, newest first.")
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let list = try await conn.service.allPages(pageSize: 100) { try await conn.service.listPartnerChangeRequests($0) }
        printOut(TextTable(header: ["Request", "Status", "Source client", "Target partner", "Numbers"], rows: list.map {
            [$0.id, $0.status?.rawValue ?? "", $0.sourceClientId ?? "", $0.targetPartnerId ?? "", ($0.channelIds ?? []).joined(separator: ",")]
        }).render())
    }
}
