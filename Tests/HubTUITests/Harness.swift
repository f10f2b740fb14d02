import Foundation
import Testing
import HubCore
import HubLive
import HubSandbox
@testable import HubTUI

/// The real `TUIApp` on the embedded sandbox, with the real live feed and operation pipeline,
/// drawn into a `MemoryTerminal`: keys in, frames out, no terminal (ratatui's TestBackend,
/// Bubble Tea's teatest).
@MainActor
final class Harness {
    let terminal: MemoryTerminal
    let app: TUIApp
    let feed: LiveFeed
    let engine: SandboxEngine
    let database: HubDatabase
    let pipeline: OperationPipeline
    var running: Task<Void, Never>?
    let folder: String
    /// The feed's clock: time moves only when a test says so (`advance`), so a poll happens
    /// when the test means it to, never because the machine was slow.
    let clock = ManualClock()

    init(width: Int = 120, height: Int = 40, readOnly: Bool = false, service: (any PartnerService)? = nil,
         scenario: SandboxScenario? = nil, timeScale: Double = 0, startupMessages: [String] = [],
         ledger: ((HubDatabase) -> any OperationLedger)? = nil) throws {
        folder = NSTemporaryDirectory() + "ph-harness-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var config = SandboxConfig()
        config.seed = 4
        config.clients = 12
        config.timeScale = timeScale
        config.scenario = scenario
        // The sandbox's time is the same manual clock: a partner's approval or Meta's review
        // comes after the simulated seconds the test lets pass, however slow the machine.
        let clock = self.clock, start = Date()
        engine = SandboxEngine(config: config, time: TimeSource { start.addingTimeInterval(clock.elapsed) })
        let api = service ?? engine
        feed = LiveFeed(service: api, settings: .sandbox, time: SchedulerTime(clock))
        database = try HubDatabase.open(path: folder + "/partnerhub.sqlite").0
        pipeline = OperationPipeline(service: api, database: database, ledger: ledger?(database), connection: "harness", agent: "tester",
                                     retryDelay: .milliseconds(5))
        let feed = self.feed
        clock.waitUntilIdle { await feed.scheduler.isQuiescent(clockSleepers: clock.sleeperCount) }
        let health = HealthChecks(service: api, store: database)
        let runner = EffectRunner(service: api, source: feed, operations: pipeline,
                                  health: { await health.check(apiKey: $0, platform: $1) })
        let env = AppEnvironment(agent: "tester", workingDirectory: folder, sessionId: "h\(UUID().uuidString.prefix(6))")
        terminal = MemoryTerminal(width: width, height: height)
        app = TUIApp(state: AppState(mode: .sandbox, readOnly: readOnly, now: Date(), environment: env), terminal: terminal, runner: runner,
                     options: .init(keymap: Keymap(readOnly: readOnly), themeStore: ThemeStore(userDirectory: nil), themeName: "default",
                                    forceMono: false, startupMessages: startupMessages))
        let app = self.app
        running = Task { @MainActor in await app.run(actions: feed.actions) }
        Task { await feed.start() }
    }

    var screen: String { terminal.screen.text }

    /// Waits until the app and the feed are idle and the screen satisfies `predicate`; while it
    /// does not, the clock moves on a second at a time (polls run, the sandbox's time passes).
    /// Fails after `timeout` simulated seconds (or twice that in wall time, on a stalled app).
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ predicate: ((String) -> Bool)? = nil) async -> String {
        let deadline = Date().addingTimeInterval(timeout * 2), until = clock.elapsed + timeout
        while Date() < deadline {
            await idle()
            if app.isIdle, predicate?(screen) ?? screen.contains(what) { return screen }
            if clock.elapsed < until { await clock.advance(seconds: 1) } else { try? await Task.sleep(for: .milliseconds(5)) }
        }
        Issue.record("timed out waiting for \"\(what)\":\n\(screen)", sourceLocation: sourceLocation)
        return screen
    }

    /// Presses keys named as the keymap names them, one batch each, and lets the app settle.
    func press(_ keys: String...) async {
        for k in keys {
            terminal.press([Key(k)])
            await idle()
        }
    }

    /// Sends bytes as a terminal does when ncurses does not decode them (`ESC [ 1 ~` for Home
    /// under a TERM whose terminfo lacks it): through the same decoder as the real terminal.
    func pressRaw(_ bytes: String) async {
        terminal.press(CursesTerminal.keys(from: bytes.unicodeScalars.map { (false, $0.value) }))
        await idle()
    }

    func type(_ text: String) async {
        terminal.type(text)
        await idle()
    }

    /// Partner change requests this partner's clients made (not the incoming ones).
    func outgoingRequests() async throws -> [PartnerChangeRequest] {
        let partnerId = try await engine.partner().id
        return try await engine.listPartnerChangeRequests(ListQuery(limit: 1000)).items.filter { $0.sourcePartnerId == partnerId }
    }

    /// The example scenario of docs/examples (the three worked refund examples of C7, and more).
    nonisolated static func exampleScenario() throws -> SandboxScenario {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try SandboxScenario.load(path: root.appendingPathComponent("docs/examples/scenario.json").path)
    }

    /// Selects a card by filtering for its ID (the filter matches IDs) and clearing the filter
    /// again: selection is by ID, so it stays on that card.
    func select(_ channelId: String) async {
        await press("/", "ctrl-u")
        await type(channelId)
        await press("enter")
        await waitFor(channelId) { _ in self.app.state.selection == channelId }
    }

    /// Nothing in flight: the app (effects, a frame) and the feed (its polls; it sleeps on the
    /// manual clock). Bounded by wall time only as a failure bound.
    func idle() async {
        for _ in 0..<2000 {
            if app.isIdle, await feed.scheduler.isQuiescent(clockSleepers: clock.sleeperCount) { return }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Moves the feed's clock on (polls due by then run, in order) and lets everything settle.
    func advance(seconds: Double) async {
        await clock.advance(seconds: seconds)
        await idle()
    }

    func stop() async {
        app.requestStop()
        await running?.value
        await feed.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
