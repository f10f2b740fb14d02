import Foundation
import Testing
import HubAPI
import HubCore
import HubSandbox

/// The modeled partner change endpoints, in process and over HTTP: lookup, eligibility, one
/// open request per WABA, the payment method gate and withdrawal.
@Suite struct PartnerChangeContractTests {
    func scenarioEngine(timeScale: Double = 0) throws -> SandboxEngine {
        var c = SandboxConfig()
        c.scenario = try SandboxScenario.load(path: FundsContractTests.scenarioPath)
        c.reference = reference
        c.timeScale = timeScale
        return SandboxEngine(config: c, time: ManualTime(reference + 3600).source)
    }

    func withBackend(_ backend: Backend, _ engine: SandboxEngine, _ body: @Sendable (any PartnerService) async throws -> Void) async throws {
        switch backend {
        case .inProcess: try await body(engine)
        case .http: try await withHTTPSandbox(engine) { base in try await body(makeClient(base, time: ManualTime(reference + 3600), partnerId: "scenarioPA")) }
        }
    }

    @Test(arguments: Backend.allCases) func lookupEligibilityOneOpenRequestAndWithdrawal(_ backend: Backend) async throws {
        let engine = try scenarioEngine()
        try await withBackend(backend, engine) { s in
            #expect(try await s.destinationPartner(id: "manualPA") == PartnerSummary(id: "manualPA", brandName: "Nordic Messaging", paymentMethodRequired: true, autoApprove: false))
            do { _ = try await s.destinationPartner(id: "nopePA"); Issue.record("unknown partner found") } catch ServiceError.api(404, _) {} catch ServiceError.notFound {}
            #expect(try await s.partnerChangeEligibility(clientId: "acmeCL").available)
            #expect(try await s.partnerChangeEligibility(clientId: "minusCL").available == false)
            do {
                _ = try await s.submitPartnerChange(clientId: "minusCL", wabaAccountId: "minusWA", targetPartnerId: "autoOkPA", idempotencyKey: "legacy")
                Issue.record("legacy client submitted")
            } catch ServiceError.api(400, let body) { #expect(body.meta.developerMessage?.contains("legacy") == true) }

            let first = try await s.submitPartnerChange(clientId: "acmeCL", wabaAccountId: "acmeWA", targetPartnerId: "manualPA", idempotencyKey: "pc1")
            #expect(first.partnerChangeRequest.isFullMigration == true && first.paymentMethodRequired)
            do {
                _ = try await s.submitPartnerChange(clientId: "acmeCL", wabaAccountId: "acmeWA", targetPartnerId: "autoOkPA", idempotencyKey: "pc2")
                Issue.record("second open request accepted")
            } catch ServiceError.api(409, let body) { #expect(body.meta.developerMessage?.contains(first.partnerChangeRequest.id) == true) }
            // The same key again is the same request, not a 409.
            #expect(try await s.submitPartnerChange(clientId: "acmeCL", wabaAccountId: "acmeWA", targetPartnerId: "manualPA", idempotencyKey: "pc1")
                    .partnerChangeRequest.id == first.partnerChangeRequest.id)
            _ = try await s.confirmPaymentMethod(partnerChangeRequestId: first.partnerChangeRequest.id)
            let withdrawn = try await s.withdrawPartnerChange(id: first.partnerChangeRequest.id)
            #expect(withdrawn.status == .withdrawn)
            // Withdrawn: a new request may be made.
            _ = try await s.submitPartnerChange(clientId: "acmeCL", wabaAccountId: "acmeWA", targetPartnerId: "autoOkPA", idempotencyKey: "pc3")
        }
    }

    /// Issue 25: the company information typed in the wizard (P4 step 2) used to go nowhere;
    /// it travels with the request and is the client's afterwards.
    @Test(arguments: Backend.allCases) func theCompanyInformationGoesWithTheRequest(_ backend: Backend) async throws {
        let engine = try scenarioEngine()
        try await withBackend(backend, engine) { s in
            let company = PartnerChangeWizard.CompanyInformation(legalName: "Acme Trading GmbH", country: "DE", address: "Hauptstr. 1, Berlin")
            _ = try await s.submitPartnerChange(clientId: "acmeCL", wabaAccountId: "acmeWA", targetPartnerId: "autoOkPA", company: company, idempotencyKey: "ci")
            let client = try #require(try await s.allClients().first { $0.id == "acmeCL" })
            #expect(client.organisation == "Acme Trading GmbH" && client.contactInfo?.country == "DE" && client.contactInfo?.streetName == "Hauptstr. 1, Berlin")
        }
    }

    /// A destination that needs a payment method decides only after it is confirmed; a decided
    /// request can no longer be withdrawn.
    @Test func approvalWaitsForThePaymentMethodAndDecidedCannotBeWithdrawn() async throws {
        let time = ManualTime(reference + 3600)
        var c = SandboxConfig()
        c.scenario = try SandboxScenario.load(path: FundsContractTests.scenarioPath)
        c.reference = reference
        let e = SandboxEngine(config: c, time: time.source)
        let sub = try await e.submitPartnerChange(clientId: "acmeCL", wabaAccountId: "acmeWA", targetPartnerId: "manualPA", idempotencyKey: "k")
        let id = sub.partnerChangeRequest.id
        time.advance(by: 3 * 3600)
        #expect(try await e.listPartnerChangeRequests(ListQuery(limit: 1000)).items.first { $0.id == id }?.status == .pending)
        _ = try await e.confirmPaymentMethod(partnerChangeRequestId: id)
        time.advance(by: 3 * 3600)
        #expect(try await e.listPartnerChangeRequests(ListQuery(limit: 1000)).items.first { $0.id == id }?.status == .completed)
        do { _ = try await e.withdrawPartnerChange(id: id); Issue.record("withdrew a decided request") } catch ServiceError.api(409, _) {}
    }
}

/// The partner side: incoming requests from other partners' clients, approved one by one or by
/// the auto-approve setting, and their numbers joining this partner's lists.
@Suite struct IncomingPartnerChangeTests {
    @Test(arguments: Backend.allCases) func incomingRequestsApprovedAndAutoApproved(_ backend: Backend) async throws {
        try await withService(backend) { s, engine, time in
            let me = try await s.partner().id
            let before = try await s.allChannels().count
            var incoming = try await s.listPartnerChangeRequests(ListQuery(limit: 100)).items.filter { $0.targetPartnerId == me && $0.status == .pending }
            #expect(incoming.count == 2)
            let first = try #require(incoming.first)
            let approved = try await s.approvePartnerChangeRequest(id: first.id)
            #expect(approved.status == .completed)
            let ids = Set(try await s.allChannels().map(\.id))
            #expect(ids.isSuperset(of: first.channelIds ?? []) && ids.count == before + (first.channelIds ?? []).count)
            // The setting: pending ones are accepted at once, and new ones as they arrive.
            #expect(try await s.setPartnerChangeAutoApprove(true))
            #expect(try await s.partner().settings.flatMap { if case .object(let o) = $0 { return o["partner_change_request"] } else { return nil } }
                    == JSONValue.object(["auto_approve": JSONValue.bool(true)]))
            time.advance(by: 13 * 60) // 13 sandbox hours at 60x: one more request arrives
            incoming = try await s.listPartnerChangeRequests(ListQuery(limit: 100)).items.filter { $0.targetPartnerId == me }
            #expect(incoming.count == 3 && incoming.allSatisfy { $0.status == .completed })
        }
    }
}
