import Foundation
import Testing
@testable import HubCore
@testable import HubTUI
import HubLive

/// Generate API key (reference §7) and the messaging health of the number behind a key
/// (C15, C16): the reducer's rules, golden frames, and the operation against the sandbox.
@Suite struct APIKeyReducerTests {
    func key(_ s: inout AppState, _ keys: EditKey...) { for k in keys { _ = reduce(&s, .dialog(.key(k))) } }

    static func state(clipboard: Bool = false, readOnly: Bool = false, size: (Int, Int) = (120, 40)) -> (AppState, String) {
        var env = Fixtures.environment
        env.clipboard = clipboard
        let w = Fixtures.world()
        var s = AppState(mode: .sandbox, readOnly: readOnly, now: Fixtures.now, environment: env)
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        _ = reduce(&s, .snapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: w.channelList(), asOf: Fixtures.now, fromCache: false))
        let running = s.visible.first { id in
            let r = s.records[id]!
            return r.channel.integration?.isRunning == true && r.channel.terminatedAt == nil && r.channel.hostingPlatform == .cloudAPI
        }!
        _ = reduce(&s, .grid(.select(channelId: running)))
        return (s, running)
    }

    @Test func aNumberThatIsNotRunningGetsNoKey() {
        var (s, _) = Self.state()
        let idle = s.visible.first { s.records[$0]?.channel.integration?.isRunning != true }!
        _ = reduce(&s, .grid(.select(channelId: idle)))
        _ = reduce(&s, .open(.generateAPIKey))
        #expect(s.dialogs.top?.isOwned(by: MessageDialog.self) == true)
        guard case .message(let lines)? = s.dialogs.top?.body else { Issue.record("no message"); return }
        #expect(lines.contains { $0.contains("only for a running number") })
    }

    @Test func generatingIsTypedToConfirmAndTheKeyIsShownOnceMasked() {
        var (s, id) = Self.state()
        _ = reduce(&s, .open(.generateAPIKey))
        guard case .confirm(let c)? = s.dialogs.top?.body, let request = s.dialogs.top?.owned(by: MutationConfirm.self)?.request else { Issue.record("no confirm"); return }
        #expect(request.mutation == .generateAPIKey(channelId: id))
        #expect(c.typeToConfirm == s.records[id]!.phone && c.message.contains { $0.contains("revokes every existing key") })
        key(&s, .insert(String(s.records[id]!.phone.suffix(4))), .enter)
        #expect(s.dialogs.top?.working != nil)
        _ = reduce(&s, .dialog(.mutationSettled(request, .succeeded("API key 1 generated (shown once, not kept)"))))
        #expect(s.dialogs.isEmpty)
        _ = reduce(&s, .apiKeyReady(channelId: id, Secret("abcdefghijklmnopqrstuvwxyz012345"), address: "https://waba-v2.360dialog.io"))
        #expect(s.dialogs.top?.owned(by: APIKeyShown.self)?.channelId == id && s.dialogs.top?.secret?.revealed == false)
        // Never in a description: a state dump or a log line shows bullets.
        #expect(!String(describing: s.dialogs.top!).contains("abcdefghij") && !String(reflecting: Secret("abcdefghij")).contains("abcdefghij"))
        key(&s, .insert("v"))
        #expect(s.dialogs.top?.secret?.revealed == true)
        // Copy is off by default: it says how to turn it on and copies nothing.
        #expect(reduce(&s, .dialog(.key(.insert("c")))).isEmpty)
        #expect(s.dialogs.top?.notice?.text.contains("osc52_clipboard") == true)
        // h checks the number's health with this key, at once.
        let effects = reduce(&s, .dialog(.key(.insert("h"))))
        guard case let .checkHealth(channelId, platform, apiKey, _)? = effects.first else { Issue.record("no health check"); return }
        #expect(channelId == id && platform == .cloudAPI && apiKey.value == "abcdefghijklmnopqrstuvwxyz012345")
        // Closing the dialogs (Esc hides the check in flight): the key is nowhere in the state any more.
        key(&s, .escape)
        key(&s, .enter)
        #expect(s.dialogs.isEmpty && !String(describing: s).contains("abcdefghijklmnop"))
    }

    @Test func copyWithOSC52WhenTurnedOn() {
        var (s, id) = Self.state(clipboard: true)
        _ = reduce(&s, .apiKeyReady(channelId: id, Secret("KEY-123"), address: nil))
        #expect(reduce(&s, .dialog(.key(.insert("c")))) == [.copyToClipboard(Secret("KEY-123"))])
        #expect(OSC52.sequence("KEY-123") == "\u{1B}]52;c;S0VZLTEyMw==\u{07}")
    }

    @Test func readOnlyCannotGenerate() {
        var (s, _) = Self.state(readOnly: true)
        #expect(reduce(&s, .open(.generateAPIKey)).isEmpty && s.dialogs.isEmpty)
    }

    @Test func theHealthResultSaysAgeTicketAndTheNumberBehindTheKey() {
        var (s, id) = Self.state()
        _ = reduce(&s, .open(.health))
        key(&s, .enter)
        #expect(s.dialogs.top?.form?["api_key"]?.error == "Paste the number's API key.")
        key(&s, .insert("secret-key"), .enter)
        guard s.dialogs.top?.isOwned(by: HealthResult.self) == true, let dialog = s.dialogs.top?.id else { Issue.record("no result dialog"); return }
        let phone = s.records[id]!.phone
        let blocked = MessagingHealth.cloud(CloudHealthStatus(canSendMessage: "BLOCKED", entities: [
            .init(entityType: "PHONE_NUMBER", id: id, canSendMessage: "BLOCKED", errors: [.init(errorCode: 1, errorDescription: "Restricted", possibleSolution: nil)])]))
        let report = HealthReport(platform: .cloudAPI, health: blocked, problem: nil, phoneNumber: "+10000000000",
                                  askedAt: Fixtures.now - 180, nextCheckAt: Fixtures.now + 120, fromCache: true)
        _ = reduce(&s, .healthChecked(dialog: dialog, channelId: id, report))
        guard case .message(let lines)? = s.dialogs.top?.body else { Issue.record("no lines"); return }
        #expect(lines.contains("Cloud API · can send messages: BLOCKED"))
        #expect(lines.contains { $0.contains("needs a support ticket") })
        #expect(lines.contains("Checked 3 min ago, next check possible in 2 min."))
        #expect(lines.contains("The key belongs to +10000000000, not to the selected \(phone)."))
        #expect(s.dialogs.top?.notice?.level == .error && s.dialogs.top?.working == nil)
    }
}

