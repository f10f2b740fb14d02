import Foundation
import Testing
@testable import HubCore
@testable import HubTUI

/// Issue 26: no keystroke loses input, and the keys do what the footer says.
@Suite struct InputSafetyTests {
    func key(_ s: inout AppState, _ keys: EditKey...) -> [Effect] {
        var out: [Effect] = []
        for k in keys { out += reduce(&s, .dialog(.key(k))) }
        return out
    }

    @Test func escOverTypedInputAsksFirst() {
        var s = Fixtures.state()
        _ = reduce(&s, .open(.users))
        _ = reduce(&s, .usersLoaded([]))
        _ = key(&s, .insert("a"))
        // Nothing typed yet: one Esc closes the form.
        _ = key(&s, .escape)
        #expect(s.dialogs.top?.isOwned(by: AddUserForm.self) != true)
        _ = key(&s, .insert("a"), .insert("Zoë"))
        _ = key(&s, .escape)
        #expect(s.dialogs.top?.isOwned(by: AddUserForm.self) == true && s.dialogs.top?.form?["name"]?.textValue == "Zoë")
        #expect(s.dialogs.top?.notice?.text == AppState.discardQuestion)
        // Any other key goes on editing and withdraws the question.
        _ = key(&s, .insert("!"))
        #expect(s.dialogs.top?.notice == nil && s.dialogs.top?.form?["name"]?.textValue == "Zoë!")
        _ = key(&s, .escape, .escape)
        #expect(s.dialogs.top?.isOwned(by: AddUserForm.self) != true)
    }

    @Test func yDoesWhatTheFooterSays() {
        var c = Confirm(message: ["Turn it off?"], confirmLabel: "Turn off")
        #expect(c.handle(.insert("y")) == .confirmed)
        // With text to type, y is text.
        var typed = Confirm(message: ["Refund?"], confirmLabel: "Refund", typeToConfirm: "+4930")
        #expect(typed.handle(.insert("y")) == nil && typed.field.text == "y")
    }

    @Test func approvingAnIncomingRequestIsTyped() throws {
        var s = Fixtures.state()
        let me = try #require(s.partner?.id)
        let pcr = PartnerChangeRequest(id: "inc42PCR", status: .pending, sourceClientId: "otherCL", sourcePartnerId: "otherPA", targetPartnerId: me,
                                       channelIds: ["x1CH"], createdAt: Fixtures.now)
        _ = reduce(&s, .partnerChangesLoaded([pcr]))
        _ = reduce(&s, .open(.incomingRequests))
        _ = key(&s, .enter)
        // Tab and Enter, the random-key run's way in, approve nothing.
        #expect(!key(&s, .tab, .enter).contains { if case .mutate = $0 { return true } else { return false } })
        #expect(s.dialogs.top?.isOwned(by: MutationConfirm.self) == true)
        _ = key(&s, .insert("42PCR"))
        #expect(key(&s, .enter).isEmpty) // not the ID nor its last 4
        _ = key(&s, .clear, .insert("2PCR"))
        #expect(key(&s, .enter).contains { if case .mutate = $0 { return true } else { return false } })
    }
}

/// Issue 26: help at 80x24 dropped the whole General block and did not scroll; the cards'
/// glyphs had no legend.
@Suite struct HelpScrollTests {
    @Test(arguments: [(80, 24), (120, 40)]) func helpScrollsAndExplainsTheCards(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let c = Fixtures.context
        for a in KeyRouter.route(Key("?"), state: s, context: c) { _ = reduce(&s, a) }
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: c), "help-top-\(size.0)x\(size.1)")
        var seen = Screen.render(s, width: size.0, height: size.1, context: c).text
        // Scroll to the end: every line of help was on screen at some point.
        for _ in 0..<80 {
            for a in KeyRouter.route(Key("down"), state: s, context: c) { _ = reduce(&s, a) }
            seen += Screen.render(s, width: size.0, height: size.1, context: c).text
        }
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: c), "help-end-\(size.0)x\(size.1)")
        for line in OverlayView.helpLines(s, c) where line.2 { #expect(seen.contains(line.0), "\(line.0) never shown at \(size)") }
        for word in ["General", "Quit", "Message on behalf", "Meta business verification", "Number registration"] {
            #expect(seen.contains(word), "\(word) never shown at \(size)")
        }
        #expect(s.overlayScroll == OverlayView.helpMaxScroll(s, s.layout, c), "stops at the end")
    }
}

