import ArgumentParser
import Foundation
import HubCore
import HubLive
import HubTeam

/// `partnerhub serve --database postgres://...`: polls the Partner API once for the whole
/// team and writes what it sees to PostgreSQL (docs/team.md). Run two for availability: one
/// polls, the other waits and takes over when it stops.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Poll the Partner API once for a whole team, into PostgreSQL (docs/team.md).",
        discussion: "Agents then run `partnerhub --database URL` (or `watch --database URL`). Several may run: one polls, the others stand by and take over within a poll interval when it stops. Stop with Ctrl-C.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var team: TeamOptions
    @OptionGroup var webhooks: WebhookOptions
    @Option(help: "Seconds between channel polls (at least 1; default 3 on the sandbox, 30 live).") var interval: Double?

    func validate() throws {
        if let i = interval, i < 1 { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        guard let url = try team.resolve() else {
            throw ValidationError("serve needs the team's database: --database postgres://..., PARTNERHUB_DATABASE_URL, or [database] url in the config file")
        }
        let conn = try Connection.resolve(connection)
        let settings = interval.map { LiveFeed.Settings(interval: $0, minimumGap: conn.mode == .sandbox ? 2 : 5) } ?? (conn.mode == .sandbox ? .sandbox : .live)
        let describe = conn.describe
        let listener = try webhooks.webhookListen.map { try WebhookListener(address: $0) }
        let listenHost = listener?.host ?? ""
        var options = TeamService.Options(settings: settings)
        options.webhookListen = listener
        let service = TeamService(url: url, service: conn.service, connection: conn.key, options: options,
                                  logger: .file(AppPaths.resolve().logFile)) { role in
            switch role {
            case .connecting: break
            case .polling: printError("serve: polling \(describe) for the team (\(url)); notifying every agent")
            case .standby(let leader): printError("serve: standing by; \(leader.map { Sanitizer.oneLine($0, max: 80) } ?? "another partnerhub serve") polls; taking over when it stops")
            case .databaseDown(let reason): printError("serve: \(reason); polling stopped, retrying")
            }
        } webhookReport: { report in
            switch report {
            case .listening(let port): printError("serve: receiving webhook events on \(listenHost):\(port) while polling")
            case .failed(let reason): printError("serve: \(reason)")
            }
        }
        let task = Task { await service.run() }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0) }
        for s in sources {
            s.setEventHandler { task.cancel() }
            s.resume()
        }
        printError("serve: \(TeamService.defaultHolder) on \(url), connection \(Sanitizer.oneLine(describe))")
        await task.value
        _ = sources
    }
}
