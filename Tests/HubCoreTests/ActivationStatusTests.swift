import Foundation
import Testing
@testable import HubCore

@Suite struct ActivationStatusTests {
    func statuses(fb: FBAccountStatus? = nil, obo: OBOStatus? = nil, appId: String? = nil, state: String? = nil,
                  accountMode: AccountMode? = nil, version: Int = 2, status: ChannelStatus? = nil, terminated: Bool = false) -> ActivationStatuses {
        ActivationStatuses(channel: Channel(
            id: "xCH", accountMode: accountMode, status: status, version: version, terminatedAt: terminated ? testNow : nil,
            wabaAccount: WabaAccount(id: "wWA", fbAccountStatus: fb, onBehalfOfBusinessInfo: obo.map { OnBehalfOfBusinessInfo(status: $0) }),
            integration: appId.map { Integration(appId: $0, state: state) }))
    }

    @Test func messageOnBehalf() {
        #expect(statuses(obo: .approved).messageOnBehalf.label(for: .messageOnBehalf) == "Approved")
        #expect(statuses(obo: .submitted).messageOnBehalf.label(for: .messageOnBehalf) == "Pending")
        #expect(statuses(obo: .rejected).messageOnBehalf.label(for: .messageOnBehalf) == "Rejected")
        #expect(statuses(obo: .denied).messageOnBehalf == .rejected)
        // Absent: the API did not say. Unknown, and nothing asked of the client.
        #expect(statuses(obo: nil).messageOnBehalf.label(for: .messageOnBehalf) == "Unknown")
        #expect(!statuses(obo: nil).messageOnBehalf.needsAction)
        #expect(statuses(obo: .unknown("x")).messageOnBehalf.label(for: .messageOnBehalf) == "Unknown (x)")
    }

    @Test func metaBusinessVerification() {
        let col = ActivationStatus.Column.metaBusinessVerification
        #expect(statuses(fb: .verified).metaBusinessVerification.label(for: col) == "Verified")
        #expect(statuses(fb: .pending).metaBusinessVerification.label(for: col) == "Pending")
        #expect(!statuses(fb: .pending).metaBusinessVerification.needsAction)
        // Issue 25: Meta waits for the client: an action, not "pending".
        #expect(statuses(fb: .pendingNeedMoreInfo).metaBusinessVerification.label(for: col) == "Meta needs more information")
        #expect(statuses(fb: .pendingSubmission).metaBusinessVerification.label(for: col) == "Not submitted")
        #expect(statuses(fb: .pendingNeedMoreInfo).metaBusinessVerification.needsAction && statuses(fb: .pendingSubmission).metaBusinessVerification.needsAction)
        #expect(statuses(fb: .rejected).metaBusinessVerification.label(for: col) == "Rejected")
        #expect(statuses(fb: .failed).metaBusinessVerification.label(for: col) == "Rejected")
        #expect(statuses(fb: .notVerified).metaBusinessVerification.label(for: col) == "Not verified")
        #expect(statuses(fb: nil).metaBusinessVerification.label(for: col) == "Unknown")
        #expect(!statuses(fb: nil).metaBusinessVerification.needsAction)
    }

    @Test func numberRegistration() {
        let col = ActivationStatus.Column.numberRegistration
        #expect(statuses(appId: "1", state: "running").numberRegistration.label(for: col) == "Registered")
        #expect(statuses(appId: "1", state: "created", accountMode: .live).numberRegistration.label(for: col) == "Registered")
        #expect(statuses(appId: "1", version: 1, status: .ready).numberRegistration.label(for: col) == "Registered")
        #expect(statuses(appId: "1", state: "created").numberRegistration.label(for: col) == "Pending")
        #expect(statuses(appId: nil).numberRegistration.label(for: col) == "Not registered")
        #expect(statuses(appId: "1", state: "stopped", terminated: true).numberRegistration.label(for: col) == "Deregistered")
        // Cancelled but still running until it is deleted: still registered.
        #expect(statuses(appId: "1", state: "running", terminated: true).numberRegistration.label(for: col) == "Registered")
        // Classic Signup: "created: the account was created but the number wasn't registered".
        #expect(statuses(version: 1, status: .created).numberRegistration.label(for: col) == "Not registered")
        #expect(statuses(version: 1, status: .verified).numberRegistration.label(for: col) == "Pending")
    }
}
