import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// The funds workflows as reducers: what opens, what is sent, and what is never sent.
@Suite struct FundsReducerTests {
    /// Where a live connection sends these steps (the value a live hand-off carries).
    let hubBillingURL = "https://hub.360dialog.com/dashboard/billing"

    func key(_ s: inout AppState, _ keys: EditKey...) -> [Effect] {
        var effects: [Effect] = []
        for k in keys { effects += reduce(&s, .dialog(.key(k))) }
        return effects
    }

    /// A direct-payment number of the fixtures with funds, and its state selected.
    func direct(readOnly: Bool = false, where pick: (ChannelFunds) -> Bool = { _ in true }) throws -> (AppState, ChannelFunds) {
        var s = Fixtures.state(readOnly: readOnly)
        let w = Fixtures.world()
        let id = try #require(s.records.values.filter { r in s.client(for: r)?.isDirectPayment == true && w.channels[r.id]?.balance != nil }
            .map(\.id).sorted().first { pick(Fixtures.funds($0, in: w)) })
        _ = reduce(&s, .grid(.select(channelId: id)))
        return (s, Fixtures.funds(id, in: w))
    }

    @Test func readOnlyAndPartnerPaymentOpenNothing() throws {
        var (s, _) = try direct(readOnly: true)
        for w in [Workflow.refund, .addFunds, .manageFunds] { #expect(reduce(&s, .open(w)).isEmpty) }
        #expect(s.dialogs.isEmpty)
        var p = Fixtures.state()
        let partnerPaid = try #require(p.records.values.first { p.client(for: $0)?.isDirectPayment == false })
        _ = reduce(&p, .grid(.select(channelId: partnerPaid.id)))
        #expect(reduce(&p, .open(.refund)).isEmpty && p.dialogs.isEmpty)
        #expect(p.notifications.flash?.text.contains("pays through the partner") == true)
    }

    /// Live: no funds per number; the dialog shows who and what with the client's balance and
    /// confirming sends the intent to the pipeline, which hands it to the Hub (audited).
    @Test func liveRefundIsHandedToTheHub() throws {
        var (s, f) = try direct()
        #expect(reduce(&s, .open(.refund)) == [.loadFunds(channelId: f.channelId)])
        _ = reduce(&s, .fundsUnavailable(channelId: f.channelId, .hubOnly(url: hubBillingURL)))
        guard case .confirm(let c)? = s.dialogs.top?.body else { Issue.record("no confirm"); return }
        #expect(c.message.joined().contains("360dialog Hub") && c.typeToConfirm == nil && c.table == nil)
        let effects = key(&s, .tab, .enter)
        guard case .mutate(let request)? = effects.first else { Issue.record("nothing sent: \(effects)"); return }
        #expect(request.mutation == .requestRefund(channelId: f.channelId, expectedTotal: nil))
        _ = reduce(&s, .dialog(.mutationSettled(request, .handedToHub(url: hubBillingURL))))
        guard case .message(let lines)? = s.dialogs.top?.body else { Issue.record("no hand-off message"); return }
        #expect(lines.contains(hubBillingURL))
    }

    @Test func unreadableFundsSendNothing() throws {
        var (s, f) = try direct()
        _ = reduce(&s, .open(.refund))
        let effects = reduce(&s, .fundsUnavailable(channelId: f.channelId, .failed("Network error: connection refused")))
        #expect(effects.isEmpty)
        guard case .message(let lines)? = s.dialogs.top?.body else { Issue.record("no message"); return }
        #expect(lines.joined().contains("nothing was planned or sent") && lines.contains("Network error: connection refused"))
    }

    /// The typed number guards the send; the request carries the plan's total and one key,
    /// kept when the same dialog tries again after a refusal.
    @Test func refundSendsTheConfirmedTotalOnceTyped() throws {
        var (s, f) = try direct { if case .refundable = $0.refundDecision { return true } else { return false } }
        guard case .refundable(let plan) = f.refundDecision else { return }
        _ = reduce(&s, .open(.refund))
        _ = reduce(&s, .fundsLoaded(f))
        let phone = try #require(s.records[f.channelId]?.phone)
        // Nothing typed: Enter is Cancel (the default), and nothing is sent.
        #expect(key(&s, .enter).isEmpty && s.dialogs.isEmpty)
        _ = reduce(&s, .open(.refund))
        _ = reduce(&s, .fundsLoaded(f))
        // A wrong number: Enter does nothing; the dialog stays.
        #expect(key(&s, .insert("0"), .enter).isEmpty && s.dialogs.count == 1)
        _ = key(&s, .clear)
        for ch in phone.suffix(4) { _ = key(&s, .insert(String(ch))) }
        // Issue 26: the plan and its total are read before it arms (below the fold at 80x24).
        _ = reduce(&s, .resized(width: 80, height: 24))
        #expect(key(&s, .enter).isEmpty, "armed with the total below the fold")
        guard case .confirm(let unread)? = s.dialogs.top?.body else { Issue.record("no confirm"); return }
        #expect(unread.unreadShown)
        let effects = key(&s, .pageDown, .pageDown, .pageDown, .pageDown, .enter)
        guard case .mutate(let request)? = effects.first else { Issue.record("not sent: \(effects)"); return }
        #expect(request.mutation == .requestRefund(channelId: f.channelId, expectedTotal: plan.total))
        _ = reduce(&s, .dialog(.mutationSettled(request, .failed("The refund is now 1.00 EUR, not the total confirmed", field: nil))))
        #expect(s.dialogs.top?.notice?.level == .error)
        guard case .mutate(let again)? = key(&s, .enter).first else { Issue.record("retry not sent"); return }
        #expect(again.idempotencyKey == request.idempotencyKey)
        #expect(reduce(&s, .dialog(.mutationSettled(again, .succeeded("refund R1")))) == [.loadFunds(channelId: f.channelId)])
    }

    @Test func addFundsChecksTheAmountThenPreviews() throws {
        var (s, f) = try direct { $0.balance?.currency.minorDigits == 2 }
        _ = reduce(&s, .open(.addFunds))
        _ = reduce(&s, .fundsLoaded(f))
        let currency = try #require(f.balance?.currency)
        _ = key(&s, .insert("20000"), .enter)
        #expect(s.dialogs.top?.form?["amount"]?.error == "At most \(FundsLimits.maxTopUp(currency)) per top-up.")
        _ = key(&s, .clear, .insert("25,50"), .enter)
        guard case .confirm(let c)? = s.dialogs.top?.body else { Issue.record("no confirm"); return }
        #expect(c.review?.rows.contains { $0.label == "Balance after" } == true)
        guard case .mutate(let request)? = key(&s, .tab, .enter).first else { Issue.record("not sent"); return }
        guard case .addFunds(let id, let m) = request.mutation else { Issue.record("wrong mutation"); return }
        #expect(id == f.channelId && m == Money(minorUnits: 2550, currency: currency))
    }
}
