import ArgumentParser
import Foundation

struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print configuration, data and log paths and the connection.")
    @OptionGroup var connection: ConnectionOptions

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
        printOut(rows.map { $0[0].padding(toLength: 15, withPad: " ", startingAt: 0) + $0[1] }.joined(separator: "\n") + "\n")
    }
}
