import ArgumentParser

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI (default).")
    @Flag(help: "Use the embedded sandbox even when credentials are configured.") var sandbox = false
    @Option(help: "Seed of the sandbox data.") var seed: UInt64 = 1
    @Option(help: "Number of sandbox clients.") var clients: Int = 40
    @Flag(help: "Hide every mutating command.") var readOnly = false
    @Option(help: "Theme name (default, light, high-contrast, ansi16, mono).") var theme: String?
    @Flag(help: "No colours (same as NO_COLOR).") var noColor = false

    func run() async throws { try notYetAvailable("The terminal UI") }
}

struct ClientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clients", abstract: "List the partner's clients.")
    @Flag var json = false
    func run() async throws { try notYetAvailable("clients") }
}

struct ChannelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "channels", abstract: "List the partner's channels.")
    @Option(help: "Filters as JSON, e.g. '{\"id\":\"abOd1CH\"}'.") var filter: String?
    @Option(help: "Sort key; '-' for descending.") var sort: String?
    @Option var limit: Int?
    @Option var offset: Int?
    @Flag var json = false
    func run() async throws { try notYetAvailable("channels") }
}

struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "balance", abstract: "Show a direct-payment client's balance and usage.")
    @Argument(help: "Client ID (…CL).") var clientId: String
    @Flag var json = false
    func run() async throws { try notYetAvailable("balance") }
}

struct ExportCSVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export-csv", abstract: "Export all accounts as CSV.")
    @Option(help: "Write to this file instead of stdout.") var output: String?
    func run() async throws { try notYetAvailable("export-csv") }
}

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print configuration, data and log paths.")
    func run() async throws { try notYetAvailable("info") }
}

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Print account changes as they happen.")
    @Flag var json = false
    func run() async throws { try notYetAvailable("watch") }
}

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sandbox", abstract: "The Partner API simulator.",
                                                    subcommands: [SandboxServeCommand.self])
}

struct SandboxServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the simulator over HTTP on loopback.")
    @Option var host = "127.0.0.1"
    @Option var port = 8360
    @Option var seed: UInt64 = 1
    @Option var clients = 40
    @Option var partnerId = "sandboxPA"
    @Option(help: "The API key clients must send (a sandbox key, not a secret).") var apiKey = "sandbox-key"
    func run() async throws { try notYetAvailable("sandbox serve") }
}
