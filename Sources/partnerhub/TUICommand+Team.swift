import HubConfig
import Foundation
import HubCore
import HubLive
import HubTeam
import HubTUI
import Logging

extension TUICommand {
    /// The TUI on the team's PostgreSQL: the same screen, its data from `partnerhub serve`
    /// (TeamFeed), its changes through this agent's own pipeline with the team's ledger, and
    /// health checks on the team's shared once-per-5-minutes record.
    @MainActor
    func runOnTeam(_ url: TeamDatabaseURL, conn: Connection, database: HubDatabase?, terminal: CursesTerminal, keymap: Keymap,
                   readOnly: Bool, mono: Bool, file: ConfigFile?, paths: AppPaths, startup: [String], log: Logger) async throws {
        // The database says who this agent is (the role they log in as): the audit actor.
        let agent = url.username
        let feed = TeamFeed(url: url, connection: conn.mode == .live ? conn.key : nil, logger: log)
        let shared = TeamDatabase(url: url, logger: log)
        let operations = OperationPipeline(service: conn.service, database: database, ledger: TeamLedger(db: shared),
                                           connection: conn.key, agent: agent)
        let health = HealthChecks(service: conn.service, store: TeamHealthStore(db: shared))
        let runner = EffectRunner(service: conn.service, source: feed, operations: operations,
                                  health: { [health] in await health.check(apiKey: $0, platform: $1) })
        let environment = AppEnvironment(agent: agent, workingDirectory: FileManager.default.currentDirectoryPath,
                                         sessionId: "ph-\(UUID().uuidString.prefix(13).lowercased())", timeZone: .current,
                                         clipboard: file?.osc52Clipboard ?? false)
        var state = AppState(mode: conn.mode == .sandbox ? .sandbox : .live, readOnly: readOnly, now: Date(), environment: environment)
        _ = reduce(&state, .liveStatusChanged(LiveStatus(phase: .loading)))
        var messages = startup
        messages.append("Team mode: the data of `partnerhub serve` from \(url)")
        if webhooks.webhookListen != nil { messages.append("--webhook-listen is for the poller; ignored on the team's data") }
        let app = TUIApp(state: state, terminal: terminal, runner: runner,
                         options: .init(keymap: keymap, themeStore: ThemeStore(userDirectory: paths.themesDir),
                                        themeName: theme ?? file?.theme ?? "default", forceMono: mono, startupMessages: messages))
        let start = Task.detached {
            let wizards = await operations.partnerChangeWizards()
            if !wizards.isEmpty { await feed.inject(.partnerChangeWizardsRestored(wizards)) }
            await feed.start()
            for note in await operations.reconcile() { await feed.inject(.notify(note)) }
        }
        await app.run(actions: feed.actions)
        start.cancel()
        await feed.stop()
        await shared.close()
        if let sig = app.stopSignal {
            terminal.stop()
            Foundation.exit(128 + sig)
        }
    }
}
