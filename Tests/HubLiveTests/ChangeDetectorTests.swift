import Foundation
import Testing
import HubCore
@testable import HubLive

let t0 = Date(timeIntervalSince1970: 1_763_812_800)

func channel(_ id: String, live: Bool = false, appId: String? = "1", state: String = "created", fb: FBAccountStatus = .pending,
             obo: OBOStatus = .submitted, terminated: Bool = false, waba: WabaStatus = .approved) -> Channel {
    Channel(id: id, clientId: "cCL", accountMode: live ? .live : nil, terminatedAt: terminated ? t0 : nil,
            setupInfo: SetupInfo(phoneNumber: "4930\(id.filter(\.isNumber))", phoneName: "Shop"),
            wabaAccount: WabaAccount(id: "wWA", status: waba, fbAccountStatus: fb, onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo(status: obo)),
            integration: appId.map { Integration(appId: $0, state: state) })
}

@Suite struct ChangeDetectorTests {
    func notes(_ old: [Channel], _ new: [Channel]) -> [HubNotification] {
        ChangeDetector.notifications(old: old, new: new, at: t0)
    }

    @Test func wentLiveAndRegistered() {
        let n = notes([channel("1CH")], [channel("1CH", live: true, state: "running", fb: .verified, obo: .approved)])
        let texts = n.map(\.text)
        #expect(texts.contains("+49301 (Shop) is live (was Pending)"))
        #expect(texts.contains("+49301 (Shop): Number registration complete (was Pending)"))
        #expect(texts.contains("+49301 (Shop): Meta business verification verified (was pending)"))
        #expect(texts.contains("+49301 (Shop): Message on behalf approved (was pending)"))
        #expect(n.allSatisfy { $0.level == .info && $0.channelId == "1CH" && $0.clientId == "cCL" && $0.time == t0 })
    }

    @Test func pendingDeletionViolationAndRejection() {
        let live = channel("2CH", live: true, state: "running", fb: .verified, obo: .approved)
        // Cancelled: no longer live, terminated_at set (a live account_mode would still be Live, C13).
        let deleting = notes([live], [channel("2CH", state: "stopped", fb: .verified, obo: .approved, terminated: true)])
        #expect(deleting.map(\.level) == [.warning, .warning])
        #expect(deleting.map(\.text) == ["+49302 (Shop) is pending deletion (was Live)", "+49302 (Shop): Number registration Registered → Deregistered"])
        let violation = notes([live], [channel("2CH", live: true, state: "running", fb: .verified, obo: .approved, waba: .accountViolation)])
        #expect(violation.count == 1 && violation[0].level == .error && violation[0].text.contains("account violation"))
        let rejected = notes([channel("3CH")], [channel("3CH", fb: .rejected)])
        #expect(rejected.count == 1 && rejected[0].level == .warning && rejected[0].text.hasSuffix("Meta business verification rejected (was pending). Complete Meta business verification"))
    }

