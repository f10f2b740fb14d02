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
        #expect(clients.map(\.id).sorted() == ["acmeCL", "minusCL", "nordCL"])
        #expect(clients.first { $0.id == "acmeCL" }?.organisation == "Acme, \"Shops\" GmbH")
        let channels = try await e.allChannels()
        #expect(channels.count == 7)
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
