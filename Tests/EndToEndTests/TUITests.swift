import Foundation
import Testing

@Suite(.serialized, .tags(.e2e)) struct TUITests {
    /// Start on the sandbox, filter to one number, open details, read Hosting Platform Type,
    /// switch tabs, open help and palette, resize 200x60 -> 30x10 -> back, quit; the terminal is restored.
    @Test func agentSession() throws {
        let t = try TmuxSession(width: 200, height: 60, command: "\(Binary.path) --seed 4")
        // "checked" and a card's number: the header can say "checked" a frame before the cards.
        let first = try #require(t.waitFor("checked") { $0.contains("checked") && $0.range(of: #"\+[0-9]{8,15}"#, options: .regularExpression) != nil },
                                 Comment(rawValue: "the main screen did not come up:\n\(t.screen())"))
        #expect(first.contains("WhatsApp Accounts") && first.contains("SANDBOX"))

        // The first card's number, then filter to it.
        let number = try #require(first.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: #"\+[0-9]{8,15}"#, options: .regularExpression) else { return nil }
            return String(line[r])
        }.first)
        try t.keys("/")
        try t.type(String(number.dropFirst()))
        try t.keys("Enter")
        let filtered = try #require(t.waitFor("1 of "), Comment(rawValue: "filter did not narrow to one number:\n\(t.screen())"))
        #expect(filtered.contains(number))

        try t.keys("Enter")
        let details = try #require(t.waitFor("Hosting Platform Type"), Comment(rawValue: t.screen()))
        let line = try #require(details.split(separator: "\n").first { $0.contains("Hosting Platform Type") })
        #expect(line.contains("Cloud API") || line.contains("On-premise"))

        try t.keys("3")
        #expect(t.waitFor("Insights & Billing") != nil)
        try t.keys("2")
        #expect(t.waitFor("Template Message Manager") != nil)
        try t.keys("4")
        #expect(t.waitFor("numbers the partner may manage") != nil)
        try t.keys("Escape")

        try t.keys("?")
        #expect(t.waitFor("Help · keys") != nil)
        try t.keys("Escape")
        try t.keys(":")
        #expect(t.waitFor("Commands") != nil)
        try t.keys("Escape")
        #expect(t.waitFor("WhatsApp Accounts") { !$0.contains("Commands") } != nil)

        try t.resize(30, 10)
        #expect(t.waitFor("Terminal too small") != nil, Comment(rawValue: t.screen()))
        try t.resize(200, 60)
        #expect(t.waitFor("WhatsApp Accounts") { $0.contains("WhatsApp Accounts") && !$0.contains("too small") } != nil)

        try t.keys("q")
        let after = try #require(t.waitFor("EXIT=0"), Comment(rawValue: "did not quit cleanly:\n\(t.screen())"))
        // Back on the normal screen: nothing of the UI is left.
        #expect(!after.contains("WhatsApp Accounts") && !after.contains("╭"))
    }

    /// The TUI in the foreground of the pane (a background job would have no terminal), killed
    /// with `signal` from a helper after `delay` seconds.
    func killedSession(_ signal: String, delay: Int = 3) throws -> TmuxSession {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("tui-\(UUID().uuidString).pid").path
        return try TmuxSession(width: 100, height: 30,
                               command: "(sleep \(delay); kill -\(signal) $(cat \(pidFile))) & sh -c 'echo $$ > \(pidFile); exec \(Binary.path) --seed 2'")
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try killedSession("TERM")
        _ = t.waitFor("checked")
        let after = try #require(t.waitFor("EXIT=") { $0.contains("EXIT=") }, Comment(rawValue: t.screen()))
        #expect(!after.contains("WhatsApp Accounts"))
        #expect(after.contains("EXIT=143"), "128 + SIGTERM: \(after)")
    }

    /// SIGHUP and Ctrl-\ (SIGQUIT) end the TUI like SIGTERM, with the shell's 128 + signal, the
    /// terminal restored and no runtime backtrace prompt over it.
    @Test(arguments: [("HUP", 129), ("QUIT", 131)]) func signalsExitWithTheirCode(_ signal: (String, Int)) throws {
        let t = try killedSession(signal.0)
        _ = try #require(t.waitFor("checked"), Comment(rawValue: t.screen()))
        let after = try #require(t.waitFor("EXIT=") { $0.contains("EXIT=") }, Comment(rawValue: t.screen()))
        #expect(after.contains("EXIT=\(signal.1)"), "\(after)")
        #expect(!after.contains("WhatsApp Accounts") && !after.contains("Crashed") && !after.contains("backtrace"), "\(after)")
    }

    /// Ctrl-\ typed at the keyboard (the terminal sends SIGQUIT to the foreground process).
    @Test func ctrlBackslashQuitsCleanly() throws {
        let t = try TmuxSession(width: 100, height: 30, command: "\(Binary.path) --seed 2")
        _ = try #require(t.waitFor("checked"), Comment(rawValue: t.screen()))
        try t.keys("C-\\")
        let after = try #require(t.waitFor("EXIT=") { $0.contains("EXIT=") }, Comment(rawValue: t.screen()))
        #expect(after.contains("EXIT=131") && !after.contains("Crashed"), "\(after)")
    }

    @Test func notATerminalIsAClearError() throws {
        let r = try Binary.run(["--seed", "1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("needs a terminal") && r.stderr.contains("partnerhub channels"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let unknown = try TmuxSession(width: 80, height: 24, command: "TERM=nonsense-term \(Binary.path)")
        let s = try #require(unknown.waitFor("EXIT=2"), Comment(rawValue: unknown.screen()))
        #expect(s.contains("unknown terminal type TERM=nonsense-term"))
        // Issue 26: TERM=dumb showed a blank screen; it refuses with one line pointing to the headless commands.
        let dumb = try TmuxSession(width: 100, height: 24, command: "TERM=dumb \(Binary.path)")
        let d = try #require(dumb.waitFor("EXIT=2"), Comment(rawValue: dumb.screen()))
        #expect(d.contains("TERM=dumb") && d.contains("headless commands"))
    }
}

@Suite(.serialized, .tags(.e2e)) struct RestartTests {
    /// The second start shows the last snapshot, marked cached, while the first poll is still
    /// waiting on a slow API.
    @Test func restartShowsTheLastSnapshotBeforeTheFirstPoll() throws {
        let port = 18400 + Int.random(in: 0..<500)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("ph-restart-\(UUID().uuidString)").path
        func serve(_ faults: String) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["sandbox", "serve", "--port", "\(port)", "--time-scale", "0", "--seed", "6", "--clients", "8", "--faults", faults]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: 0.7)
            return p
        }
        let ui = "\(Binary.path) --api-base http://127.0.0.1:\(port)/api/v2 --partner-id sandboxPA"
        let env = ["PARTNERHUB_API_KEY": "sandbox-key", "XDG_DATA_HOME": home + "/data"]

        let fast = try serve("off")
        do {
            let t = try TmuxSession(width: 120, height: 40, command: ui, env: env)
            #expect(t.waitFor("checked") != nil, Comment(rawValue: t.screen()))
            try t.keys("q")
            #expect(t.waitFor("EXIT=0") != nil)
        }
        fast.terminate()
        fast.waitUntilExit()

        let slow = try serve("latency=20s")
        // SIGKILL: a graceful stop would wait for the 20 s request in flight.
        defer { kill(slow.processIdentifier, SIGKILL); slow.waitUntilExit() }
        let t = try TmuxSession(width: 120, height: 40, command: ui, env: env)
        let screen = try #require(t.waitFor("(cached)", timeout: 8), Comment(rawValue: t.screen()))
        #expect(screen.contains("as of"))
        // Cards from the cache (a loaded machine can show the header before the rest of the frame).
        #expect(t.waitFor("╭", timeout: 5) != nil, Comment(rawValue: t.screen()))
        #expect(!t.screen().contains("checked")) // still the cache: the poll takes 20 s
        try t.keys("q")
        #expect(t.waitFor("EXIT=0") != nil)
    }
}

