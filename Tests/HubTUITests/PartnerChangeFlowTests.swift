import Foundation
import Testing
import HubCore
import HubSandbox
@testable import HubTUI

/// P1..P4 through the real app on the example scenario: validation as typed, the lookup, a
/// destination with another payment processor, then an auto-approving partner followed to the end.
@Suite(.serialized) @MainActor struct PartnerChangeFlowTests {
    @Test func wizardFromDestinationToApproval() async throws {
        // Sandbox time runs an hour per second: the auto-approval (a minute) comes at once.
        let h = try Harness(scenario: try Harness.exampleScenario(), timeScale: 3600)
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme1CH")
        await h.press("c")
        var s = await h.waitFor("Destination Partner ID")
        #expect(s.contains("Change partner · Acme") && s.contains("(acmeWA)") && s.contains("Destination"))
        await h.type("xyz")
        await h.press("enter")
        await h.waitFor("letters and digits ending in PA")
        await h.press("ctrl-u")
        await h.type("scenarioPA")
        await h.press("enter")
        await h.waitFor("already the current partner")
        await h.press("ctrl-u")
        await h.type("nopeXPA")
        await h.press("enter")
        await h.waitFor("No partner has the ID nopeXPA")
        await h.press("ctrl-u")
        await h.type("otherPayPA")
        await h.press("enter")
        s = await h.waitFor("no per-number choice")
        #expect(s.contains("PayElsewhere (otherPayPA)") && s.contains("+49301234567") && s.contains("+49307654321") && s.contains("+49305550000"))
        await h.press("enter")
        s = await h.waitFor("Submit Partner Change Request")
        await h.type("otherPayPA")
        await h.press("enter")
        await h.waitFor("different payment processor")
        await h.press("enter")
        await h.waitFor("Destination Partner ID")
        await h.press("ctrl-u")
        await h.type("autoOkPA")
        await h.press("enter")
        await h.waitFor("AutoConnect (autoOkPA)")
        await h.press("enter")
        await h.waitFor("Submit Partner Change Request")
        await h.type("autoOkPA")
        await h.press("enter")
        s = await h.waitFor("Approved", timeout: 15)
        #expect(s.contains("The numbers leave this partner's list"))
        let requests = try await h.outgoingRequests()
        #expect(requests.count == 1 && requests.first?.targetPartnerId == "autoOkPA" && requests.first?.isFullMigration == true)
        #expect(Set(requests.first?.channelIds ?? []) == ["acme1CH", "acme2CH", "acme3CH"])
        await h.press("enter")
        // The numbers are gone from this partner on the next poll.
        await h.waitFor("gone", timeout: 10) { _ in h.app.state.records["acme1CH"] == nil }
    }

    /// Leaving mid-way keeps the wizard; `c` resumes on the same step with what was typed.
    @Test func leavingAndComingBackResumes() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme2CH")
        await h.press("c")
        await h.waitFor("Destination Partner ID")
        await h.type("manualPA")
        await h.press("enter")
        await h.waitFor("Nordic Messaging (manualPA)")
        // Shift-Tab on the numbers goes back one step; Esc leaves the wizard, c resumes it there.
        await h.press("backtab")
        await h.waitFor("Destination Partner ID")
        await h.press("esc")
        await h.waitFor("kept: c resumes it")
        await h.press("c")
        await h.waitFor("Resumed where you left it")
        await h.press("enter")
        await h.waitFor("no per-number choice")
        await h.press("enter")
        await h.waitFor("Submit Partner Change Request")
        await h.type("manualPA")
        await h.press("enter")
        // Nordic Messaging asks for the payment method before it decides.
        var s = await h.waitFor("asks for the client's payment method")
        await h.press("esc")
        await h.waitFor("checked") { !$0.contains("payment method") }
        await h.press("c")
        s = await h.waitFor("asks for the client's payment method")
        #expect(s.contains("Resumed where you left it"))
        await h.press("tab", "enter")
        s = await h.waitFor("Waiting for the destination partner's approval")
        #expect(try await h.outgoingRequests().count == 1)
    }
}

