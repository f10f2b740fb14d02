import Foundation
import Testing
import HubAPI
import HubCore
import HubSandbox

/// The money path over both implementations: the funds the app plans from, the refund that
/// follows exactly that plan, and the guards around it (confirmed total, key reuse, one at a time).
@Suite struct FundsContractTests {
    /// The scenario's three worked examples (C7) as the funds endpoint gives them: the plan the
    /// app shows is the refund the server makes, in process and over HTTP alike.
    @Test(arguments: Backend.allCases) func workedExamplesPlanAndRefundTheSame(_ backend: Backend) async throws {
        let engine = try scenarioEngine()
        try await withBackend(backend, engine) { s in
            let expected: [(String, Int64, Bool, [Int64])] = [("acme1CH", 5500, true, [5000]), ("acme2CH", 4500, false, [4500]),
                                                              ("acme3CH", 2500, false, [1000, 1500])]
            for (id, total, fee, parts) in expected {
                let funds = try await s.funds(channelId: id)
                guard case .refundable(let plan) = funds.refundDecision else { Issue.record("\(id) not refundable"); continue }
                #expect(plan.total.minorUnits == total && plan.feeIncluded == fee && plan.lines.map(\.principal.minorUnits) == parts, "\(id)")
                let refund = try await s.requestRefund(channelId: id, expectedTotal: plan.total, idempotencyKey: "k-\(id)")
                #expect(refund.amount == plan.total && refund.creditNoteInvoiceId == plan.creditNote.invoiceId)
                // The ledger: each payment keeps what was taken; the number shows the refund in flight.
                let after = try await s.funds(channelId: id)
                #expect(after.pendingRefund?.id == refund.id)
                #expect(after.payments.reduce(0) { $0 + ($1.refundedCredit?.minorUnits ?? 0) } == parts.reduce(0, +))
                if case .notRefundable(.refundInFlight) = after.refundDecision {} else { Issue.record("second refund of \(id) planned") }
            }
        }
    }

    @Test(arguments: Backend.allCases) func theServerRefusesWhatWasNotConfirmed(_ backend: Backend) async throws {
        let engine = try scenarioEngine()
        try await withBackend(backend, engine) { s in
            // The funds changed since the dialog: a different total is a 409, nothing is refunded.
            await expectAPIError(409, "review it again") {
                _ = try await s.requestRefund(channelId: "acme1CH", expectedTotal: Money(minorUnits: 5000, currency: .eur), idempotencyKey: "a")
            }
            #expect(try await s.funds(channelId: "acme1CH").refunds.isEmpty)
            // One key, one body: the same key for another number or amount is a 422 with a meta body.
            _ = try await s.addFunds(channelId: "minus1CH", amount: Money(minorUnits: 1000, currency: .usd), idempotencyKey: "top-1")
            await expectAPIError(422, "Idempotency-Key") {
                _ = try await s.addFunds(channelId: "minus1CH", amount: Money(minorUnits: 2000, currency: .usd), idempotencyKey: "top-1")
            }
            await expectAPIError(422, "Idempotency-Key") {
                _ = try await s.requestRefund(channelId: "acme2CH", expectedTotal: nil, idempotencyKey: "top-1")
            }
            // The same key and body again answers the first result without a second payment.
            let again = try await s.addFunds(channelId: "minus1CH", amount: Money(minorUnits: 1000, currency: .usd), idempotencyKey: "top-1")
            #expect(again == Money(minorUnits: 250, currency: .usd))
            #expect(try await s.funds(channelId: "minus1CH").payments.filter { $0.idempotencyKey == "top-1" }.count == 1)
            // Above the documented limit, and in another currency: refused on the amount field.
            await expectAPIError(400, "per top-up") {
                _ = try await s.addFunds(channelId: "acme1CH", amount: Money(minorUnits: 1_000_001, currency: .eur), idempotencyKey: "big")
            }
            await expectAPIError(400, "billed in EUR") {
                _ = try await s.addFunds(channelId: "acme1CH", amount: Money(minorUnits: 100, currency: .usd), idempotencyKey: "usd")
            }
        }
    }

    func scenarioEngine() throws -> SandboxEngine {
        var c = SandboxConfig()
        c.scenario = try SandboxScenario.load(path: Self.scenarioPath)
        c.reference = reference
        return SandboxEngine(config: c, time: ManualTime(reference + 3600).source)
    }

    static var scenarioPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/scenario.json").path
    }

    func withBackend(_ backend: Backend, _ engine: SandboxEngine, _ body: @Sendable (any PartnerService) async throws -> Void) async throws {
        switch backend {
        case .inProcess: try await body(engine)
        case .http: try await withHTTPSandbox(engine) { base in try await body(makeClient(base, time: ManualTime(reference + 3600), partnerId: "scenarioPA")) }
        }
    }

    func expectAPIError(_ status: Int, _ text: String, _ work: () async throws -> Void) async {
        do {
            try await work()
            Issue.record("no error \(status)")
        } catch ServiceError.api(let got, let body) {
            #expect(got == status && body.meta.developerMessage?.contains(text) == true, "\(got) \(body.meta.developerMessage ?? "")")
        } catch {
            Issue.record("\(error)")
        }
    }
}
