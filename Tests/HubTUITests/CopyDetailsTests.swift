import Foundation
import HubCore
import Testing
@testable import HubTUI

/// Copy details (`y`, Features/CopyDetails): the selected number's facts for a ticket, people
/// first, copied only when the agent allowed OSC 52.
@Suite struct CopyDetailsTests {
    func press(_ key: String, _ s: inout AppState) -> [Effect] {
        KeyRouter.route(Key(key), state: s, context: Fixtures.context).flatMap { reduce(&s, $0) }
    }

    @Test func yCopiesTheSelectedNumbersDetails() throws {
        let env = AppEnvironment(agent: "agent", workingDirectory: "/tmp", sessionId: "t", timeZone: TimeZone(identifier: "UTC")!, clipboard: true)
        var s = Fixtures.state(environment: env)
        let record = try #require(s.selectedRecord)
        let effects = press("y", &s)
        guard case .copyToClipboard(let text)? = effects.first else { Issue.record("nothing copied: \(effects)"); return }
        let lines = text.value.split(separator: "\n").map(String.init)
        #expect(lines.first == "Number: \(record.phone)", "people first")
        for expected in ["Company legal name: \(record.company)", "Status: ", "Hosting Platform Type: ", "Channel ID: \(record.id)",
                         "Client ID: \(record.channel.resolvedClientId ?? "?")", "Partner: "] {
            #expect(lines.contains { $0.hasPrefix(expected) }, "\(expected) in \(lines)")
        }
        #expect(s.notifications.flash?.text.contains("Copied the details of \(record.phone)") == true)
    }

    @Test func offUnlessAllowedAndSaysHow() {
        var s = Fixtures.state()
        #expect(press("y", &s).isEmpty, "nothing goes to the terminal")
        #expect(s.notifications.flash?.text.contains("osc52_clipboard = true") == true)
    }
}

/// The key router has a `default` for commands its descriptor routes (a workflow or one action):
/// every command must still do something on a loaded screen, or a key would be silently dead.
@Suite struct EveryCommandTests {
    @Test func everyCommandDoesSomething() {
        let s0 = Fixtures.state()
        for command in Command.allCases {
            var s = s0
            // Context the command needs: details open for tab and pane commands.
            if [.nextPane, .nextTab, .previousTab, .tab1, .tab2, .tab3, .tab4].contains(command) { _ = reduce(&s, .details(.open)) }
            if command == .back { _ = reduce(&s, .filter(.set("x"))) }
            let actions = KeyRouter.run(command, state: s, context: Fixtures.context)
            #expect(!actions.isEmpty, "\(command.rawValue) does nothing")
        }
    }
}