@Suite struct APIKeySnapshotTests {
    @Test(arguments: DialogSnapshotTests.sizes) func confirmKeyAndHealth(_ size: (Int, Int)) {
        var (s, id) = APIKeyReducerTests.state(size: size)
        let render = { Screen.render(s, width: size.0, height: size.1, context: Fixtures.context) }
        _ = reduce(&s, .open(.generateAPIKey))
        Golden.check(render(), "api-key-confirm-\(size.0)x\(size.1)")
        _ = reduce(&s, .dialog(.key(.escape)))
        _ = reduce(&s, .apiKeyReady(channelId: id, Secret("kHCwksdsdsMVYVx0doabaDyRLUQJUAK"), address: "https://waba-v2.360dialog.io"))
        Golden.check(render(), "api-key-shown-once-\(size.0)x\(size.1)")
        _ = reduce(&s, .dialog(.key(.insert("h"))))
        let dialog = s.dialogs.top!.id
        _ = reduce(&s, .healthChecked(dialog: dialog, channelId: id, HealthReport(
            platform: .cloudAPI, health: .cloud(CloudHealthStatus(canSendMessage: "AVAILABLE")), problem: nil,
            phoneNumber: s.records[id]!.phone, askedAt: Fixtures.now, nextCheckAt: Fixtures.now + 300, fromCache: false)))
        Golden.check(render(), "api-key-health-\(size.0)x\(size.1)")
    }
}

@Suite(.serialized) @MainActor struct APIKeyFlowTests {
    @Test func generateAKeyThenCheckTheNumbersHealthWithIt() async throws {
        let h = try Harness()
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        let id = try #require(h.app.state.visible.first { id in
            let r = h.app.state.records[id]!
            return r.channel.integration?.isRunning == true && r.channel.terminatedAt == nil && r.lifecycle == .live
                && h.app.state.clients[r.channel.resolvedClientId ?? ""]?.isDirectPayment == false
        })
        let phone = try #require(h.app.state.records[id]?.phone)
        await h.select(id)
        await h.press("K")
        await h.waitFor("Generate API key?")
        await h.type(String(phone.suffix(4)))
        await h.press("enter")
        var s = await h.waitFor("shown once")
        #expect(s.contains("Key  ••••"))
        await h.press("h")
        s = await h.waitFor("The key belongs to") { $0.contains("the selected number") }
        #expect(s.contains("can send messages: AVAILABLE") || s.contains("gateway connected"))
        #expect(s.contains("checked just now") || s.contains("Checked just now"))
        // The audit log has the operation, never the key.
        let audit = try h.database.auditLog()
        let row = try #require(audit.first { $0.action == "generate-api-key" })
        #expect(row.result?.contains("shown once") == true)
        let keys = await h.engine.issuedAPIKeys()
        #expect(!keys.isEmpty && !audit.contains { e in keys.contains { e.result?.contains($0) == true } })
    }
}
