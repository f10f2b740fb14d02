import Foundation
import Testing
import HubCore
import HubLive
import HubSandbox
@testable import HubTUI

/// One interpreter for every effect (issue 27): the screen's own effects go to its host, the
/// rest are performed and answered with actions; none is left to a second switch.
@Suite struct EffectRunnerTests {
    @MainActor final class RecordingHost: EffectHost {
        var calls: [String] = []
        func quit() { calls.append("quit") }
        func exportCSV(path: String, overwrite: Bool, dialog: Int) { calls.append("export \(path) \(overwrite) \(dialog)") }
        func setTheme(_ name: String) { calls.append("theme \(name)") }
        func copyToClipboard(_ text: String) { calls.append("copy \(text)") }
        func redraw() { calls.append("redraw") }
    }

    @MainActor @Test func theScreensOwnEffectsGoToItsHostAndTheRestAnswerWithActions() async {
        let engine = SandboxEngine(config: SandboxConfig())
        let runner = EffectRunner(service: engine, source: LiveFeed(service: engine, settings: .sandbox),
                                  operations: OperationPipeline(service: engine, database: nil, connection: "t", agent: "t"))
        let host = RecordingHost()
        for effect: Effect in [.quit, .exportCSV(path: "/tmp/a.csv", overwrite: true, dialog: 3), .setTheme("mono"),
                               .copyToClipboard(Secret("text")), .redraw] {
            #expect(await runner.perform(effect, host: host).isEmpty)
        }
        #expect(host.calls == ["quit", "export /tmp/a.csv true 3", "theme mono", "copy text", "redraw"])
        let users = await runner.perform(.loadUsers, host: host)
        guard case .usersLoaded(let list)? = users.first else { Issue.record("\(users)"); return }
        #expect(!list.isEmpty && host.calls.count == 5, "the API's effects do not touch the host")
    }
}
