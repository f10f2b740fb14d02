import Foundation
import Testing
@testable import HubCore

/// One test per rule of `Channel.lifecycle` (C13, C14) and of the required actions.
@Suite struct LifecycleTests {
    func channel(version: Int? = 2, accountMode: AccountMode? = nil, status: ChannelStatus? = nil, hubStatus: HubStatus? = nil,
                 appId: String? = "104148", state: String? = "running", terminated: Bool = false,
                 fb: FBAccountStatus? = .verified, obo: OBOStatus? = .approved, error: String? = nil, nameStatus: String? = nil) -> Channel {
        Channel(id: "c1CH", clientId: "c1CL", accountMode: accountMode, status: status, hubStatus: hubStatus, version: version,
                terminatedAt: terminated ? testNow : nil,
                setupInfo: SetupInfo(phoneNumber: "4930609859535", phoneName: "Shop", newNameStatus: nameStatus, error: error),
                wabaAccount: WabaAccount(id: "w1WA", fbAccountStatus: fb, onBehalfOfBusinessInfo: obo.map { OnBehalfOfBusinessInfo(status: $0) }),
                integration: appId == nil ? nil : Integration(appId: appId, state: state))
    }

    @Test func accountModeLiveIsLive() {
        #expect(channel(accountMode: .live).lifecycle() == .live)
    }

    @Test func embeddedSignupIgnoresStatus() {
        // Version 2: `status` is ignored; account_mode decides.
        #expect(channel(accountMode: .live, status: .error).lifecycle() == .live)
        #expect(channel(accountMode: .live, status: .created).lifecycle() == .live)
    }

    @Test func terminatedAtIsPendingDeletion() {
        #expect(channel(appId: nil, terminated: true).lifecycle() == .pendingDeletion)
        #expect(channel(accountMode: .sandbox, terminated: true).lifecycle() == .pendingDeletion)
        // The seed's order: account_mode live first, hub_status wins over both.
        #expect(channel(accountMode: .live, terminated: true).lifecycle() == .live)
        #expect(channel(hubStatus: .live, terminated: true).lifecycle() == .live)
    }

    @Test func noAppIdAndNoTerminatedAtIsDraft() {
        #expect(channel(accountMode: .sandbox, appId: nil).lifecycle() == .draft)
        #expect(channel(appId: "").lifecycle() == .draft)
    }

    @Test func classicSignupReadyIsLive() {
        #expect(channel(version: 1, status: .ready).lifecycle() == .live)
    }

    @Test func classicSignupOtherStates() {
        #expect(channel(version: 1, status: .created).lifecycle() == .classic(.created))
        #expect(channel(version: 1, status: .unverified).lifecycle() == .classic(.unverified))
        #expect(channel(version: 1, status: .verified).lifecycle() == .classic(.verified))
        #expect(channel(version: 1, status: .certificateDeclined).lifecycle() == .classic(.certificateDeclined))
        #expect(channel(version: 1, status: .newNameRequested).lifecycle() == .classic(.newNameRequested))
        #expect(channel(version: 1, status: .error, error: "Number is banned").lifecycle() == .error("Number is banned"))
        #expect(channel(version: 1, status: .unknown("porting")).lifecycle() == .classic(.unknown("porting")))
        // account_mode does not make a Classic channel live.
        #expect(channel(version: 1, accountMode: .live, status: .verified).lifecycle() == .classic(.verified))
        #expect(channel(version: 1, status: .certificateDeclined).lifecycle().label == "Name declined")
    }

    @Test func hubStatusIsUsedWhenPresent() {
        #expect(channel(hubStatus: .live).lifecycle() == .live)
        #expect(channel(hubStatus: .done).lifecycle() == .live)
        #expect(channel(hubStatus: .sandbox).lifecycle() == .sandbox)
        #expect(channel(hubStatus: .pendingDeletion).lifecycle() == .pendingDeletion)
        #expect(channel(hubStatus: .draft).lifecycle() == .draft)
        #expect(channel(hubStatus: .unregistered).lifecycle() == .unregistered)
        #expect(channel(hubStatus: .pending, fb: .pending).lifecycle() == .pending([]))
        #expect(channel(hubStatus: .pending, fb: .notVerified).lifecycle() == .pending([.metaBusinessVerification]))
        // An unknown hub_status falls through to the other signals.
        #expect(channel(accountMode: .live, hubStatus: .unknown("frozen")).lifecycle() == .live)
    }

