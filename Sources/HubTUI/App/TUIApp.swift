import Foundation
import HubCore

/// The terminal UI at run time: one object on the main actor owns curses, the state and the
/// frame. Keys and live data become actions; the reducer changes the state; a frame is drawn
/// only when something changed (at most 60 a second) and only the changed cells are written.
@MainActor
public final class TUIApp: EffectHost {
    public struct Options: Sendable {
        public var keymap: Keymap
        public var themeStore: ThemeStore
        public var themeName: String
        public var forceMono: Bool
        public var startupMessages: [String]

        public init(keymap: Keymap, themeStore: ThemeStore, themeName: String, forceMono: Bool, startupMessages: [String]) {
            self.keymap = keymap
            self.themeStore = themeStore
            self.themeName = themeName
            self.forceMono = forceMono
            self.startupMessages = startupMessages
        }
    }

    public private(set) var state: AppState
    let terminal: any TerminalBackend
    let runner: EffectRunner
    let options: Options
    var context: RenderContext
    var previous: CellBuffer?
    var forceRepaint = true
    var renderScheduled = false
    var lastRender = DispatchTime(uptimeNanoseconds: 0)
    var tickItem: DispatchWorkItem?
    var sources: [DispatchSourceProtocol] = []
    var finished: CheckedContinuation<Void, Never>?
    /// The signal that ended the run (SIGTERM, SIGHUP, SIGQUIT): the process exits 128 + it.
    public private(set) var stopSignal: Int32?
    var trimScheduled = false
    var lastTrim = Date.distantPast
    /// Set when the app is done: nothing may touch curses after the terminal is restored.
    var stopped = false
    /// Frames drawn (for the idle test and the status).
    public private(set) var frames = 0
    /// Effects and exports still running; the test harness waits for none.
    public private(set) var inFlight = 0

    public init(state: AppState, terminal: any TerminalBackend, runner: EffectRunner, options: Options) {
        self.state = state
        self.terminal = terminal
        self.runner = runner
        self.options = options
        context = RenderContext(glyphs: terminal.utf8 ? .unicode : .ascii, keymap: options.keymap,
                                themes: options.themeStore.names, timeZone: .current)
    }

    /// Runs until the agent quits or a signal asks to stop.
    public func run(actions: AsyncStream<Action>) async {
        let size = terminal.size
        dispatch(.resized(width: size.width, height: size.height))
        applyTheme(options.forceMono ? "mono" : options.themeName, announce: false)
        // Every start-up warning is kept in the notification center; the flash shows the last,
        // and says how many there are when there are several.
        for (i, m) in options.startupMessages.enumerated() {
            dispatch(.notify(HubNotification(id: "startup-\(i)-\(m.hashValue)", level: .warning, time: Date(), text: m)))
        }
        if options.startupMessages.count > 1 {
            dispatch(.flash(.warning, "\(options.startupMessages.count) start-up warnings: n shows them all"))
        }
        installSources()
        render() // the first frame right away, before any data
        let feed = Task { @MainActor in
            for await action in actions { self.dispatch(action) }
        }
        await withCheckedContinuation { self.finished = $0 }
        feed.cancel()
        for s in sources { s.cancel() }
        tickItem?.cancel()
    }

    // MARK: input and signals

