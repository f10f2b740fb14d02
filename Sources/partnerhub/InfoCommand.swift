import ArgumentParser
import Foundation

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print configuration, data and log paths and the connection.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var team: TeamOptions

    func run() async throws {
        let paths = AppPaths.resolve()
        var rows = [["Config file", paths.configFile + (FileManager.default.fileExists(atPath: paths.configFile) ? "" : " (not present)")],
                    ["User themes", paths.themesDir],
                    ["Data (SQLite)", paths.dataDir],
                    ["Log", paths.logFile]]
        do {
            let c = try Connection.resolve(connection, paths: paths)
            rows.append(["Mode", c.mode == .sandbox ? "SANDBOX" : "LIVE"])
            rows.append(["Connection", c.describe])
            rows.append(["Partner ID", c.partnerId])
        } catch {
            rows.append(["Connection", "not configured: \(error)"])
        }
        // The URL without its password (docs/team.md).
        do {
            rows.append(["Team database", try team.resolve(paths: paths).map { "\($0) (partnerhub serve polls; this one reads); \($0.tlsSummary)" } ?? "none (this agent's own SQLite)"])
        } catch {
            rows.append(["Team database", "\(error)"])
        }
        printOut(rows.map { $0[0].padding(toLength: 15, withPad: " ", startingAt: 0) + $0[1] }.joined(separator: "\n") + "\n")
    }
}
