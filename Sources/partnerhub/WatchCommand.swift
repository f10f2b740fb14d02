import ArgumentParser
import Foundation
import HubCore
import HubLive
import HubTeam

/// Headless live status: one line per change, as the TUI's notifications.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print account changes as they happen (one line each; --json for machines).",
        discussion: "Polls the channels (every 3 s on the sandbox, 30 s live) and prints what changed; keeps going through errors, backing off; stops with exit 1 when the credentials or the base URL are refused. Stop with Ctrl-C.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var webhooks: WebhookOptions
    @OptionGroup var team: TeamOptions
    @Flag(help: "One JSON object per line.") var json = false
    @Option(help: "Seconds between polls (at least 1).") var interval: Double?

    func validate() throws {
        if let i = interval, i < 1 { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        let conn = try Connection.resolve(connection)
        let teamURL = try team.resolve()
        // The team's poller, read from PostgreSQL; or this process polling on its own.
        let actions: AsyncStream<Action>
        let stopFeed: @Sendable () async -> Void
        var listener: Task<Void, Never>?
        if let teamURL {
            let feed = TeamFeed(url: teamURL, connection: conn.mode == .live ? conn.key : nil,
                                logger: .file(AppPaths.resolve().logFile))
            actions = feed.actions
            stopFeed = { await feed.stop() }
            await feed.start()
        } else {
            let feed = LiveFeed(service: conn.service, settings: interval.map { .init(interval: $0) } ?? (conn.mode == .sandbox ? .sandbox : .live),
                                logger: .file(AppPaths.resolve().logFile))
            actions = feed.actions
            stopFeed = { await feed.stop() }
            await feed.start()
            listener = webhooks.start(feed: feed) { _, line in printError("partnerhub: \(line)") }
        }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stop = DispatchSource.makeSignalSource(signal: SIGINT)
        let term = DispatchSource.makeSignalSource(signal: SIGTERM)
        for s in [stop, term] {
            s.setEventHandler { Task { await stopFeed() } }
            s.resume()
        }
        defer { listener?.cancel() }
        let source = teamURL.map { "the team's poller via \($0)" } ?? conn.describe
        var lastPhase: String?
        // Said once, on the first snapshot, whatever came before it (a team's watch started
        // before the poller's first write backs off first, and said nothing more until 2026-12-04).
        var announced = false
        let encoder = HubJSON.encoder()
        for await action in actions {
            switch action {
            case .notify(let n):
                // Notification text holds server strings (names, unknown status values): one safe line.
                var line = n
                line.text = Sanitizer.oneLine(n.text, max: 500)
                if json, let data = try? encoder.encode(line) { printOut(String(decoding: Sanitizer.terminalSafeJSON(data), as: UTF8.self) + "\n") }
                else { printOut("\(Timestamp.format(n.time)) \(n.level.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(line.text)\n") }
            case .snapshotLoaded(_, _, let channels, let asOf, _) where !announced:
                announced = true
                if lastPhase == nil { lastPhase = "idle" }
                printError("watching \(channels.count) numbers (\(source)) as of \(Timestamp.format(asOf))")
            case .liveStatusChanged(let status):
                // Say once when polling fails and once when it recovers; never a line per retry.
                switch status.phase {
                case .stopped(let reason) where teamURL != nil:
                    // The team's poller is stuck; it is its operator's to fix: say so once.
                    if lastPhase != "stopped" { printError("partnerhub: the team's poller: \(reason)") }
                    lastPhase = "stopped"
                case .stopped(let reason):
                    // Asking again cannot help (credentials, base URL): one line, exit 1.
                    printError("partnerhub: \(reason)")
                    await stopFeed()
                    throw ExitCode(ExitStatus.apiError)
                case .backingOff(let reason, _) where lastPhase != "backoff":
                    lastPhase = "backoff"
                    printError("partnerhub: \(reason); retrying with backoff")
                case .idle where lastPhase == "backoff" || lastPhase == "stopped":
                    lastPhase = "idle"
                    printError("partnerhub: back in sync")
                default: break
                }
            default: break
            }
        }
        _ = (stop, term)
    }
}
