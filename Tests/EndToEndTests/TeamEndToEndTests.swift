import Foundation
import Testing

/// The team setup as people run it: `sandbox serve`, two `partnerhub serve` on one
/// PostgreSQL (PARTNERHUB_TEST_POSTGRES), three `watch --database` and a TUI in tmux.
@Suite(.serialized, .tags(.e2e, .postgres), .enabled(if: ProcessInfo.processInfo.environment["PARTNERHUB_TEST_POSTGRES"]?.isEmpty == false,
                            "PARTNERHUB_TEST_POSTGRES is not set: start one with `scripts/team-postgres.sh start` and export the URL it prints"))
struct TeamEndToEndTests {
    /// A database of its own on the test server (psql comes with the server's packages).
    static func freshDatabase() throws -> String {
        let admin = ProcessInfo.processInfo.environment["PARTNERHUB_TEST_POSTGRES"] ?? ""
        let name = "ph_e2e_\(UUID().uuidString.prefix(8).lowercased())"
        let r = try Binary.run([admin, "-q", "-c", "CREATE DATABASE \(name)"], executable: "/usr/bin/psql", timeout: 20)
        #expect(r.status == 0, "psql: \(r.stderr)")
        guard let slash = admin.range(of: "/", options: .backwards), admin[..<slash.lowerBound].contains("@") else { return admin }
        return admin[..<slash.lowerBound] + "/" + name
    }