    @Test func sandboxAccountMode() {
        #expect(channel(accountMode: .sandbox).lifecycle() == .sandbox)
    }

    @Test func setupErrorIsError() {
        #expect(channel(accountMode: nil, error: "Display name rejected by Meta").lifecycle() == .error("Display name rejected by Meta"))
    }

    @Test func pendingCarriesWhatBlocksIt() {
        let c = channel(accountMode: nil, appId: "1", state: "created", fb: .notVerified, obo: .submitted)
        #expect(c.lifecycle() == .pending([.metaBusinessVerification]))
        let c2 = channel(accountMode: nil, state: "created", fb: .rejected, obo: .denied, nameStatus: "DECLINED")
        #expect(c2.lifecycle() == .pending([.metaBusinessVerification, .messageOnBehalf, .displayName]))
        // No on_behalf_of_business_info: unknown, so not a blocker.
        let c3 = channel(accountMode: nil, state: "created", fb: .rejected, obo: nil, nameStatus: "DECLINED")
        #expect(c3.lifecycle() == .pending([.metaBusinessVerification, .displayName]))
    }

    @Test func requiredActionsAreOrdered() {
        let c = channel(accountMode: nil, appId: "1", state: "created", fb: .notVerified, obo: .rejected, nameStatus: "REJECTED")
        let negative = Money(minorUnits: -120, currency: .eur)
        #expect(c.requiredActions(balance: negative, directPayment: true) == [.metaBusinessVerification, .messageOnBehalf, .displayName, .payment])
        // Payment only for direct-payment clients below zero.
        #expect(!c.requiredActions(balance: negative, directPayment: false).contains(.payment))
        #expect(!c.requiredActions(balance: .zero(.eur), directPayment: true).contains(.payment))
        // Registration needed when there is no app yet.
        #expect(channel(appId: nil).requiredActions() == [.numberRegistration])
        // Nothing for a channel pending deletion.
        #expect(channel(terminated: true, fb: .rejected).requiredActions() == [])
        // Absent activation objects ask nothing of the client.
        #expect(channel(accountMode: nil, state: "created", fb: nil, obo: nil).requiredActions() == [])
        #expect(channel(version: 1, status: .certificateDeclined).requiredActions() == [.displayName])
    }

    @Test func urgencyPutsErrorsFirst() {
        let order: [Lifecycle] = [.error(nil), .pending([]), .unregistered, .draft, .pendingDeletion, .sandbox, .live]
        #expect(order.map(\.urgency) == order.map(\.urgency).sorted())
    }
}

/// `isLive` is the short way to `lifecycle() == .live`: every combination of the fields the
/// rules read must give the same answer both ways.
@Suite struct IsLiveTests {
    @Test func isLiveAgreesWithTheLifecycleOnEveryCombination() {
        var checked = 0
        for version in [nil, 1, 2, 7] as [Int?] {
            for mode in [nil, AccountMode.live, .sandbox] {
                for status in [nil, ChannelStatus.ready, .created, .error, .verified] {
                    for hub in [nil, HubStatus.live, .done, .pending, .draft, .unknown("new"), .unregistered] {
                        for terminated in [false, true] {
                            for appId in [nil, "1"] as [String?] {
                                let c = Channel(id: "xCH", accountMode: mode, status: status, hubStatus: hub, version: version,
                                                terminatedAt: terminated ? testNow : nil,
                                                integration: appId.map { Integration(appId: $0, state: "running") })
                                #expect(c.isLive == (c.lifecycle() == .live), "\(version as Any) \(mode as Any) \(status as Any) \(hub as Any) \(terminated) \(appId as Any)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 4 * 3 * 5 * 7 * 2 * 2)
    }
}