/// Issue 10 on the real binary in tmux: the partner change wizard to an auto-approving partner,
/// followed until the numbers leave the list.
@Suite(.serialized, .tags(.e2e)) struct PartnerChangeTmuxTests {
    @Test func autoApprovedPartnerChange() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = root.appendingPathComponent("docs/examples/scenario.json").path
        let t = try TmuxSession(width: 120, height: 40, command: "\(Binary.path) --scenario \(scenario)")
        _ = try #require(t.waitFor("checked"), Comment(rawValue: t.screen()))
        try t.keys("/")
        try t.type("acme1")
        try t.keys("Enter")
        _ = try #require(t.waitFor("1 of 8"), Comment(rawValue: t.screen()))
        try t.keys("c")
        _ = try #require(t.waitFor("Destination Partner ID"), Comment(rawValue: t.screen()))
        try t.type("autoOkPA")
        try t.keys("Enter")
        let review = try #require(t.waitFor("no per-number choice"), Comment(rawValue: t.screen()))
        #expect(review.contains("AutoConnect (autoOkPA)") && review.contains("+49307654321"))
        try t.keys("Enter")
        _ = try #require(t.waitFor("Submit Partner Change Request"), Comment(rawValue: t.screen()))
        try t.type("autoOkPA")
        try t.keys("Enter")
        let approved = try #require(t.waitFor("Approved", timeout: 30), Comment(rawValue: t.screen()))
        #expect(approved.contains("leave this partner's list"))
        try t.keys("Enter")
        // The three numbers of acmeWA are gone on the next poll: the filter finds nothing.
        _ = try #require(t.waitFor("No number matches", timeout: 30), Comment(rawValue: t.screen()))
        try t.keys("q")
        _ = try #require(t.waitFor("EXIT=0"), Comment(rawValue: t.screen()))
    }
}