    /// Issue 25, C3: every status change is notified, not only changes into Live, Pending
    /// deletion or Error; each with the old and new state and what the client must do.
    @Test func everyStatusChangeWithOldNewAndWhatToDo() {
        let live = channel("6CH", live: true, state: "running", fb: .verified, obo: .approved)
        // A regression: Live to Unregistered (hub_status), with the seed's guidance (C15).
        var unregistered = channel("6CH", live: true, state: "running", fb: .verified, obo: .approved)
        unregistered.hubStatus = .unregistered
        let down = notes([live], [unregistered])
        #expect(down.first?.text == "+49306 (Shop): Live → Unregistered. Create a ticket with 360dialog support to get the number reconnected")
        #expect(down.first?.level == .warning)
        #expect(down.contains { $0.text == "+49306 (Shop): Number registration Registered → Not registered. Register the number" })

        // Classic to Classic: verified to certificate_declined.
        func classic(_ s: ChannelStatus, name: String? = nil) -> Channel {
            Channel(id: "7CH", clientId: "cCL", status: s, version: 1,
                    setupInfo: SetupInfo(phoneNumber: "49307", phoneName: "Shop", newNameStatus: name), integration: Integration(appId: "1", state: "created"))
        }
        let declined = notes([classic(.verified)], [classic(.certificateDeclined)])
        #expect(declined.first?.text == "+49307 (Shop): Verified → Name declined. Submit an approvable display name")
        #expect(declined.first?.level == .warning)
        // Unverified is "not approved in the Commerce Policy review", not "In review".
        #expect(notes([classic(.created)], [classic(.unverified)]).first?.text.contains("Created → Not approved (Commerce Policy review)") == true)

        // A display name declined (new_name_status), on a number whose status did not change.
        let renamed = notes([channel("8CH", live: true, state: "running", fb: .verified, obo: .approved)],
                            [{ var c = channel("8CH", live: true, state: "running", fb: .verified, obo: .approved)
                               c.setupInfo = SetupInfo(phoneNumber: "49308", phoneName: "Shop", newNameStatus: "DECLINED"); return c }()])
        #expect(renamed.map(\.text) == ["+49308 (Shop): display name \"Shop\" declined (new_name_status DECLINED, was none). Submit an approvable display name"])
        #expect(renamed.first?.level == .warning)

        // Meta asks for more information: an action for the client, not "pending".
        let more = notes([channel("9CH")], [channel("9CH", fb: .pendingNeedMoreInfo)])
        #expect(more.first { $0.id.hasPrefix("9CH-mbv") }?.text == "+49309 (Shop): Meta business verification meta needs more information (was pending). Complete Meta business verification")
        #expect(more.first { $0.id.hasPrefix("9CH-mbv") }?.level == .warning)

        // A number that stays Live by account_mode and gets terminated_at is said to be both.
        let both = notes([live], [channel("6CH", live: true, state: "running", fb: .verified, obo: .approved, terminated: true)])
        #expect(both.first?.text == "+49306 (Shop) is pending deletion (still Live until it is deleted)")
        // A pending number whose list of blockers changes is not a status change.
        #expect(notes([channel("10CH", fb: .pending)], [channel("10CH", fb: .pending, obo: .rejected)]).allSatisfy { !$0.id.contains("-status-") })
    }

    @Test func newAndGoneNumbersAndNothingWhenUnchanged() {
        let a = channel("4CH"), b = channel("5CH")
        #expect(notes([a], [a]).isEmpty)
        let n = notes([a], [b])
        #expect(Set(n.map(\.id)) == ["5CH-new", "4CH-gone"])
    }

    /// The same change gives the same ID, so the store shows it once.
    @Test func idsAreStable() {
        let before = [channel("6CH")], after = [channel("6CH", live: true, state: "running")]
        #expect(notes(before, after).map(\.id) == notes(before, after).map(\.id))
        var q = NotificationQueue()
        for n in notes(before, after) + notes(before, after) { q.push(n) }
        #expect(q.history.count == notes(before, after).count)
    }

    /// Lists in ID order are walked side by side, others through an index: same answer.
    @Test func sortedAndUnorderedListsGiveTheSameNotifications() {
        let old = (10...40).map { channel("\($0)CH") }.sorted { $0.id < $1.id }
        var new = old
        new[3] = channel(old[3].id, live: true, state: "running")
        new.remove(at: 10)
        new.append(channel("99CH"))
        let sorted = new.sorted { $0.id < $1.id }
        let walked = ChangeDetector.notifications(old: old, new: sorted, at: t0)
        let indexed = ChangeDetector.notifications(old: old, new: sorted.reversed(), at: t0)
        #expect(Set(walked.map(\.id)) == Set(indexed.map(\.id)))
        #expect(Set(walked.map(\.id)) == ["\(old[3].id)-live", "\(old[3].id)-registered", "\(old[10].id)-gone", "99CH-new"])
        // A change only the facts key sees (a mutation through a nested object) is found too.
        var violated = sorted
        violated[0].wabaAccount?.status = .accountViolation
        #expect(violated[0].factsKey != sorted[0].factsKey)
        #expect(ChangeDetector.notifications(old: sorted, new: violated, at: t0).map(\.id) == ["\(sorted[0].id)-violation-account_violation"])
    }
}