    func installSources() {
        if let input = terminal.startInput({ [weak self] in self?.drainInput() }) { sources.append(input) }
        guard terminal.ownsProcessTerminal else { return }
        // Ctrl-\ (SIGQUIT) too: left to the runtime it prints a backtrace prompt over the screen.
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            s.setEventHandler {
                MainActor.assumeIsolated {
                    // Ctrl-C ends like q; the others exit with 128 + the signal, as shells expect.
                    if sig != SIGINT { self.stopSignal = sig }
                    self.finish()
                }
            }
            s.resume()
            sources.append(s)
        }
        signal(SIGWINCH, SIG_IGN)
        let winch = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .main)
        winch.setEventHandler { MainActor.assumeIsolated { self.resized() } }
        winch.resume()
        sources.append(winch)
    }

    func drainInput() {
        guard !stopped else { return }
        for key in terminal.readKeys() {
            if key.name == "resize" { resized(); continue }
            handle(key)
        }
    }

    func resized() {
        guard !stopped else { return }
        terminal.syncSize()
        let size = terminal.size
        dispatch(.resized(width: size.width, height: size.height))
        forceRepaint = true
        scheduleRender()
    }

    func handle(_ key: Key) {
        // A burst of characters read at once where no field takes text: commands, one by one.
        if let text = key.pasted, !KeyRouter.takesText(state) {
            for ch in text where !stopped { handle(Key(ch == " " ? "space" : String(ch))) }
            return
        }
        for action in KeyRouter.route(key, state: state, context: context) {
            dispatch(action)
            if stopped { return }
        }
    }

    // MARK: store

    func dispatch(_ action: Action) {
        let effects = Self.step(&state, action, now: Date())
        if case .snapshotLoaded = action { scheduleTrim() }
        scheduleRender()
        scheduleTick()
        for e in effects { perform(e) }
    }

    /// The reducer learns the time from `.tick`: one goes first whenever the clock has moved,
    /// and its effects are performed with the action's (a frozen order that thawed changes the
    /// cards on screen, and the live engine must be told: they were dropped until issue 27).
    nonisolated static func step(_ state: inout AppState, _ action: Action, now: Date) -> [Effect] {
        var effects: [Effect] = []
        if case .tick = action {} else if abs(now.timeIntervalSince(state.now)) > 0.005 { effects = reduce(&state, .tick(now)) }
        return effects + reduce(&state, action)
    }

    /// Every effect goes to the one interpreter (`EffectRunner`); what only this actor can
    /// do comes back through `EffectHost`.
    func perform(_ effect: Effect) {
        inFlight += 1
        Task { @MainActor in
            let actions = await self.runner.perform(effect, host: self)
            self.inFlight -= 1
            for a in actions where !self.stopped { self.dispatch(a) }
        }
    }

    // MARK: the host of the screen's own effects

    public func quit() { finish() }
    public func setTheme(_ name: String) { applyTheme(name, announce: true) }
    public func copyToClipboard(_ text: String) { terminal.copyToClipboard(text) }
    public func redraw() {
        forceRepaint = true
        scheduleRender()
    }

    /// Ends `run` as quitting does (the test harness, and signals).
    public func requestStop() { finish() }

    func finish() {
        stopped = true
        tickItem?.cancel()
        guard let f = finished else { return }
        finished = nil
        f.resume()
    }

    /// Wakes up once at the next moment the screen must change by itself (a flash expires, a
    /// highlight fades, the frozen order may move); nothing ticks while idle.
    /// A new snapshot frees the old one: hand the free pages back two seconds after the last
    /// snapshot (a trim walks the heap, so at most one every ten seconds).
    func scheduleTrim() {
        guard !trimScheduled else { return }
        trimScheduled = true
        let at = max(Date().addingTimeInterval(2), lastTrim.addingTimeInterval(10))
        DispatchQueue.main.asyncAfter(deadline: .now() + at.timeIntervalSinceNow) {
            MainActor.assumeIsolated {
                self.trimScheduled = false
                self.lastTrim = Date()
                MemoryTuning.trim()
            }
        }
    }

    func scheduleTick() {
        tickItem?.cancel()
        var deadlines: [Date] = []
        if let d = state.notifications.flashUntil { deadlines.append(d) }
        if let d = state.orderFrozenUntil { deadlines.append(d) }
        if let d = state.highlightedUntil.values.min() { deadlines.append(d) }
        // A spinner turns only while work is in flight.
        if state.dialogs.items.contains(where: { $0.working != nil }) { deadlines.append(state.now.addingTimeInterval(0.1)) }
        guard let next = deadlines.filter({ $0 > state.now }).min() else { return }
        let item = DispatchWorkItem { MainActor.assumeIsolated { self.dispatch(.tick(Date())) } }
        tickItem = item
        DispatchQueue.main.asyncAfter(deadline: .now() + next.timeIntervalSince(state.now) + 0.01, execute: item)
    }

    // MARK: frames

    func scheduleRender() {
        guard !renderScheduled, !stopped else { return }
        renderScheduled = true
        let minGap: UInt64 = 16_000_000
        let since = DispatchTime.now().uptimeNanoseconds - lastRender.uptimeNanoseconds
        let delay = since >= minGap ? 0 : minGap - since
        DispatchQueue.main.asyncAfter(deadline: .now() + .nanoseconds(Int(delay))) {
            MainActor.assumeIsolated { self.render() }
        }
    }

    func render() {
        renderScheduled = false
        guard !stopped else { return }
        lastRender = .now()
        let size = terminal.size
        let frame = Screen.render(state, width: size.width, height: size.height, context: context)
        terminal.draw(frame, previous: previous, force: forceRepaint)
        forceRepaint = false
        previous = frame
        frames += 1
    }

    // MARK: themes and export

    func applyTheme(_ name: String, announce: Bool) {
        let (theme, error) = options.themeStore.load(name)
        terminal.apply(theme)
        context.monochrome = theme.isMonochrome || terminal.colors == 0
        if let error { dispatch(.flash(.error, "Theme: \(error.description); using \(theme.name)")) }
        else if announce { dispatch(.flash(.info, "Theme \(theme.name)")) }
        dispatch(.themeChanged(theme.name))
        forceRepaint = true
        scheduleRender()
    }

    /// The CSV is built and written off the main actor; progress and the outcome come back as
    /// actions to the export dialog.
    public func exportCSV(path: String, overwrite: Bool, dialog: Int) {
        let channels = state.records.values.map(\.channel)
        let clients = state.clients
        inFlight += 1
        Task.detached { [weak self] in
            let outcome = await CSVFileWriter.write(channels: channels, clients: clients, to: path, overwrite: overwrite) { done, total in
                await MainActor.run { self?.dispatch(.dialog(.exportProgress(dialog: dialog, done: done, total: total))) }
            }
            await MainActor.run {
                guard let self else { return }
                self.inFlight -= 1
                switch outcome {
                case let .written(path, rows): self.dispatch(.dialog(.exportFinished(dialog: dialog, path: path, rows: rows)))
                case .exists(let path): self.dispatch(.dialog(.exportExists(dialog: dialog, path: path)))
                case .failed(let message): self.dispatch(.dialog(.exportFailed(dialog: dialog, message: message)))
                }
            }
        }
    }

    /// Nothing in flight and no frame waiting: what the test harness waits for.
    public var isIdle: Bool { inFlight == 0 && !renderScheduled }
}