/// Issue 26: "● updated HH:MM" was the last change, not the last poll; "N need action" hid that
/// balances of clients never on screen are not known.
@Suite struct HeaderTruthTests {
    @Test func lastPollAndLastChangeApartAndUnknownBalancesSaid() {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: 200, height: 40))
        _ = reduce(&s, .liveStatusChanged(LiveStatus(phase: .idle, lastSuccess: Fixtures.now + 30)))
        var header = String(Screen.render(s, width: 200, height: 40, context: Fixtures.context).text.split(separator: "\n")[0])
        #expect(header.contains("checked 12:00:30 · changed 12:00:00"), "\(header)")
        #expect(!s.someBalancesUnknown && header.contains("\(s.needsActionCount) need action"))
        // A direct-payment client whose balance was never asked: the count says it may be more.
        var fresh = AppState(mode: .sandbox, readOnly: false, now: Fixtures.now, environment: Fixtures.environment)
        let w = Fixtures.world(clients: 14, seed: 3)
        _ = reduce(&fresh, .resized(width: 200, height: 40))
        _ = reduce(&fresh, .snapshotLoaded(partner: w.partner, clients: Array(w.clients.values), channels: w.channelList(), asOf: Fixtures.now, fromCache: false))
        header = String(Screen.render(fresh, width: 200, height: 40, context: Fixtures.context).text.split(separator: "\n")[0])
        #expect(fresh.someBalancesUnknown && header.contains("\(fresh.needsActionCount)+ need action"), "\(header)")
    }
}

/// Issue 26: after Add funds or Max channels the card and the clients view kept the old value
/// until a poll came (15 to 40 s); the confirmed result shows at once.
@Suite struct ConfirmedResultTests {
    @Test func maxChannelsAndFundsShowAtOnce() throws {
        var s = Fixtures.state()
        let client = try #require(s.clients.values.sorted { $0.id < $1.id }.first)
        let request = MutationRequest(mutation: .setMaxChannels(clientId: client.id, partnerPayload: client.partnerPayload ?? "", maxChannels: 33),
                                      idempotencyKey: "k1", correlation: 99)
        _ = reduce(&s, .dialog(.mutationSettled(request, .succeeded("max channels 33"))))
        #expect(s.clients[client.id]?.maxChannels == 33)
        _ = reduce(&s, .clients(.toggle))
        #expect(s.clientsView.rows.first { $0.id == client.id }?.maxChannels == 33)

        let direct = try #require(s.balances.keys.sorted().first)
        let before = try #require(s.balances[direct]?.balance)
        let number = try #require(s.records.values.first { $0.channel.resolvedClientId == direct }?.id)
        let add = MutationRequest(mutation: .addFunds(channelId: number, amount: Money(minorUnits: 2500, currency: before.currency)), idempotencyKey: "k2", correlation: 98)
        _ = reduce(&s, .dialog(.mutationSettled(add, .succeeded("balance"))))
        #expect(s.balances[direct]?.balance?.minorUnits == before.minorUnits + 2500)
        #expect(s.clientsView.rows.first { $0.id == direct }?.balance?.minorUnits == before.minorUnits + 2500)
        // A refused change changes nothing.
        let refused = MutationRequest(mutation: .setMaxChannels(clientId: client.id, partnerPayload: "", maxChannels: 5), idempotencyKey: "k3", correlation: 97)
        _ = reduce(&s, .dialog(.mutationSettled(refused, .failed("no", field: nil))))
        #expect(s.clients[client.id]?.maxChannels == 33)
    }
}

/// Issue 26: filters by state, from a key and the palette, with the text filter.
@Suite struct StateFilterTests {
    @Test func byStateWithTextAndBack() {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: 120, height: 40))
        let c = Fixtures.context
        func press(_ k: String) { for a in KeyRouter.route(Key(k), state: s, context: c) { _ = reduce(&s, a) } }
        let all = s.visible.count
        press("f")
        #expect(s.stateFilter == .needsAction)
        #expect(s.visible.allSatisfy { s.records[$0]?.needsAction == true } && s.visible.count == s.needsActionCount)
        #expect(Screen.render(s, width: 120, height: 40, context: c).text.contains("need action: \(s.needsActionCount)"))
        _ = reduce(&s, .filter(.state(.error)))
        #expect(s.visible.allSatisfy { s.records[$0]?.lifecycle.kind == .error })
        // With the text filter: both apply.
        let someError = s.visible.first.flatMap { s.records[$0] }
        if let r = someError {
            _ = reduce(&s, .filter(.set(r.phone)))
            #expect(s.visible == [r.id])
            _ = reduce(&s, .filter(.clear))
        }
        // The palette names them.
        let entries = Palette.filter(c.paletteEntries(s), query: "filter pending-deletion")
        guard case .stateFilter(let f)? = entries.first?.intent else { Issue.record("no palette entry"); return }
        #expect(f == .pendingDeletion)
        // Esc (back) shows every card again.
        press("esc")
        #expect(s.stateFilter == .all && s.visible.count == all)
    }
}