@Suite(.serialized) @MainActor struct PartnerChangeEdgeTests {
    /// P3: a legacy client's wizard stops at once with the reason, and nothing is sent.
    @Test func legacyAccountCannotChangePartner() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("minus1CH")
        await h.press("c")
        let s = await h.waitFor("legacy account")
        #expect(s.contains("360dialog support"))
        await h.press("enter")
        await h.waitFor("checked") { !$0.contains("legacy account") }
        #expect(try await h.outgoingRequests().isEmpty)
    }

    /// A pending request can be withdrawn (confirmed); the sandbox then has it withdrawn and a
    /// new wizard starts from the beginning.
    @Test func withdrawAPendingRequest() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("tokyo1CH")
        await h.press("c")
        await h.waitFor("Destination Partner ID")
        await h.type("otherPayPA")
        await h.press("enter")
        await h.waitFor("no per-number choice")
        // Back to the destination for another one (sandbox time is stopped: nothing decides).
        await h.press("backtab")
        await h.waitFor("Destination Partner ID")
        await h.press("ctrl-u")
        await h.type("autoOkPA")
        await h.press("enter", "enter")
        await h.waitFor("Submit Partner Change Request")
        await h.type("autoOkPA")
        await h.press("enter")
        var s = await h.waitFor("Waiting for the destination partner's approval")
        #expect(s.contains("Withdraw request"))
        await h.press("tab", "enter")
        await h.waitFor("Withdraw the request?")
        await h.press("tab", "enter")
        s = await h.waitFor("Request withdrawn")
        let items = try await h.outgoingRequests()
        #expect(items.count == 1 && items.first?.status == .withdrawn)
        await h.press("enter", "c")
        await h.waitFor("Destination Partner ID")
    }
}

@Suite(.serialized) @MainActor struct IncomingRequestsFlowTests {
    /// The partner side: the pending incoming requests listed, one approved with a confirm (its
    /// numbers join the list on the next poll), then automatic approval turned on.
    @Test func approveOneThenTurnOnAutomaticApproval() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        let before = h.app.state.channelCount
        await h.press("I")
        // People first: the source partner's brand, looked up, before its ID.
        var s = await h.waitFor("Waiting for approval (2)") { $0.contains("From AutoConnect (autoOkPA)") }
        #expect(s.contains("From AutoConnect (autoOkPA)") && s.contains("Automatic approval is"))
        let first = try #require(h.app.state.pendingIncoming.first?.id)
        await h.press("enter")
        s = await h.waitFor("Approve the request?")
        // Issue 26: not one Tab+Enter away: Tab and Enter alone approve nothing.
        await h.press("tab", "enter")
        #expect(h.app.state.dialogs.top?.isOwned(by: MutationConfirm.self) == true, "still asking")
        await h.type(first)
        await h.press("enter")
        await h.waitFor("The API answered")
        await h.press("enter")
        await h.waitFor("more numbers", timeout: 10) { _ in h.app.state.channelCount > before }
        await h.press("I")
        await h.waitFor("Waiting for approval (1)")
        await h.press("esc", ":")
        await h.type("auto-approve")
        await h.press("enter")
        s = await h.waitFor("Approve incoming requests automatically?")
        await h.type("approve all")
        await h.press("enter")
        await h.waitFor("automatic approval on")
        let incoming = try await h.engine.listPartnerChangeRequests(ListQuery(limit: 100)).items.filter { $0.targetPartnerId == "scenarioPA" }
        #expect(incoming.count == 2 && incoming.allSatisfy { $0.status == .completed })
    }
}

@Suite(.serialized) @MainActor struct PartnerSettingsFlowTests {
    /// P5: the client's numbers with what the partner may manage; one taken off, saved with a
    /// confirm, and the tab shows what is saved.
    @Test func chooseNumbersAndSave() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme1CH")
        await h.press("P")
        var s = await h.waitFor("Numbers the partner may manage")
        #expect(s.contains("The client grants these"))
        await h.press("tab", "space", "enter")
        s = await h.waitFor("Save Partner Settings?")
        #expect(s.contains("No longer"))
        await h.press("tab", "enter")
        await h.waitFor("The API answered")
        #expect(try await h.engine.permissions(clientId: "acmeCL").count == 2)
        await h.press("enter", "enter", "4")
        s = await h.waitFor("☐ +49301234567")
    }
}

@Suite(.serialized) @MainActor struct ManualApprovalFlowTests {
    /// A partner that approves in its own hub and needs the payment method: confirmed, then
    /// approved by the sandbox clock (an hour a second here), and followed to the end.
    @Test func manualPartnerApprovesAfterThePaymentMethod() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario(), timeScale: 3600)
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("tokyo1CH")
        await h.press("c")
        await h.waitFor("Destination Partner ID")
        await h.type("manualPA")
        await h.press("enter")
        await h.waitFor("Nordic Messaging (manualPA)")
        await h.press("enter")
        await h.waitFor("Submit Partner Change Request")
        await h.type("manualPA")
        await h.press("enter")
        await h.waitFor("asks for the client's payment method")
        await h.press("tab", "enter")
        await h.waitFor("Waiting for the destination partner's approval")
        let s = await h.waitFor("Approved: all numbers moved", timeout: 20)
        #expect(s.contains("leave this partner's list"))
        #expect(try await h.outgoingRequests().first?.status == .completed)
    }
}
