import Foundation
import Testing

@Suite(.serialized) struct TUITests {
    /// Start on the sandbox, filter to one number, open details, read Hosting Platform Type,
    /// switch tabs, open help and palette, resize 200x60 -> 30x10 -> back, quit; the terminal is restored.
    @Test func agentSession() throws {
        let t = try TmuxSession(width: 200, height: 60, command: "\(Binary.path) --seed 4")
        let first = try #require(t.waitFor("updated"), Comment(rawValue: "the main screen did not come up:\n\(t.screen())"))
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

    @Test func sigtermRestoresTheTerminal() throws {
        let t = try TmuxSession(width: 100, height: 30, command: "\(Binary.path) --seed 2 & pid=$!; sleep 2; kill -TERM $pid; wait $pid")
        let after = try #require(t.waitFor("EXIT=") { $0.contains("EXIT=") }, Comment(rawValue: t.screen()))
        #expect(!after.contains("WhatsApp Accounts"))
    }

    @Test func notATerminalIsAClearError() throws {
        let r = try Binary.run(["--seed", "1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("needs a terminal") && r.stderr.contains("partnerhub channels"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        let unknown = try TmuxSession(width: 80, height: 24, command: "TERM=nonsense-term \(Binary.path)")
        let s = try #require(unknown.waitFor("EXIT=2"), Comment(rawValue: unknown.screen()))
        #expect(s.contains("unknown terminal type TERM=nonsense-term"))
    }
}
