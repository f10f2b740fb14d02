import ArgumentParser

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI (default).")
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Hide every mutating command.") var readOnly = false
    @Option(help: "Theme name (default, light, high-contrast, ansi16, mono).") var theme: String?
    @Flag(help: "No colours (same as NO_COLOR).") var noColor = false

    func run() async throws { try notYetAvailable("The terminal UI") }
}

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Print account changes as they happen.")
    @OptionGroup var connection: ConnectionOptions
    @Flag var json = false
    func run() async throws { try notYetAvailable("watch") }
}