/// Issue 26: the notification center jumps to the number, and filters by level.
@Suite struct NotificationCenterTests {
    @Test(arguments: [(80, 24), (120, 40)]) func enterJumpsToTheNumberAndLevelsFilter(_ size: (Int, Int)) throws {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let c = Fixtures.context
        func press(_ k: String) { for a in KeyRouter.route(Key(k), state: s, context: c) { _ = reduce(&s, a) } }
        let ids = s.visible.sorted()
        let target = try #require(ids.last), other = try #require(ids.first)
        _ = reduce(&s, .notify(HubNotification(id: "a", level: .warning, time: Fixtures.now, channelId: target, text: "\(s.records[target]!.phone): Live → Unregistered")))
        _ = reduce(&s, .notify(HubNotification(id: "b", level: .info, time: Fixtures.now + 1, channelId: other, text: "\(s.records[other]!.phone) is live (was Pending)")))
        _ = reduce(&s, .notify(HubNotification(id: "c", level: .info, time: Fixtures.now + 2, text: "Exported 44 accounts")))
        // A filter that hides the target: the jump shows it anyway.
        _ = reduce(&s, .filter(.set(s.records[other]!.phone)))
        _ = reduce(&s, .filter(.commit))
        press("n")
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: c), "notifications-center-\(size.0)x\(size.1)")
        press("enter") // the newest is about no number
        #expect(s.overlay == .notifications && s.notifications.flash?.text == "This notification is not about one number.")
        press("l") // warnings and errors only
        #expect(s.notificationsShown.map(\.id) == ["a"])
        press("enter")
        #expect(s.overlay == nil && s.selection == target && s.visible.contains(target) && s.filterText.isEmpty)
    }
}

/// Issue 26: an audit entry whole, with names, at both sizes.
@Suite struct AuditEntryTests {
    @Test(arguments: [(80, 24), (120, 40)]) func enterShowsTheEntryWhole(_ size: (Int, Int)) throws {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let client = try #require(s.clients.values.sorted { $0.id < $1.id }.first)
        _ = reduce(&s, .open(.audit))
        _ = reduce(&s, .auditLoaded([
            AuditEntry(time: Fixtures.now - 60, actor: "ana", action: "set-max-channels", target: "client \(client.id)",
                       request: #"{"setMaxChannels":{"clientId":"\#(client.id)","maxChannels":20,"partnerPayload":"p"}}"#, result: "ok: max channels 20"),
            AuditEntry(time: Fixtures.now - 3600, actor: "bo", action: "refund", target: "channel x", request: "{}", result: nil),
        ]))
        _ = reduce(&s, .dialog(.key(.enter)))
        let text = Screen.render(s, width: size.0, height: size.1, context: Fixtures.context).text
        #expect(text.contains("Audit entry") && text.contains("Who: ana") && text.contains(client.displayCompany))
        Golden.check(Screen.render(s, width: size.0, height: size.1, context: Fixtures.context), "audit-entry-\(size.0)x\(size.1)")
    }
}

/// Issue 26: a message's long line was cut at the dialog's foot ("expected by … (48").
@Suite struct MessageFitTests {
    @Test(arguments: [(80, 24), (120, 40)]) func aRefundInFlightSaysItAll(_ size: (Int, Int)) {
        var s = Fixtures.state()
        _ = reduce(&s, .resized(width: size.0, height: size.1))
        let id = s.visible[0]
        let eur = Currency(code: "EUR")!
        let refund = Refund(id: "rf1", channelId: id, idempotencyKey: "k", amount: Money(minorUnits: 4500, currency: eur), creditNoteInvoiceId: "INV-9",
                            status: .processing, requestedAt: Fixtures.now - 3600, completesAt: Fixtures.now + 60 * 3600)
        let funds = ChannelFunds(channelId: id, prePayment: true, balance: Money(minorUnits: 4500, currency: eur), usageSinceLatestPayment: nil,
                                 billableConversationsSinceLatestPayment: nil, payments: [], refunds: [refund])
        s.openRefund(funds)
        let text = Screen.render(s, width: size.0, height: size.1, context: Fixtures.context).text
        #expect(text.contains("(48") && text.contains("72 hours)."), "\(text)")
    }
}

/// Issue 26: users can be edited or removed only in the Hub; the Users list says so when asked.
@Suite struct UsersEditTests {
    @Test func editOrRemoveSaysWhere() {
        var s = Fixtures.state()
        _ = reduce(&s, .open(.users))
        _ = reduce(&s, .usersLoaded([HubUser(id: "U1", name: "Ana", email: "ana@partner.example", role: "admin", createdAt: Fixtures.now)]))
        for k in [EditKey.insert("e"), .insert("d"), .deleteForward] {
            #expect(reduce(&s, .dialog(.key(k))).isEmpty)
            #expect(s.notifications.flash?.text == AppState.editUsersInHub)
        }
        #expect(DialogKeys.hints(s.dialogs.top!).contains { $0.text == "edit/remove (Hub)" })
    }
}
