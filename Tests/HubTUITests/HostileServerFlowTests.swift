import ForeignServer
import Foundation
import HubAPI
import HubCore
import HubSandbox
import Testing
@testable import HubTUI

/// The real app in process against the hostile server (not the sandbox): escapes never reach
/// the screen, endless pages end in a clear state, a refused key stops polling, all in bounded time.
@Suite(.serialized) @MainActor struct HostileServerFlowTests {
    func service(_ server: ForeignPartnerServer, key: String = ForeignPartnerServer.apiKey) -> HTTPPartnerService {
        var config = APIConfiguration(baseURL: server.baseURL, partnerId: ForeignPartnerServer.partnerId, credentials: .apiKey(key))
        config.timeout = 5
        config.backoffBase = 0.01
        config.maxAttempts = 2
        return HTTPPartnerService(config: config)
    }

    @Test func escapesInEveryStringNeverReachTheScreen() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        server.set(.escapes)
        let h = try Harness(service: service(server))
        defer { Task { await h.stop() } }
        let screen = await h.waitFor("checked", timeout: 20)
        #expect(screen.contains("pwned") || screen.contains("evil"), "the hostile names are shown, made harmless")
        let bad = h.terminal.screen.text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E || $0.value == 0x2028 }
        #expect(bad.isEmpty, "\(bad.map { String($0.value, radix: 16) })")
        await h.press("enter")
        let details = await h.waitFor("Hosting Platform Type", timeout: 10)
        #expect(!details.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B })
    }

    @Test func endlessPagesEndInAClearState() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        server.set(.endlessPages)
        let started = Date()
        let h = try Harness(service: service(server))
        defer { Task { await h.stop() } }
        let screen = await h.waitFor("kept sending pages", timeout: 60) { $0.contains("backing off") }
        #expect(screen.contains("backing off"), "\(screen.prefix(300))")
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func aRefusedKeyStopsPollingAndSaysSo() async throws {
        let server = try await ForeignPartnerServer.start()
        defer { server.stop() }
        server.set(.escapes)
        let h = try Harness(service: service(server, key: "revoked"))
        defer { Task { await h.stop() } }
        let screen = await h.waitFor("Not connected", timeout: 20)
        #expect(screen.contains("Credentials rejected"))
        #expect(!screen.unicodeScalars.contains { $0.value == 0x1B })
        let asked = server.requests("/api/v2/partners/")
        try await Task.sleep(nanoseconds: 3_000_000_000)
        #expect(server.requests("/api/v2/partners/") == asked, "stopped: nothing more is asked")
    }
}

/// A client whose numbers hold money in two currencies (a scenario, or a real partner): the TUI
/// neither traps nor sums them; the client's balance is marked unavailable with the reason.
@Suite(.serialized) @MainActor struct MixedCurrencyFlowTests {
    @Test func aClientInTwoCurrenciesIsShownNotSummed() async throws {
        let path = NSTemporaryDirectory() + "mixed-\(UUID().uuidString).json"
        let text = #"{"partner": {"id": "xPA"}, "clients": [{"id": "mixCL", "organisation": "Mixed Money GmbH", "payment_model": "direct", "channels": [{"id": "m1CH", "phone_number": "+4930111111", "state": "live", "waba_account_id": "mWA", "balance": "5.00 EUR"}, {"id": "m2CH", "phone_number": "+4930222222", "state": "live", "waba_account_id": "mWA", "balance": "7.00 USD"}]}]}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let h = try Harness(scenario: try SandboxScenario.load(path: path))
        defer { Task { await h.stop() } }
        // Each number shows its own money; the client's total, which would mix them, is refused.
        let screen = await h.waitFor("both balances", timeout: 20) { $0.contains("€5.00") && $0.contains("$7.00") }
        #expect(screen.contains("Mixed Money GmbH"))
        await h.press("enter", "tab", "pgdn") // the client's balance is below the fold at 120x40
        let details = await h.waitFor("not available: API", timeout: 10)
        #expect(details.contains("Balance                 not available"))
        #expect(h.app.state.clientErrors["mixCL"]?.contains("EUR, USD") == true, "the reason names the currencies")
    }
}
