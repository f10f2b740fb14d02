import HubConfig
import ArgumentParser
import Foundation
import HubCore
import HubLive
import HubTeam
import HubTUI
import Logging

struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI (default).")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var webhooks: WebhookOptions
    @OptionGroup var team: TeamOptions
    @Flag(help: "Hide every mutating command from keys, palette and help.") var readOnly = false
    @Option(help: "Theme: default, light, high-contrast, ansi16, mono, or one in the user themes folder.") var theme: String?
    @Flag(help: "No colours (the same as NO_COLOR).") var noColor = false

    @MainActor
    func run() async throws {
        let paths = AppPaths.resolve()
        let file = try ConfigFile.load(path: paths.configFile)
        let conn = try Connection.resolve(connection, paths: paths)
        let teamURL = try team.resolve(paths: paths)
        let env = ProcessInfo.processInfo.environment
        // On the team's data, changes go out with the agent's own credentials: an agent with
        // none (the embedded sandbox is another world) only looks.
        let teamWithoutCredentials = teamURL != nil && conn.mode != .live
        let readOnly = self.readOnly || (file?.readOnly ?? false) || teamWithoutCredentials
        let keymap = Keymap(overrides: file?.keys ?? [:], readOnly: readOnly)
        let mono = noColor || !(env["NO_COLOR"] ?? "").isEmpty

        let terminal: CursesTerminal
        do { terminal = try CursesTerminal(mouse: file?.mouse ?? true) } catch let e as CursesTerminal.StartError {
            printError(e.description)
            throw ExitCode(ExitStatus.usage)
        }
        // From here on the terminal is ours: restore it on every way out.
        CrashGuard.install()
        defer { terminal.stop() }

        // The last known state first, marked as cached, then live data.
        var startup = keymap.warnings
        if teamWithoutCredentials {
            startup.append("Read-only: the team's data, but no Partner API credentials of your own to make changes with (PARTNERHUB_API_KEY and --api-base, docs/team.md)")
        }
        var database: HubDatabase?
        do {
            let (db, warning) = try HubDatabase.open(path: paths.dataDir + "/partnerhub.sqlite")
            database = db
            if let warning { startup.append(warning) }
        } catch {
            startup.append("No local database (\(paths.dataDir)): \(error)")
        }
        // Only live partners are kept: the sandbox makes a new world on each start and answers at
        // once, so a cache of it would cost disk and start-up time for nothing.
        let store = conn.mode == .live ? database : nil
        let log = Logger.file(paths.logFile)
        for warning in startup { log.warning("start-up: \(warning)") }
        if let teamURL {
            try await runOnTeam(teamURL, conn: conn, database: database, terminal: terminal, keymap: keymap, readOnly: readOnly,
                                mono: mono, file: file, paths: paths, startup: startup, log: log)
            return
        }
        var settings: LiveFeed.Settings = conn.mode == .sandbox ? .sandbox : .live
        settings.firstPageEarly = true
        let feed = LiveFeed(service: conn.service, settings: settings,
                            database: store, connectionKey: conn.key, logger: log)
        // Every change goes through the pipeline, which writes the audit log first: in both
        // modes (the sandbox's audit log is the agent's record of what they tried).
        let operations = OperationPipeline(service: conn.service, database: database, connection: conn.key, agent: OperationPipeline.osUser)
        // C15: once per 5 minutes per key, across restarts and every partnerhub on this database.
        let health = HealthChecks(service: conn.service, store: database.map { $0 as any HealthCheckStore } ?? InMemoryHealthStore())
        let runner = EffectRunner(service: conn.service, source: feed, operations: operations,
                                  health: { [health] in await health.check(apiKey: $0, platform: $1) })
        let environment = AppEnvironment(agent: OperationPipeline.osUser, workingDirectory: FileManager.default.currentDirectoryPath,
                                         sessionId: "ph-\(UUID().uuidString.prefix(13).lowercased())", timeZone: .current,
                                         clipboard: file?.osc52Clipboard ?? false)
        var state = AppState(mode: conn.mode == .sandbox ? .sandbox : .live, readOnly: readOnly, now: Date(), environment: environment)
        _ = reduce(&state, .liveStatusChanged(LiveStatus(phase: .loading)))
        let app = TUIApp(state: state, terminal: terminal, runner: runner,
                         options: .init(keymap: keymap, themeStore: ThemeStore(userDirectory: paths.themesDir),
                                        themeName: theme ?? file?.theme ?? "default", forceMono: mono, startupMessages: startup))
        // The first frame comes at once; the last known state follows from the database (50,000
        // cached channels take a moment to decode), then the first poll.
        let key = conn.key
        let startFeed = Task.detached {
            // A screenful first (200 cards fill a 200x60 terminal; well under 0.1 s), then
            // everything (seconds at 50,000 channels).
            if let head = try? store?.loadSnapshotHead(connection: key, limit: 200), !head.channels.isEmpty {
                await feed.inject(.partialSnapshotLoaded(partner: head.partner, clients: head.clients, channels: head.channels,
                                                         asOf: head.asOf, fromCache: true, total: head.total ?? head.channels.count))
            }
            let cached = try? store?.loadSnapshot(connection: key)
            let history = (try? store?.notifications(connection: key)) ?? []
            // A live partner's changes while partnerhub was closed are notified on the first poll.
            if let cached { await feed.seed(channels: cached.channels, clients: cached.clients, fingerprints: cached.fingerprints) }
            if !history.isEmpty { await feed.inject(.notificationsRestored(history)) }
            let wizards = await operations.partnerChangeWizards()
            if !wizards.isEmpty { await feed.inject(.partnerChangeWizardsRestored(wizards)) }
            if let cached {
                await feed.inject(.snapshotLoaded(partner: cached.partner, clients: cached.clients, channels: cached.channels,
                                                  asOf: cached.asOf, fromCache: true))
            }
            await feed.start()
            // Changes whose answer was lost in a crash: ask the server, never send again.
            for note in await operations.reconcile(sending: !readOnly) { await feed.inject(.notify(note)) }
        }
        let listener = webhooks.start(feed: feed) { ok, line in await feed.inject(.flash(ok ? .info : .error, line)) }
        await app.run(actions: feed.actions)
        listener?.cancel()
        startFeed.cancel()
        await feed.stop()
        if let sig = app.stopSignal {
            terminal.stop()
            Foundation.exit(128 + sig)
        }
    }
}
