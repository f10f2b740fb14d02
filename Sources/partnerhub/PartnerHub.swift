import HubConfig
import HubTUI // MemoryTuning (the allocator settings for every command)
import ArgumentParser
import Foundation
import HubCore
import HubSandbox

/// The composition root: parses arguments and wires modules together. No domain logic here.
@main
struct PartnerHub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partnerhub",
        abstract: "Run the WhatsApp Business clients of a 360dialog partner from the terminal.",
        discussion: """
        Without credentials it runs on an embedded simulator of the Partner API (the sandbox).
        Headless commands print a table, or JSON with --json. Exit codes: 0 ok, 1 API or
        network error, 2 usage error.
        """,
        version: BuildInfo.line,
        subcommands: [
            TUICommand.self, ClientsCommand.self, ChannelsCommand.self, BalanceCommand.self,
            ExportCSVCommand.self, RefundCommand.self, RefundsCommand.self, PartnerChangeCommand.self, PartnerRequestsCommand.self,
            ReconcileCommand.self, OperationsCommand.self,
            InfoCommand.self, WatchCommand.self, ServeCommand.self, TeamCommand.self, SandboxCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// ArgumentParser exits 64 on usage errors; the contract says 2. API errors are one line, exit 1.
    static func main() async {
        quietRuntimeBacktraces()
        MemoryTuning.configure()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ServiceError {
            printError("partnerhub: \(error.description)")
            Foundation.exit(ExitStatus.apiError)
        } catch let error as ConfigFile.LoadError {
            printError("partnerhub: \(error.description)")
            Foundation.exit(ExitStatus.usage)
        } catch let error as SandboxScenario.ScenarioError {
            printError("partnerhub: \(error.description)")
            Foundation.exit(ExitStatus.usage)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error) // --help, --version
            }
            if code.rawValue == 64 || error is ValidationError {
                printError(fullMessage(for: error))
                Foundation.exit(ExitStatus.usage)
            }
            printError("partnerhub: \(fullMessage(for: error))")
            Foundation.exit(ExitStatus.apiError)
        }
    }
}

/// The Swift runtime reads SWIFT_BACKTRACE once, at start: a crash (or a stray SIGQUIT) must
/// never put its interactive backtrace prompt over the TUI's screen. Unless the user chose a
/// setting, restart this same process (same PID) once with a non-interactive one.
func quietRuntimeBacktraces() {
    guard ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] == nil else { return }
    setenv("SWIFT_BACKTRACE", "interactive=no,color=no", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // execv returned: it failed (no /proc); carry on with the runtime's defaults.
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
