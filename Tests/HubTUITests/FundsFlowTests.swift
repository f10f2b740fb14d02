import Foundation
import Testing
import HubCore
import HubSandbox
@testable import HubTUI

/// C6/C7 through the real app on the example scenario: keys in, the rendered frame read back,
/// the sandbox asked what really happened.
@Suite(.serialized) @MainActor struct FundsFlowTests {
    /// The three worked examples: each refund dialog shows its plan and total, confirming takes
    /// the typed number, and the sandbox refunds exactly that once.
    @Test func workedExamplesThroughTheRefundDialog() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        let examples: [(id: String, phone: String, lines: [String], total: String, fee: String)] = [
            ("acme1CH", "+49301234567", ["INV-1", "55.00 EUR", "50.00 EUR", "+5.00 EUR"], "55.00 EUR", "Fee included: no billable conversation"),
            ("acme2CH", "+49307654321", ["INV-2", "45.00 EUR"], "45.00 EUR", "Fee excluded: billable conversations"),
            ("acme3CH", "+49305550000", ["INV-10", "10.00 EUR", "INV-20", "15.00 EUR"], "25.00 EUR", "No processing fee"),
        ]
        for ex in examples {
            await h.select(ex.id)
            await h.press("R")
            let s = await h.waitFor("Refund account funds?")
            for text in ex.lines + [ex.fee, "Total refund: \(ex.total)", "Acme, \"Shops\" GmbH", "acmeCL", ex.phone, "acmeWA",
                                    "cannot be reversed", "48 to 72 hours", "This number is not cancelled", "Type \(ex.phone)"] {
                #expect(s.contains(text), "\(ex.id): \(text)\n\(s)")
            }
            // Wrong digits: nothing happens; Confirm is still greyed out.
            await h.type("9999")
            await h.press("enter")
            #expect(h.screen.contains("Refund account funds?"))
            #expect(try await h.engine.refunds(channelId: ex.id).isEmpty)
            await h.press("ctrl-u")
            await h.type(String(ex.phone.suffix(4)))
            await h.press("enter")
            let done = await h.waitFor("The API answered")
            #expect(done.contains("refund") && done.contains(ex.total))
            await h.press("enter")
            let refunds = try await h.engine.refunds(channelId: ex.id)
            #expect(refunds.count == 1 && refunds.first?.amount.description == ex.total)
            // The card says so until it completes; a second refund is refused with why.
            await h.waitFor("Refund pending")
            await h.press("R")
            let again = await h.waitFor("already processing")
            #expect(again.contains("expected by"))
            await h.press("enter")
        }
        let audit = await h.pipeline.auditLog(limit: 10)
        #expect(audit.filter { $0.action == "refund" && $0.result?.hasPrefix("ok") == true }.count == 3)
    }

    /// Add funds on the CJK client's number in JPY, below 0: whole yen only, the new balance
    /// previewed, then the payment at the sandbox.
    @Test func addFundsInJPYWithThePreview() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("tokyo1CH")
        await h.waitFor("-¥1200")
        await h.press("F")
        var s = await h.waitFor("Amount (JPY)")
        #expect(s.contains("東京商事株式会社") && s.contains("-1200 JPY"))
        await h.type("25.5")
        await h.press("enter")
        s = await h.waitFor("JPY has no minor unit")
        await h.press("ctrl-u")
        await h.type("¥2000")
        await h.press("enter")
        s = await h.waitFor("Add 2000 JPY?")
        #expect(s.contains("-1200 JPY → 800 JPY"))
        await h.press("tab", "enter")
        await h.waitFor("The API answered")
        #expect(try await h.engine.funds(channelId: "tokyo1CH").balance?.description == "800 JPY")
    }

    /// C7b: Manage funds chooses one number (a single choice), then the action; a number with
    /// nothing to refund offers only Add funds, and says why.
    @Test func manageFundsChoosesOneNumberThenTheAction() async throws {
        let h = try Harness(scenario: try Harness.exampleScenario())
        defer { Task { await h.stop() } }
        await h.waitFor("checked")
        await h.select("acme1CH")
        await h.press("$")
        var s = await h.waitFor("Phone number (one at a time)")
        #expect(s.contains("+49301234567") && s.contains("+49307654321") && s.contains("+49305550000"))
        await h.press("enter")
        s = await h.waitFor("What to do")
        #expect(s.contains("Refund account funds") && s.contains("Add funds"))
        await h.press("down", "enter")
        await h.waitFor("Amount (EUR)")
        await h.press("esc")
        // The overdrawn number: the refund is greyed out with the reason.
        await h.waitFor("checked") { !$0.contains("Amount (EUR)") }
        await h.select("minus1CH")
        await h.press("$", "enter")
        s = await h.waitFor("What to do")
        #expect(s.contains("below 0: add funds instead"))
    }

    /// C6: no partner action cancels a number: no command, palette entry or key does it.
    @Test func thereIsNoCancelCommand() {
        let entries = Palette.entries(keymap: Keymap(), themes: ["default"], readOnly: false)
        #expect(!entries.isEmpty)
        for e in entries {
            #expect(!e.name.lowercased().contains("cancel") && !e.description.lowercased().contains("cancel"), "\(e.name)")
        }
        #expect(Command.allCases.allSatisfy { !$0.rawValue.contains("cancel") && !$0.rawValue.contains("delete") })
    }
}

/// The header's "need action" count is kept with the records, not counted per frame: it must
/// stay what a recount gives as balances go below 0 and back.
@Suite struct NeedsActionCountTests {
    @Test func followsBalancesAndSnapshots() {
        var s = Fixtures.state()
        let recount = { (s: AppState) in s.records.values.filter(\.needsAction).count }
        #expect(s.needsActionCount == recount(s))
        let direct = s.clients.values.filter(\.isDirectPayment).map(\.id).sorted()
        #expect(!direct.isEmpty)
        for (i, id) in direct.enumerated() {
            let cur = Currency(code: "EUR")!
            _ = reduce(&s, .balanceLoaded(clientId: id, ClientBalance(currency: cur, balance: Money(minorUnits: i % 2 == 0 ? -500 : 900, currency: cur))))
            #expect(s.needsActionCount == recount(s))
        }
        let before = s.needsActionCount
        for id in direct { _ = reduce(&s, .balanceLoaded(clientId: id, ClientBalance(currency: .eur, balance: Money(minorUnits: 100, currency: .eur)))) }
        #expect(s.needsActionCount == recount(s) && s.needsActionCount < before)
    }
}
