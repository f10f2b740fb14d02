import ArgumentParser
import Foundation
import HubCore

struct PartnerChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partner-change",
        abstract: "Submit a Partner Change Request for a WABA (P2..P4), as the wizard's last step does.",
        discussion: "Every number of the WABA moves. Submits only when --confirm repeats the destination Partner ID.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Client ID (…CL).") var clientId: String
    @Argument(help: "WABA account ID.") var wabaAccountId: String
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
        try await performIntent(.submitPartnerChange(clientId: clientId, wabaAccountId: wabaAccountId, targetPartnerId: to), on: conn)
    }
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
