import Foundation
import HubCore
import HubSandbox
import HubTUI

/// Budgets of the terminal UI issue.
extension Bench {
    static func tui() async throws {
        let world = SandboxGenerator.generate(.init(seed: 1, clients: 10_000))
        var state = AppState(mode: .sandbox, now: Date())
        _ = reduce(&state, .resized(width: 200, height: 60))
        _ = reduce(&state, .snapshotLoaded(partner: world.partner, clients: Array(world.clients.values), channels: world.channelList(),
                                           asOf: Date(), fromCache: false))
        let n = state.channelCount
        let ctx = RenderContext()

        var s1 = state
        let render = await frameMedian(&s1, ctx) { _ in .grid(.move(.down)) }
        record("tui: render + diff of a 200x60 frame, \(n) channels (median)", budgetMs: 2, render)

        let queries = ["m", "mu", "mül", "müll", "mülle", "müller", "m", "+49", "+4930", "北", "北京", "sa", "san"]
        var i = 0
        let filter = await median(39) {
            var s = state
            _ = reduce(&s, .filter(.edit(.insert(queries[i % queries.count]))))
            i += 1
            _ = Screen.render(s, width: 200, height: 60, context: ctx)
        }
        record("tui: filter keystroke to new frame, \(n) channels (median)", budgetMs: 16, filter)

        // The same two budgets with a dialog open over the details pane (a form over 48,439 cards).
        var withDialog = state
        _ = reduce(&withDialog, .details(.open))
        _ = reduce(&withDialog, .open(.export))
        let dialogRender = await frameMedian(&withDialog, ctx) { k in .dialog(.key(k % 2 == 0 ? .insert("x") : .backspace)) }
        record("tui: keystroke in a dialog field, render + diff of a 200x60 frame, \(n) channels (median)", budgetMs: 2, dialogRender)
        var j = 0
        let filterUnderDialog = await median(39) {
            var s = withDialog
            _ = reduce(&s, .filter(.edit(.insert(queries[j % queries.count]))))
            j += 1
            _ = Screen.render(s, width: 200, height: 60, context: ctx)
        }
        record("tui: filter keystroke to new frame with a dialog open, \(n) channels (median)", budgetMs: 16, filterUnderDialog)

        try await clientsBudgets(state, ctx)

        let (full, delta) = try await MainActor.run { try bytesForOneCardChange(state) }
        rows.append(Row(name: "tui: bytes for one card's status change vs a full 200x60 repaint", budget: "≤ 1/10",
                        measured: "\(delta) of \(full) bytes (1/\(full / max(1, delta)))", ok: delta * 10 <= full))

        try processBudgets()
    }

    /// The median of 201 frames: the `n`th action, then a 200x60 render and its diff from the last.
    static func frameMedian(_ state: inout AppState, _ ctx: RenderContext, _ action: (Int) -> Action) async -> Double {
        var previous = Screen.render(state, width: 200, height: 60, context: ctx)
        var n = 0
        var s = state
        let ms = await median(201) {
            _ = reduce(&s, action(n))
            n += 1
            let frame = Screen.render(s, width: 200, height: 60, context: ctx)
            _ = frame.diff(from: previous)
            previous = frame
        }
        state = s
        return ms
    }

    /// The clients view and group-by-client at 10,000 clients: the main screen's budgets.
    static func clientsBudgets(_ state: AppState, _ ctx: RenderContext) async throws {
        let clients = state.clients.count
        // The reference the agent already knows: `s`, a new order of all the cards.
        var sorted = state
        let cycle = await median(5) { _ = reduce(&sorted, .grid(.cycleSort)) }
        rows.append(Row(name: "tui: cycle the sort of the cards (s), \(state.channelCount) channels (median)", budget: "(reported)",
                        measured: "\(fmt(cycle)) ms", ok: true))
        var opened = state
        let open = await median(9) {
            var s = state
            _ = reduce(&s, .clients(.toggle))
            opened = s
        }
        // Opening the view derives 10,000 rows from 48,439 records: no slower than a new sort.
        record("tui: open the clients view, \(clients) clients / \(state.channelCount) channels (median)", budgetMs: 250, open)
        var view = opened
        let move = await frameMedian(&view, ctx) { _ in .clients(.move(.down)) }
        record("tui: clients view, move + render + diff of a 200x60 frame (median)", budgetMs: 2, move)
        let queries = ["m", "mu", "mül", "gmbh", "crm-1", "北", "sa", "l"]
        var i = 0
        let filter = await median(39) {
            var s = opened
            _ = reduce(&s, .clients(.filter(.edit(.insert(queries[i % queries.count])))))
            i += 1
            _ = Screen.render(s, width: 200, height: 60, context: ctx)
        }
        record("tui: clients view, filter keystroke to new frame (median)", budgetMs: 16, filter)
        // A poll with one change while the view is shown: its rows are derived again.
        let someId = state.visible[state.visible.count / 2]
        var ch = state.records[someId]!.channel
        var stamp = 0.0
        var live = opened // changed in place, as the app does (a copy would time copying 48,000 records)
        let poll = await median(9) {
            stamp += 1
            ch.modifiedAt = Date(timeIntervalSince1970: 1_900_000_000 + stamp)
            _ = reduce(&live, .snapshotChanged(partner: nil, clients: ListDelta(), channels: ListDelta(upserted: [ch]), asOf: Date()))
        }
        record("tui: clients view, a poll with one change (median)", budgetMs: 50, poll)
        var grouped = state
        let group = await median(5) { _ = reduce(&grouped, .grid(.toggleGroupByClient)) } // on, off, on ...: a full sort each
        if !grouped.groupByClient { _ = reduce(&grouped, .grid(.toggleGroupByClient)) }
        record("tui: group the cards by client, \(state.channelCount) channels (median)", budgetMs: 300, group)
        let groupedMove = await frameMedian(&grouped, ctx) { _ in .grid(.move(.down)) }
        record("tui: grouped cards, move + render + diff of a 200x60 frame (median)", budgetMs: 2, groupedMove)
    }

