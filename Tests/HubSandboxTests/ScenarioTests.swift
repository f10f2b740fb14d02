import Foundation
import Testing
import HubCore
@testable import HubSandbox

@Suite struct ScenarioTests {
    static var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/scenario.json").path
    }

    func scenarioEngine() throws -> SandboxEngine {
        var c = SandboxConfig()
        c.scenario = try SandboxScenario.load(path: Self.examplePath)
        c.reference = reference
        return SandboxEngine(config: c, time: ManualTime(reference + 3600).source)
    }

    @Test func loadsTheDocumentedExampleExactly() async throws {
        let e = try scenarioEngine()
        #expect(try await e.partner().id == "scenarioPA")
        let clients = try await e.allClients()
        #expect(clients.map(\.id).sorted() == ["acmeCL", "minusCL", "nordCL", "tokyoCL"])
        #expect(clients.first { $0.id == "acmeCL" }?.organisation == "Acme, \"Shops\" GmbH")
        let channels = try await e.allChannels()
        #expect(channels.count == 8)
        let byId = Dictionary(uniqueKeysWithValues: channels.map { ($0.id, $0) })
        #expect(byId["acme1CH"]?.phoneNumberE164 == "+49301234567")
        #expect(byId["acme2CH"]?.hostingPlatform == .onPremise)
        #expect(byId["nord1CH"]?.lifecycle().kind == .pending)
        #expect(byId["nord2CH"]?.lifecycle() == .draft)
        #expect(byId["nord3CH"]?.lifecycle() == .pendingDeletion)
        #expect(await e.destinationPartners().map(\.id) == ["autoOkPA", "manualPA", "otherPayPA"])
    }

    /// The three worked examples of C7, through the sandbox's refund endpoint.
    @Test func refundExamplesHoldThroughTheSandbox() async throws {
        let e = try scenarioEngine()
        let eur = { (units: Int64) in Money(minorUnits: units * 100, currency: .eur) }
        #expect(try await e.requestRefund(channelId: "acme1CH", idempotencyKey: "1").amount == eur(55))
        #expect(try await e.requestRefund(channelId: "acme2CH", idempotencyKey: "2").amount == eur(45))
        let r3 = try await e.requestRefund(channelId: "acme3CH", idempotencyKey: "3")
        #expect(r3.amount == eur(25) && r3.creditNoteInvoiceId == "INV-10")
        do {
            _ = try await e.requestRefund(channelId: "minus1CH", idempotencyKey: "4")
            Issue.record("negative balance refunded")
        } catch ServiceError.api(_, let body) {
            #expect(body.meta.developerMessage?.contains("add funds") == true)
        }
    }

    @Test func aBrokenScenarioNamesTheFileAndField() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json").path
        try Data(#"{"partner": {"id": "xPA"}, "clients": [{"name": "no id", "channels": []}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SandboxScenario.load(path: path)
            Issue.record("loaded a scenario without client id")
        } catch let e as SandboxScenario.ScenarioError {
            #expect(e.description.contains(path) && e.description.contains("clients[0].id"))
        }
    }
}

@Suite struct ScenarioMoneyTests {
    func write(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("money-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func channel(_ id: String, balance: String, payment: String) -> String {
        #"{"id": "\#(id)", "phone_number": "+49301234567\#(id.count)", "state": "live", "waba_account_id": "w\#(id)", "balance": "\#(balance)", "payments": [{"id": "p\#(id)", "invoice_id": "I", "amount": "\#(payment)", "paid_at": "2026-10-01T00:00:00Z"}]}"#
    }

    /// Two currencies in one number's money is a clear error at load, naming the channel.
    @Test func mixedCurrenciesInOneNumberAreRefusedAtLoad() throws {
        let path = try write(#"{"partner": {"id": "xPA"}, "clients": [{"id": "c", "payment_model": "direct", "channels": [\#(channel("a", balance: "5.00 EUR", payment: "10.00 USD"))]}]}"#)
        #expect(throws: SandboxScenario.ScenarioError.self) { try SandboxScenario.load(path: path) }
        do { _ = try SandboxScenario.load(path: path) } catch { #expect("\(error)".contains("channel a") && "\(error)".contains("EUR, USD")) }
        let bad = try write(#"{"partner": {"id": "xPA"}, "clients": [{"id": "c", "channels": [\#(channel("a", balance: "five euros", payment: "10.00 EUR"))]}]}"#)
        do { _ = try SandboxScenario.load(path: bad); Issue.record("loaded") } catch { #expect("\(error)".contains("balance: \"five euros\"")) }
    }

    /// Two numbers of one client billed in different currencies: the client balance is a clear
    /// 409, not a trap in the sum.
    @Test func aClientWithNumbersInTwoCurrenciesIsAClearError() async throws {
        let path = try write(#"{"partner": {"id": "xPA"}, "clients": [{"id": "c", "payment_model": "direct", "channels": [\#(channel("a", balance: "5.00 EUR", payment: "10.00 EUR")), \#(channel("bb", balance: "7.00 USD", payment: "10.00 USD"))]}]}"#)
        var c = SandboxConfig()
        c.scenario = try SandboxScenario.load(path: path)
        c.reference = reference
        let e = SandboxEngine(config: c, time: ManualTime(reference + 3600).source)
        do {
            _ = try await e.clientBalance(clientId: "c", period: .currentMonth)
            Issue.record("summed two currencies")
        } catch ServiceError.api(let status, let body) {
            #expect(status == 409 && body.meta.developerMessage?.contains("EUR, USD") == true)
        }
        #expect(try await e.funds(channelId: "a").balance == Money(minorUnits: 500, currency: .eur))
    }
}
