import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 25: what a card and the details say about a number, exactly as the seeds say it.
@Suite struct StatusTruthTests {
    static let phone = "4930555000"

    func channel(_ configure: (inout Channel) -> Void) -> Channel {
        var c = Channel(id: "t1CH", clientId: "tCL", accountMode: nil, version: 2,
                        setupInfo: SetupInfo(phoneNumber: Self.phone, phoneName: "Front desk"),
                        wabaAccount: WabaAccount(id: "tWA", status: .approved, fbAccountStatus: .verified, onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: .approved)),
                        integration: Integration(appId: "1", state: "created"))
        configure(&c)
        return c
    }

    func state(_ ch: Channel, client: Client = Client(id: "tCL", organisation: "Truth GmbH", paymentModel: .direct)) -> AppState {
        var s = AppState(mode: .sandbox, readOnly: false, now: Fixtures.now, environment: Fixtures.environment)
        _ = reduce(&s, .resized(width: 120, height: 40))
        _ = reduce(&s, .snapshotLoaded(partner: Partner(id: "tPA"), clients: [client], channels: [ch], asOf: Fixtures.now, fromCache: false))
        _ = reduce(&s, .grid(.select(channelId: ch.id)))
        return s
    }

    /// The screen; with `details`, the details pane's lines whole (the pane wraps long ones).
    func screen(_ s: AppState, details: Bool = false, tab: AppState.DetailTab? = nil) -> String {
        var s = s
        if details { _ = reduce(&s, .details(.open)) }
        if let tab { _ = reduce(&s, .details(.setTab(tab))) }
        let text = Screen.render(s, width: 120, height: 40, context: Fixtures.context).text
        guard details, let r = s.selectedRecord else { return text }
        return text + "\n" + DetailsView.lines(s.detailTab, r, s, Fixtures.context).map { line in
            switch line {
            case .heading(let t), .text(let t, _): return t
            case .field(let l, let v, _): return "\(l) \(v)"
            case .blank: return ""
            }
        }.joined(separator: "\n")
    }

    @Test func metaWaitingForTheClientIsAnAction() {
        for status in [FBAccountStatus.pendingNeedMoreInfo, .pendingSubmission] {
            let ch = channel { $0.wabaAccount?.fbAccountStatus = status }
            let record = ChannelRecord(channel: ch, client: nil, balance: nil)
            #expect(record.actions.contains(.metaBusinessVerification), "\(status)")
            let text = screen(state(ch), details: true)
            #expect(!text.contains("No action required"), "\(status)")
            #expect(text.contains(status == .pendingNeedMoreInfo ? "Meta needs more information" : "Not submitted"))
        }
        #expect(ActivationStatuses(channel: channel { $0.wabaAccount?.fbAccountStatus = .pending }).metaBusinessVerification == .pending)
    }

    @Test func errorAndUnregisteredCarryTheSeedsSupportTicket() {
        let error = channel { $0.setupInfo = SetupInfo(phoneNumber: Self.phone, phoneName: "Front desk", error: "Certificate missing") }
        let unregistered = channel { $0.hubStatus = .unregistered }
        for ch in [error, unregistered] {
            let record = ChannelRecord(channel: ch, client: nil, balance: nil)
            #expect(record.actions.first == .supportTicket)
            let main = screen(state(ch))
            #expect(main.contains("Support ticket"), "the card's action line")
            let details = screen(state(ch), details: true)
            #expect(details.contains("Create a ticket with 360dialog support to get the number reconnected"))
            #expect(!details.contains("No action required"))
        }
        #expect(screen(state(error)).contains("! Support ticket · Certificate"))
        // The pane wraps what is wider than it: the whole sentence is on screen, nothing cut.
        var open = state(unregistered)
        _ = reduce(&open, .details(.open))
        let rendered = Screen.render(open, width: 120, height: 40, context: Fixtures.context).text
        #expect(rendered.contains("! Create a ticket with 360dialog support to get") && rendered.contains("the number reconnected"))
        #expect(!rendered.contains("support to get…"))
    }

    @Test func classicUnverifiedIsNotApprovedNotInReview() {
        let ch = channel { $0.version = 1; $0.status = .unverified }
        #expect(ch.lifecycle().label == "Not approved (Commerce Policy review)")
        #expect(!screen(state(ch), details: true).contains("In review"))
    }

    @Test func liveAndTerminatedIsBoth() {
        let terminated = Fixtures.now - 3 * 86_400
        let ch = channel { $0.accountMode = .live; $0.integration = Integration(appId: "1", state: "running"); $0.terminatedAt = terminated }
        var s = state(ch)
        let record = s.records[ch.id]!
        #expect(record.lifecycle == .live && record.deletionPendingSince == .some(terminated))
        #expect(screen(s).contains("Pending deletion since 2025-11-19"))
        #expect(screen(s, details: true).contains("Status Live · pending deletion since 2025-11-19 12:00"))
        // The refund dialog agrees: it does not call the number "not cancelled".
        let payment = Payment(id: "p1", invoiceId: "INV1", amount: Money(minorUnits: 5000, currency: .eur), processingFee: .zero(.eur),
                              paidAt: Fixtures.now - 10 * 86_400)
        let funds = ChannelFunds(channelId: ch.id, prePayment: true, balance: Money(minorUnits: 5000, currency: .eur), usageSinceLatestPayment: .zero(.eur),
                                 billableConversationsSinceLatestPayment: 0, payments: [payment], refunds: [])
        s.openRefund(funds)
        guard case .confirm(let c)? = s.dialogs.top?.body else { Issue.record("no refund confirm"); return }
        #expect(!c.message.joined(separator: " ").contains("not cancelled"))
    }

    @Test func pendingDeletionListsNoActions() {
        let ch = channel { $0.hubStatus = .pendingDeletion; $0.wabaAccount?.fbAccountStatus = .rejected; $0.integration = nil }
        let record = ChannelRecord(channel: ch, client: nil, balance: nil)
        #expect(record.lifecycle == .pendingDeletion && record.actions.isEmpty)
        #expect(ch.requiredActions().isEmpty)
    }

    @Test func usageSaysWhichMonthItIs() {
        let ch = channel { $0.accountMode = .live }
        var s = state(ch)
        let october = Timestamp.parse("2025-10-01T00:00:00Z")!
        let usage = UsagePeriod(periodDate: october, quantity: 12, paidQuantity: 10, freeQuantity: 2, totalPrice: Money(minorUnits: 1234, currency: .eur))
        _ = reduce(&s, .balanceLoaded(clientId: "tCL", ClientBalance(currency: .eur, balance: Money(minorUnits: 100, currency: .eur), usage: [usage])))
        let text = screen(s, details: true, tab: .billing)
        #expect(!text.contains("Usage this month"), "October's usage is not this month's (now is November)")
        #expect(text.contains("Usage October 2025"))
        let november = UsagePeriod(periodDate: Timestamp.parse("2025-11-01T00:00:00Z")!, quantity: 1, paidQuantity: 1, freeQuantity: 0, totalPrice: Money(minorUnits: 99, currency: .eur))
        _ = reduce(&s, .balanceLoaded(clientId: "tCL", ClientBalance(currency: .eur, balance: Money(minorUnits: 100, currency: .eur), usage: [usage, november])))
        #expect(screen(s, details: true, tab: .billing).contains("Usage this month"))
    }
}