/// Issue 10: the TUI killed (SIGKILL) in the middle of the wizard; started again, `c` reopens
/// the wizard on the step it was on, from the local database.
@Suite(.serialized, .tags(.e2e)) struct WizardResumeTmuxTests {
    @Test func killedMidWizardResumesOnItsStep() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scenario = root.appendingPathComponent("docs/examples/scenario.json").path
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("ph-resume-\(UUID().uuidString)").path
        let env = ["XDG_DATA_HOME": data]
        let first = try TmuxSession(width: 120, height: 40, command: "\(Binary.path) --scenario \(scenario) --time-scale 0", env: env)
        _ = try #require(first.waitFor("checked"), Comment(rawValue: first.screen()))
        try first.keys("/"); try first.type("acme2"); try first.keys("Enter")
        _ = try #require(first.waitFor("1 of 8"), Comment(rawValue: first.screen()))
        try first.keys("c")
        _ = try #require(first.waitFor("Destination Partner ID"), Comment(rawValue: first.screen()))
        try first.type("manualPA")
        try first.keys("Enter")
        _ = try #require(first.waitFor("no per-number choice"), Comment(rawValue: first.screen()))
        try first.keys("Enter")
        _ = try #require(first.waitFor("Submit Partner Change Request"), Comment(rawValue: first.screen()))
        // SIGKILL the app (the pane's shell stays and prints its exit status).
        let shell = try first.tmux(["list-panes", "-t", first.name, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let killed = try Binary.run(["-9", "-P", shell], executable: "/usr/bin/pkill")
        // The shell reports the kill ("Killed", then EXIT=137, which may wrap at the edge).
        _ = try #require(first.waitFor("Killed"), Comment(rawValue: "pane \(shell), pkill \(killed.status) \(killed.stderr)\n" + first.screen()))

        let second = try TmuxSession(width: 120, height: 40, command: "\(Binary.path) --scenario \(scenario) --time-scale 0", env: env)
        _ = try #require(second.waitFor("checked"), Comment(rawValue: second.screen()))
        try second.keys("/"); try second.type("acme2"); try second.keys("Enter")
        _ = try #require(second.waitFor("1 of 8"), Comment(rawValue: second.screen()))
        try second.keys("c")
        let resumed = try #require(second.waitFor("Resumed where you left it"), Comment(rawValue: second.screen()))
        #expect(resumed.contains("Submit Partner Change Request") && resumed.contains("Type manualPA to confirm"))
        // q would be typed into the confirm's field: Esc leaves the wizard (kept), then q quits.
        try second.keys("Escape")
        try second.keys("q")
    }
}

/// Issue 26: the mouse through a real terminal (tmux relays the reports): a click selects, a
/// double click opens details; `[ui] mouse = false` never asks the terminal for reports, and
/// quitting gives the terminal back without them.
@Suite(.serialized, .tags(.e2e)) struct MouseEndToEndTests {
    func mouseFlag(_ t: TmuxSession) -> String {
        ((try? t.tmux(["display", "-p", "-t", t.name, "#{mouse_any_flag}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func config(_ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ph-mouse-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/partnerhub", withIntermediateDirectories: true)
        try text.write(toFile: dir + "/partnerhub/config.toml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func clickAndDoubleClickInTmux() throws {
        let t = try TmuxSession(width: 120, height: 40, command: "\(Binary.path) --seed 4", env: ["XDG_CONFIG_HOME": try config("[ui]\ntheme = \"default\"\n")])
        _ = try #require(t.waitFor("checked") { $0.contains("checked") && $0.contains("1/") }, Comment(rawValue: t.screen()))
        #expect(mouseFlag(t) == "1", "the terminal is asked for mouse reports")
        // The second card of the first row (columns 41-79, rows 3-9 counted from 1).
        try t.type("\u{1B}[<0;50;5M\u{1B}[<0;50;5m")
        #expect(t.waitFor("2/") { $0.contains(" 2/") } != nil, Comment(rawValue: t.screen()))
        try t.type("\u{1B}[<0;50;5M\u{1B}[<0;50;5m\u{1B}[<0;50;5M\u{1B}[<0;50;5m")
        #expect(t.waitFor("Hosting Platform Type") != nil, Comment(rawValue: t.screen()))
        try t.keys("q")
        #expect(t.waitFor("EXIT=0") != nil)
        #expect(mouseFlag(t) == "0", "quitting turns the reports off")
    }

    @Test func mouseOffInTheConfigAsksForNothing() throws {
        let t = try TmuxSession(width: 120, height: 40, command: "\(Binary.path) --seed 4", env: ["XDG_CONFIG_HOME": try config("[ui]\nmouse = false\n")])
        _ = try #require(t.waitFor("checked"), Comment(rawValue: t.screen()))
        #expect(mouseFlag(t) == "0")
        try t.keys("q")
        #expect(t.waitFor("EXIT=0") != nil)
    }
}