    static func lines(_ r: Running) -> [String] {
        r.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("{") }
    }

    /// "id|text" of each JSON notification line.
    static func notes(_ r: Running) -> [String] {
        lines(r).compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = o["id"] as? String, let text = o["text"] as? String else { return nil }
            return "\(id)|\(text)"
        }
    }

    @Test func killThePollerTheStandbyTakesOverAndEveryWatchSeesTheSameOrder() throws {
        let db = try Self.freshDatabase()
        let (sandbox, base) = try Running.sandbox(["--clients", "30", "--time-scale", "30"])
        defer { sandbox.stop() }
        let env = ["PARTNERHUB_API_KEY": "sandbox-key", "PARTNERHUB_PARTNER_ID": "sandboxPA", "PARTNERHUB_API_BASE": base]
        let a = try Running(["serve", "--interval", "2", "--database", db], env: env)
        defer { a.stop() }
        #expect(a.wait(20) { $0.stderr.contains("serve: polling") }, "A: \(a.stderr)")
        let b = try Running(["serve", "--interval", "2", "--database", db], env: env)
        defer { b.stop() }
        #expect(b.wait(20) { $0.stderr.contains("standing by") }, "B: \(b.stderr)")

        let watches = try (0..<3).map { _ in try Running(["watch", "--json", "--database", db], env: env) }
        defer { for w in watches { w.stop() } }
        for w in watches { #expect(w.wait(20) { $0.stderr.contains("watching") }, "watch: \(w.stderr)") }
        #expect(watches[0].wait(30) { Self.notes($0).count >= 3 }, "notifications arrive: \(watches[0].stderr)")

        // The poller dies without a word; its session (and the lock) ends with it.
        kill(a.process.processIdentifier, SIGKILL)
        let killed = Date()
        #expect(b.wait(10) { $0.stderr.contains("serve: polling") }, "B never took over: \(b.stderr)")
        let tookOver = Date().timeIntervalSince(killed)
        print("team e2e: the standby polled \(String(format: "%.2f", tookOver)) s after the leader was killed (interval 2 s)")
        #expect(tookOver < 2, "B took over after \(tookOver) s; the interval is 2 s")
        let before = Self.notes(watches[0]).count
        #expect(watches[0].wait(30) { Self.notes($0).count > before + 2 }, "B's notifications reach the agents")
        Thread.sleep(forTimeInterval: 3)
        for w in watches { w.stop() }
        // A signal stops the poller at once (its LISTEN must not keep it alive).
        b.process.terminate()
        let stopping = Date()
        while b.process.isRunning && Date().timeIntervalSince(stopping) < 5 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!b.process.isRunning, "serve still runs 5 s after SIGTERM")
        if b.process.isRunning { kill(b.process.processIdentifier, SIGKILL) }

        // Nothing twice; the same notifications in the same order (from the one that started
        // last, whose first line the others also have).
        let seen = watches.map(Self.notes)
        for s in seen { #expect(Set(s).count == s.count, "repeated: \(s.count - Set(s).count) of \(s.count)") }
        guard let latest = seen.max(by: { ($0.first.flatMap { f in seen[0].firstIndex(of: f) } ?? 0) < ($1.first.flatMap { f in seen[0].firstIndex(of: f) } ?? 0) }),
              let first = latest.first else { Issue.record("no notifications"); return }
        for s in seen {
            guard let start = s.firstIndex(of: first) else { Issue.record("\(first) missing from a watch"); continue }
            let mine = Array(s[start...]), n = min(mine.count, latest.count)
            #expect(n > 0 && Array(mine.prefix(n)) == Array(latest.prefix(n)), "the order differs")
        }
    }

    /// The TUI on the team's data: the same screen, its numbers from the poller.
    @Test func theTUIShowsThePollersData() throws {
        let db = try Self.freshDatabase()
        let (sandbox, base) = try Running.sandbox(["--clients", "10"])
        defer { sandbox.stop() }
        let env = ["PARTNERHUB_API_KEY": "sandbox-key", "PARTNERHUB_PARTNER_ID": "sandboxPA", "PARTNERHUB_API_BASE": base]
        let poller = try Running(["serve", "--interval", "2", "--database", db], env: env)
        defer { poller.stop() }
        #expect(poller.wait(20) { $0.stderr.contains("serve: polling") })
        let count = try #require((try? JSONSerialization.jsonObject(with: Data(curl(["--header", "X-API-Key: sandbox-key", "\(base)/partners/sandboxPA/channels?limit=1"]).utf8)) as? [String: Any])?["total"] as? Int)
        let tui = try TmuxSession(width: 120, height: 40, command: "'\(Binary.path)' --database '\(db)'", env: env)
        let screen = tui.waitFor("numbers", timeout: 30) { $0.contains("\(count) numbers") && $0.contains("Team mode") }
        #expect(screen != nil, "\(tui.screen())")
        #expect(screen?.contains("\(count) numbers") == true, "\(count) numbers: \(tui.screen())")
        try tui.keys("q")
    }

    /// A deployment as its administrator sets it up: `team init`, a poller's and an agent's
    /// login, the agent's `watch` on the data the poller's login wrote; what a role may not do
    /// is one clear line with exit 1; a bad name is a usage error.
    @Test func teamInitAndAgentsAsTheAdministratorRunsThem() throws {
        let db = try Self.freshDatabase()
        let initialized = try Binary.run(["team", "init", "--database", db], timeout: 30)
        #expect(initialized.status == 0 && initialized.stdout.contains("is set up"), "\(initialized.stdout)\(initialized.stderr)")
        let again = try Binary.run(["team", "init", "--database", db], timeout: 30)
        #expect(again.status == 0, "init runs again: \(again.stderr)")
        let agent = try Binary.run(["team", "add-agent", "e2e_ana", "--database", db], timeout: 30)
        #expect(agent.status == 0 && agent.stdout.contains("partnerhub_agent") && agent.stdout.contains("\\password"), "\(agent.stdout)\(agent.stderr)")
        let poller = try Binary.run(["team", "add-poller", "e2e_poller", "--database", db], timeout: 30)
        #expect(poller.status == 0 && poller.stdout.contains("partnerhub_poller"), "\(poller.stdout)\(poller.stderr)")
        let bad = try Binary.run(["team", "add-agent", "ana; DROP TABLE audit_log", "--database", db], timeout: 30)
        #expect(bad.status == 2 && bad.stderr.contains("a role name is"), "\(bad.stderr)")

        func as_(_ role: String) -> String { db.replacingOccurrences(of: "postgres://postgres@", with: "postgres://\(role)@") }
        let refused = try Binary.run(["team", "add-agent", "e2e_ben", "--database", as_("e2e_ana")], timeout: 30)
        #expect(refused.status == 1 && refused.stderr.contains("run this as the role that owns"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)

        let (sandbox, base) = try Running.sandbox(["--clients", "10", "--time-scale", "0"])
        defer { sandbox.stop() }
        let env = ["PARTNERHUB_API_KEY": "sandbox-key", "PARTNERHUB_PARTNER_ID": "sandboxPA", "PARTNERHUB_API_BASE": base]
        // The agent's watch starts before the poller has written anything: it says it waits,
        // then what it watches once the first snapshot is there (it said nothing more, CI 2026-12-04).
        let watch = try Running(["watch", "--json", "--database", as_("e2e_ana")], env: env)
        defer { watch.stop() }
        #expect(watch.wait(20) { $0.stderr.contains("Waiting for partnerhub serve to write its first snapshot") }, "\(watch.stderr)")
        let serve = try Running(["serve", "--interval", "2", "--database", as_("e2e_poller")], env: env)
        defer { serve.stop() }
        #expect(serve.wait(20) { $0.stderr.contains("serve: polling") }, "the poller's login polls: \(serve.stderr)")
        #expect(watch.wait(30) { $0.stderr.contains("watching ") }, "the agent's login reads: \(watch.stderr)")
        #expect(!watch.stderr.contains("permission denied"), "\(watch.stderr)")
    }

}

/// Without a PostgreSQL: what the commands say about the team's database.
@Suite(.tags(.e2e)) struct TeamCommandLineTests {
    @Test func infoNamesTheDatabaseWithoutItsPasswordAndServeNeedsOne() throws {
        let info = try Binary.run(["info"], env: ["PARTNERHUB_DATABASE_URL": "postgres://agent:s3cret@db.example:5432/hub"])
        #expect(info.stdout.contains("postgres://agent@db.example:5432/hub"), "\(info.stdout)")
        #expect(!info.stdout.contains("s3cret") && !info.stderr.contains("s3cret"))
        let serve = try Binary.run(["serve"])
        #expect(serve.status == 2 && serve.stderr.contains("serve needs the team's database"), "\(serve.stderr)")
        let bad = try Binary.run(["watch", "--database", "mysql://x@y/z"])
        #expect(bad.status == 2 && bad.stderr.contains("postgres://"), "\(bad.stderr)")
    }
}
