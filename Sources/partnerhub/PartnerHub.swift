import ArgumentParser

/// The composition root: parses arguments and wires modules together. No domain logic here.
@main
struct PartnerHub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerhub",
        abstract: "Run the WhatsApp Business clients of a 360dialog partner from the terminal.",
        discussion: """
        Without credentials it runs on an embedded simulator of the Partner API (the sandbox).
        Headless commands print a table, or JSON with --json.
        """,
        subcommands: [
            TUICommand.self, ClientsCommand.self, ChannelsCommand.self, BalanceCommand.self,
            ExportCSVCommand.self, InfoCommand.self, WatchCommand.self, SandboxCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )
}

/// Exit codes of the contract: 0 ok, 1 API/network error, 2 usage error.
enum ExitStatus {
    static let apiError: Int32 = 1
    static let usage: Int32 = 2
}

/// Subcommands whose issue has not landed say so instead of pretending.
func notYetAvailable(_ what: String) throws -> Never {
    printError("partnerhub: \(what) is not yet available in this build.")
    throw ExitCode(ExitStatus.usage)
}
