import Foundation
import Testing
@testable import HubCore

@Suite struct PartnerChangeWizardTests {
    let complete = PartnerChangeWizard.CompanyInformation(legalName: "Shop GmbH", country: "DE", address: "Hauptstr. 1")
    let incomplete = PartnerChangeWizard.CompanyInformation(legalName: "Shop GmbH", country: "", address: "")

    func wizard(info: PartnerChangeWizard.CompanyInformation? = nil, legacy: Bool = false) -> PartnerChangeWizard {
        PartnerChangeWizard(wabaAccountId: "w1WA", currentPartnerId: "oldOnePA", channelIds: ["a1CH", "b2CH", "c3CH"],
                            companyInformation: info ?? complete, isLegacyAccount: legacy)
    }

    @Test func happyPathWithPaymentAndApproval() {
        var w = wizard(info: incomplete)
        #expect(w.step == .companyInformation)
        w.send(.submitCompanyInformation(incomplete))
        #expect(w.step == .companyInformation && w.validationError == "Missing: Country, Address")
        w.send(.submitCompanyInformation(complete))
        #expect(w.step == .destinationPartner)
        w.send(.enterPartnerId(" f167CmPA "))
        #expect(w.step == .reviewNumbers && w.destinationPartnerId == "f167CmPA")
        w.send(.confirmNumbers)
        #expect(w.step == .terms)
        #expect(w.send(.acceptTerms(false)) == nil)
        #expect(w.step == .terms && w.validationError != nil)
        // All numbers of the WABA move together (P2).
        #expect(w.send(.acceptTerms(true)) == .submitRequest(wabaAccountId: "w1WA", destinationPartnerId: "f167CmPA", channelIds: ["a1CH", "b2CH", "c3CH"]))
        #expect(w.step == .submitting)
        w.send(.submitted(.accepted(requestId: "r1PCR", paymentMethodRequired: true, autoApproved: false)))
        #expect(w.step == .paymentMethod)
        w.send(.paymentMethodConfirmed)
        #expect(w.step == .approval(.pending))
        w.send(.approvalChanged(.pending, autoApproved: false))
        #expect(w.step == .approval(.pending))
        w.send(.approvalChanged(.completed, autoApproved: false))
        #expect(w.step == .approval(.approved) && w.isFinished)
    }

    @Test func companyInformationSkippedWhenComplete() {
        #expect(wizard().step == .destinationPartner)
    }

    @Test func autoApprovedWithoutPayment() {
        var w = wizard()
        w.send(.enterPartnerId("WdBs71PA")); w.send(.confirmNumbers); w.send(.acceptTerms(true))
        w.send(.submitted(.accepted(requestId: "r", paymentMethodRequired: false, autoApproved: true)))
        #expect(w.step == .approval(.autoApproved))
    }

    @Test func approvalCanFail() {
        var w = wizard()
        w.send(.enterPartnerId("WdBs71PA")); w.send(.confirmNumbers); w.send(.acceptTerms(true))
        w.send(.submitted(.accepted(requestId: "r", paymentMethodRequired: false, autoApproved: false)))
        w.send(.approvalChanged(.failed, autoApproved: false))
        #expect(w.step == .approval(.failed))
    }

    @Test func partnerIdValidation() {
        #expect(PartnerChangeWizard.validatePartnerId("", currentPartnerId: "oldOnePA") != nil)
        #expect(PartnerChangeWizard.validatePartnerId("f167Cm", currentPartnerId: "oldOnePA")?.contains("not a Partner ID") == true)
        #expect(PartnerChangeWizard.validatePartnerId("f16 7CmPA", currentPartnerId: "oldOnePA") != nil)
        #expect(PartnerChangeWizard.validatePartnerId("exampleCL", currentPartnerId: "oldOnePA") != nil)
        #expect(PartnerChangeWizard.validatePartnerId("oldOnePA", currentPartnerId: "oldOnePA") == "oldOnePA is already the current partner.")
        #expect(PartnerChangeWizard.validatePartnerId("f167CmPA", currentPartnerId: "oldOnePA") == nil)
        var w = wizard()
        w.send(.enterPartnerId("oldOnePA"))
        #expect(w.step == .destinationPartner && w.validationError == "oldOnePA is already the current partner.")
    }

    @Test func legacyAccountIsGreyedOut() {
        var w = wizard(legacy: true)
        #expect(w.step == .blocked(.legacyAccount))
        w.send(.enterPartnerId("f167CmPA"))
        #expect(w.step == .blocked(.legacyAccount))
        w.send(.back)
        #expect(w.step == .cancelled)
    }

