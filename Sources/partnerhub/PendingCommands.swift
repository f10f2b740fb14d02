import ArgumentParser

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Print account changes as they happen.")
    @OptionGroup var connection: ConnectionOptions
    @Flag var json = false
    func run() async throws { try notYetAvailable("watch") }
}