    /// Real curses output, recorded to a file: a full repaint, then one card going live.
    @MainActor
    static func bytesForOneCardChange(_ state: AppState) throws -> (Int, Int) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ph-bytes-\(UUID().uuidString)").path
        let term = try CursesTerminal(recordingTo: path, width: 200, height: 60)
        defer { term.stop() }
        term.apply(ThemeStore(userDirectory: nil).load("default").theme)
        var s = state
        _ = reduce(&s, .grid(.move(.right))) // the agent is reading: order frozen
        let ctx = RenderContext()
        let before = Screen.render(s, width: 200, height: 60, context: ctx)
        term.draw(before, previous: nil, force: true)
        let full = fileSize(path)
        var channels = s.records.values.map(\.channel)
        let target = s.visible[2]
        let idx = channels.firstIndex { $0.id == target }!
        channels[idx].accountMode = .live
        channels[idx].status = .ready // a Classic channel goes live by its status
        channels[idx].setupInfo?.error = nil
        channels[idx].integration = Integration(appId: "1", state: "running")
        _ = reduce(&s, .snapshotLoaded(partner: nil, clients: Array(s.clients.values), channels: channels, asOf: Date(), fromCache: false))
        let after = Screen.render(s, width: 200, height: 60, context: ctx)
        term.draw(after, previous: before, force: false)
        precondition(s.records[target]?.lifecycle == .live, "the changed card must show the change")
        return (full, fileSize(path) - full)
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    }

    /// The release binary in tmux: first frame, memory with 50,000 channels, and idle cost.
    static func processBudgets() throws {
        let bin = FileManager.default.currentDirectoryPath + "/.build/release/partnerhub"
        guard FileManager.default.isExecutableFile(atPath: bin) else {
            rows.append(Row(name: "tui: process budgets", budget: "-", measured: "skipped: build .build/release/partnerhub first", ok: true))
            return
        }
        let sock = "ph-bench-\(getpid())"
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ph-idle-\(UUID().uuidString)").path
        func tmux(_ args: [String]) -> String { shell(["/usr/bin/tmux", "-L", sock] + args) }
        defer { _ = tmux(["kill-server"]) }
        let start = Date()
        _ = tmux(["-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", "200", "-y", "60",
                  "exec \(bin) --clients 10000 --time-scale 0"])
        var firstFrame: Double?
        var loaded: Double?
        while Date().timeIntervalSince(start) < 60, loaded == nil {
            let screen = tmux(["capture-pane", "-p", "-t", "b"])
            if firstFrame == nil, screen.contains("WhatsApp Accounts") { firstFrame = Date().timeIntervalSince(start) * 1000 }
            if screen.contains("checked") { loaded = Date().timeIntervalSince(start) * 1000 } // the header after the first poll
            usleep(5_000)
        }
        record("tui: first frame after start (release, in tmux)", budgetMs: 300, firstFrame ?? .infinity)
        rows.append(Row(name: "tui: 10,000 clients (~48,000 channels) loaded and shown", budget: "(reported)", measured: loaded.map { "\(fmt($0)) ms" } ?? "timeout", ok: loaded != nil))
        let pid = tmux(["list-panes", "-t", "b", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        sleep(4)
        let rss = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("VmRSS") }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        rows.append(Row(name: "tui: resident memory, 10,000 clients (~48,000 channels), sandbox in the same process", budget: "≤ 150 MB",
                        measured: "\(rss / 1024) MB", ok: rss > 0 && rss <= 150 * 1024))
        rows.append(Row(name: "tui: resident memory, the TUI alone (data from `sandbox serve` over HTTP)", budget: "≤ 150 MB",
                        measured: remoteRSS(bin).map { "\($0 / 1024) MB" } ?? "timeout", ok: (remoteRSS(bin) ?? .max) <= 150 * 1024))

        _ = tmux(["pipe-pane", "-o", "-t", "b", "cat >> \(out)"])
        let cpu0 = cpuTicks(pid)
        let idleSeconds: UInt32 = 10
        sleep(idleSeconds)
        let cpu1 = cpuTicks(pid)
        _ = tmux(["pipe-pane", "-t", "b"])
        let bytes = fileSize(out)
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let cpuPct = Double(cpu1 - cpu0) / hz / Double(idleSeconds) * 100
        // Idle draws only the header's "checked HH:MM:SS" after each poll (issue 26: the last
        // poll is shown, not the last change): about 37 bytes every 3 s on the sandbox.
        let headerOnly = 40 * (Int(idleSeconds) / 3 + 1)
        rows.append(Row(name: "tui: bytes drawn in \(idleSeconds) s idle (the header's check time only)", budget: "≤ \(headerOnly)", measured: "\(bytes)", ok: bytes <= headerOnly))
        rows.append(Row(name: "tui: CPU while idle (sandbox polls every 3 s)", budget: "near 0", measured: String(format: "%.1f %%", cpuPct), ok: cpuPct < 5))

        // The same with the export dialog open: a dialog that waits for the agent draws nothing.
        _ = tmux(["send-keys", "-t", "b", "e"])
        sleep(1)
        let outDialog = out + "-dialog"
        _ = tmux(["pipe-pane", "-o", "-t", "b", "cat >> \(outDialog)"])
        let d0 = cpuTicks(pid)
        sleep(idleSeconds)
        let d1 = cpuTicks(pid)
        _ = tmux(["pipe-pane", "-t", "b"])
        let dialogBytes = fileSize(outDialog)
        let dialogCpu = Double(d1 - d0) / hz / Double(idleSeconds) * 100
        let shown = tmux(["capture-pane", "-p", "-t", "b"]).contains("Export all accounts as CSV")
        rows.append(Row(name: "tui: bytes drawn in \(idleSeconds) s idle with a dialog open (the header's check time only)", budget: "≤ \(headerOnly)",
                        measured: shown ? "\(dialogBytes)" : "dialog did not open", ok: shown && dialogBytes <= headerOnly))
        rows.append(Row(name: "tui: CPU while idle with a dialog open", budget: "near 0", measured: String(format: "%.1f %%", dialogCpu), ok: dialogCpu < 5))
    }

    /// RSS of the TUI when the 50,000 channels come from a separate `sandbox serve`.
    nonisolated(unsafe) static var remoteRSSCache: Int??

    static func remoteRSS(_ bin: String) -> Int? {
        if let cached = remoteRSSCache { return cached }
        let sock = "ph-bench-remote-\(getpid())"
        func tmux(_ args: [String]) -> String { shell(["/usr/bin/tmux", "-L", sock] + args) }
        defer { _ = tmux(["kill-server"]) }
        _ = tmux(["-f", "/dev/null", "new-session", "-d", "-s", "srv", "-x", "120", "-y", "10",
                  "exec \(bin) sandbox serve --port 18361 --clients 10000 --time-scale 0"])
        // A data folder of its own: a snapshot cached by an earlier run must not change the figure.
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("ph-bench-data-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        _ = tmux(["new-session", "-d", "-s", "ui", "-x", "200", "-y", "60",
                  "PARTNERHUB_API_KEY=sandbox-key XDG_DATA_HOME=\(data) exec \(bin) --api-base http://127.0.0.1:18361/api/v2 --partner-id sandboxPA"])
        let start = Date()
        var result: Int?
        while Date().timeIntervalSince(start) < 90 {
            if tmux(["capture-pane", "-p", "-t", "ui"]).contains("checked") {
                sleep(4) // the first snapshot's database save and the trim after it
                let pid = tmux(["list-panes", "-t", "ui", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
                result = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))?.split(separator: "\n")
                    .first { $0.hasPrefix("VmRSS") }.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") }
                break
            }
            usleep(100_000)
        }
        remoteRSSCache = .some(result)
        return result
    }

    static func cpuTicks(_ pid: String) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) // utime, stime
    }

    /// Runs a command with every fd above 2 closed (tmux's server must not hold our pipes).
    static func shell(_ argv: [String]) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("ph-sh-\(UUID().uuidString)").path
        let quoted = argv.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        p.arguments = ["-c", "for f in /proc/$$/fd/*; do n=${f##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done; \(quoted) > \(outFile) 2>/dev/null"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try? p.run()
        p.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: outFile) }
        return (try? String(contentsOfFile: outFile, encoding: .utf8)) ?? ""
    }
}