    @Test func differentPaymentProcessorIsAState() {
        var w = wizard()
        w.send(.enterPartnerId("f167CmPA")); w.send(.confirmNumbers); w.send(.acceptTerms(true))
        w.send(.submitted(.differentPaymentProcessor))
        #expect(w.step == .blocked(.differentPaymentProcessor))
        if case .blocked(let reason) = w.step { #expect(reason.message.contains("Destination partner is using a different payment processor")) }
        w.send(.back)
        #expect(w.step == .destinationPartner)
    }

    @Test func failedSubmissionReturnsToTermsWithMessage() {
        var w = wizard()
        w.send(.enterPartnerId("f167CmPA")); w.send(.confirmNumbers); w.send(.acceptTerms(true))
        w.send(.submitted(.failed("Partner not found")))
        #expect(w.step == .terms && w.validationError == "Partner not found")
    }

    @Test func backWalksEveryStep() {
        var w = wizard(info: incomplete)
        w.send(.submitCompanyInformation(complete)); w.send(.enterPartnerId("f167CmPA")); w.send(.confirmNumbers)
        #expect(w.step == .terms)
        w.send(.back); #expect(w.step == .reviewNumbers)
        w.send(.back); #expect(w.step == .destinationPartner)
        w.send(.back); #expect(w.step == .companyInformation)
        w.send(.back); #expect(w.step == .cancelled)
        var w2 = wizard()
        w2.send(.back); #expect(w2.step == .cancelled)
    }

    @Test func backAfterSubmitKeepsTheRequest() {
        var w = wizard()
        w.send(.enterPartnerId("f167CmPA")); w.send(.confirmNumbers); w.send(.acceptTerms(true))
        w.send(.submitted(.accepted(requestId: "r9PCR", paymentMethodRequired: true, autoApproved: false)))
        w.send(.back)
        #expect(w.step == .paymentMethod && w.validationError == "The request is submitted; Cancel withdraws it.")
    }

    @Test func cancelFromEveryStep() {
        var steps: [PartnerChangeWizard] = []
        var w = wizard(info: incomplete); steps.append(w)
        w.send(.submitCompanyInformation(complete)); steps.append(w)
        w.send(.enterPartnerId("f167CmPA")); steps.append(w)
        w.send(.confirmNumbers); steps.append(w)
        for var s in steps {
            #expect(s.send(.cancel) == nil)
            #expect(s.step == .cancelled)
        }
        // Sent, answer not in yet (or lost): the request may exist, so the wizard is not dropped.
        w.send(.acceptTerms(true))
        var sending = w
        #expect(sending.send(.cancel) == nil && sending.step == .submitting && sending.validationError?.contains("may have reached") == true)
        var unclear = w
        unclear.send(.submitted(.unknown("timed out")))
        #expect(unclear.step == .unconfirmed("timed out"))
        #expect(unclear.send(.cancel) == nil && unclear.step == .unconfirmed("timed out"))
        // Send again: the same submission command; a late answer binds it.
        #expect(unclear.send(.resend) == .submitRequest(wabaAccountId: unclear.wabaAccountId, destinationPartnerId: "f167CmPA", channelIds: unclear.channelIds))
        unclear.send(.submitted(.unknown("timed out again")))
        unclear.send(.submitted(.accepted(requestId: "r8PCR", paymentMethodRequired: false, autoApproved: false)))
        #expect(unclear.step == .approval(.pending) && unclear.requestId == "r8PCR")
        // After submission, cancel withdraws the request.
        w.send(.submitted(.accepted(requestId: "r7PCR", paymentMethodRequired: true, autoApproved: false)))
        var pay = w
        #expect(pay.send(.cancel) == .withdrawRequest("r7PCR"))
        #expect(pay.step == .cancelled)
        w.send(.paymentMethodConfirmed)
        var approval = w
        #expect(approval.send(.cancel) == .withdrawRequest("r7PCR"))
        // A finished change cannot be cancelled.
        w.send(.approvalChanged(.completed, autoApproved: false))
        #expect(w.send(.cancel) == nil && w.step == .approval(.approved))
    }

    @Test func savedAndResumed() throws {
        var w = wizard(info: incomplete)
        w.send(.submitCompanyInformation(complete)); w.send(.enterPartnerId("f167CmPA"))
        let data = try JSONEncoder().encode(w)
        var resumed = try JSONDecoder().decode(PartnerChangeWizard.self, from: data)
        #expect(resumed == w)
        #expect(resumed.step == .reviewNumbers)
        resumed.send(.back); resumed.send(.back)
        #expect(resumed.step == .companyInformation) // remembers the company step was shown
    }
}
