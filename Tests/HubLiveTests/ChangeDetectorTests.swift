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
        #expect(texts.contains("+49301 (Shop) is live"))
        #expect(texts.contains("+49301 (Shop): Number registration complete"))
        #expect(texts.contains("+49301 (Shop): Meta business verification verified"))
        #expect(texts.contains("+49301 (Shop): Message on behalf approved"))
        #expect(n.allSatisfy { $0.level == .info && $0.channelId == "1CH" && $0.clientId == "cCL" && $0.time == t0 })
    }

    @Test func pendingDeletionViolationAndRejection() {
        let live = channel("2CH", live: true, state: "running", fb: .verified, obo: .approved)
        // Cancelled: no longer live, terminated_at set (a live account_mode would still be Live, C13).
        #expect(notes([live], [channel("2CH", state: "stopped", fb: .verified, obo: .approved, terminated: true)]).map(\.level) == [.warning])
        let violation = notes([live], [channel("2CH", live: true, state: "running", fb: .verified, obo: .approved, waba: .accountViolation)])
        #expect(violation.count == 1 && violation[0].level == .error && violation[0].text.contains("account violation"))
        let rejected = notes([channel("3CH")], [channel("3CH", fb: .rejected)])
        #expect(rejected.count == 1 && rejected[0].level == .warning && rejected[0].text.hasSuffix("Meta business verification rejected"))
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
