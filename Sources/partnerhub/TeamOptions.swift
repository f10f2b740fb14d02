import HubConfig
import ArgumentParser
import Foundation
import HubTeam

/// `--database postgres://...` (or PARTNERHUB_DATABASE_URL, or `[database] url`): the team's
/// shared PostgreSQL (docs/team.md). Without it, everything stays in this agent's SQLite.
struct TeamOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The team's PostgreSQL, e.g. postgres://partnerhub@db:5432/partnerhub: read what `partnerhub serve` polls instead of polling the API (docs/team.md).",
                               valueName: "url"))
    var database: String?

    func validate() throws {
        if let d = database { do { _ = try TeamDatabaseURL(d) } catch { throw ValidationError("\(error)") } }
    }

    /// The URL, or a usage error naming `command` and where the URL goes.
    func require(for command: String) throws -> TeamDatabaseURL {
        guard let url = try resolve() else {
            throw ValidationError("\(command) needs the team's database: --database postgres://..., PARTNERHUB_DATABASE_URL, or [database] url in the config file")
        }
        return url
    }

    /// The URL from the flag, the environment or the config file; nil: no team database.
    func resolve(paths: AppPaths = .resolve(), env: [String: String] = ProcessInfo.processInfo.environment) throws -> TeamDatabaseURL? {
        var text = database ?? env["PARTNERHUB_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if text == nil { text = try ConfigFile.load(path: paths.configFile)?.databaseURL }
        guard let text else { return nil }
        do { return try TeamDatabaseURL(text) } catch { throw ValidationError("\(error)") }
    }
}
