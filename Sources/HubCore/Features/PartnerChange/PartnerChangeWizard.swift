import Foundation

/// The Change Partner wizard (P1..P4) as a value: a step, what the agent entered, and a
/// pure `send(_:)`. Errors are states, so the wizard can be rendered, saved and resumed as is.
public struct PartnerChangeWizard: Codable, Hashable, Sendable {
    public enum Step: Codable, Hashable, Sendable {
        case companyInformation
        case destinationPartner
        case reviewNumbers
        case terms
        case submitting
        /// The submission got no clear answer (network lost, 5xx after retries): it may or may
        /// not have reached the server. Bound when the request shows up; "Send again" reuses the key.
        case unconfirmed(String)
        case paymentMethod
        case approval(Approval)
        /// The change cannot go on here; the client must contact support (P3).
        case blocked(BlockReason)
        case cancelled
    }

    public enum Approval: String, Codable, Hashable, Sendable {
        case pending, approved, autoApproved, failed

        public var label: String {
            switch self {
            case .pending: return "Waiting for the destination partner's approval"
            case .approved: return "Approved: all numbers moved"
            case .autoApproved: return "Approved automatically: all numbers moved"
            case .failed: return "The partner change failed"
            }
        }
    }

    public enum BlockReason: Codable, Hashable, Sendable {
        /// Legacy account: the Change Partner action is greyed out.
        case legacyAccount
        /// "Destination partner is using a different payment processor."
        case differentPaymentProcessor
        case rejected(String)

        public var message: String {
            switch self {
            case .legacyAccount: return "Change Partner is not available for this legacy account. Contact 360dialog support."
            case .differentPaymentProcessor: return "Destination partner is using a different payment processor. Contact 360dialog support."
            case .rejected(let m): return m
            }
        }
    }

    public struct CompanyInformation: Codable, Hashable, Sendable {
        public var legalName: String
        public var country: String
        public var address: String

        public init(legalName: String, country: String, address: String) {
            self.legalName = legalName
            self.country = country
            self.address = address
        }

        public var missingFields: [String] {
            var out: [String] = []
            if legalName.trimmingCharacters(in: .whitespaces).isEmpty { out.append("Company legal name") }
            if country.trimmingCharacters(in: .whitespaces).isEmpty { out.append("Country") }
            if address.trimmingCharacters(in: .whitespaces).isEmpty { out.append("Address") }
            return out
        }
    }

    public enum Event: Hashable, Sendable {
        case submitCompanyInformation(CompanyInformation)
        case enterPartnerId(String)
        case confirmNumbers
        case acceptTerms(Bool)
        /// The answer to the submission.
        case submitted(SubmitResult)
        /// Sends the submission again after an unclear answer (same idempotency key).
        case resend
        case paymentMethodConfirmed
        case approvalChanged(PartnerChangeRequestStatus, autoApproved: Bool)
        case back
        case cancel
    }

    public enum SubmitResult: Hashable, Sendable {
        case accepted(requestId: String, paymentMethodRequired: Bool, autoApproved: Bool)
        case differentPaymentProcessor
        case failed(String)
        /// No answer that says whether it was applied.
        case unknown(String)
    }

    /// What the caller must do after a transition.
    public enum Command: Hashable, Sendable {
        case submitRequest(wabaAccountId: String, destinationPartnerId: String, channelIds: [String])
        case withdrawRequest(String)
    }

    public let wabaAccountId: String
    public let currentPartnerId: String
    /// Every number of the WABA: they all move together (P2).
    public let channelIds: [String]
    public let companyInfoWasIncomplete: Bool

    public private(set) var step: Step
    public private(set) var companyInformation: CompanyInformation
    public private(set) var destinationPartnerId: String = ""
    public private(set) var termsAccepted = false
    public private(set) var requestId: String?
    public private(set) var paymentMethodRequired = false
    /// The last validation message to show on the current step; nil when all is well.
    public private(set) var validationError: String?
    /// When the terms were confirmed and the request first sent: a request created before it
    /// is an earlier one and never taken for this submission (`PartnerChangeMatch`).
    public internal(set) var submittedAt: Date?
    /// The destination as looked up (brand, payment method, automatic approval), kept so that
    /// a wizard resumed after a restart still asks for the payment method when it must.
    public internal(set) var destination: PartnerSummary?
    /// The submission's idempotency key, kept with the wizard so "Send again" after a restart
    /// reuses it.
    public internal(set) var submissionKey: String?
    /// Live: the company information is the client's to complete in their Hub, not asked here.
    /// (Optional in storage: wizards saved before it decode as before.)
    private var companyInHubFlag: Bool?
    public var companyStepInHub: Bool { companyInHubFlag == true }

    /// Skips the company step: the Hub asks the client for it (P4 step 2) when it needs it.
    public mutating func companyInHub() {
        guard step == .companyInformation else { return }
        companyInHubFlag = true
        step = .destinationPartner
    }

    public init(wabaAccountId: String, currentPartnerId: String, channelIds: [String],
                companyInformation: CompanyInformation, isLegacyAccount: Bool = false) {
        self.wabaAccountId = wabaAccountId
        self.currentPartnerId = currentPartnerId
        self.channelIds = channelIds
        self.companyInformation = companyInformation
        self.companyInfoWasIncomplete = !companyInformation.missingFields.isEmpty
        if isLegacyAccount { step = .blocked(.legacyAccount) }
        else { step = companyInfoWasIncomplete ? .companyInformation : .destinationPartner }
    }

    /// Checks a Partner ID as typed: letters and digits ending in `PA`, not the current partner.
    public static func validatePartnerId(_ raw: String, currentPartnerId: String) -> String? {
        let id = raw.trimmingCharacters(in: .whitespaces)
        if id.isEmpty { return "Enter the Partner ID of the destination partner." }
        guard id.count >= 3, id.count <= 64, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), id.hasSuffix("PA") else {
            return "This is not a Partner ID (letters and digits ending in PA)."
        }
        if id == currentPartnerId { return "\(id) is already the current partner." }
        return nil
    }

    /// A step back from here discards the wizard (nothing was submitted yet).
    public var isOnFirstStep: Bool {
        switch step {
        case .companyInformation: return true
        case .destinationPartner: return !companyInfoWasIncomplete || companyStepInHub
        default: return false
        }
    }

    public var isFinished: Bool {
        switch step {
        case .cancelled, .blocked, .approval(.approved), .approval(.autoApproved), .approval(.failed): return true
        default: return false
        }
    }

    /// Applies one event; returns what the caller must do, if anything. Events that do not fit
    /// the current step leave the wizard unchanged.
    @discardableResult
    public mutating func send(_ event: Event) -> Command? {
        validationError = nil
        switch (step, event) {
        case (.approval(.approved), .cancel), (.approval(.autoApproved), .cancel), (.approval(.failed), .cancel), (.cancelled, .cancel):
            return nil

        case (.submitting, .cancel), (.unconfirmed, .cancel):
            // It may have reached the server: dropping the wizard now would leave a request unseen.
            validationError = "The request may have reached the server; partnerhub keeps following it until it shows up or is known not to exist."
            return nil

        case (_, .cancel):
            let submitted = requestId
            step = .cancelled
            return submitted.map { Command.withdrawRequest($0) }

        case (.companyInformation, .submitCompanyInformation(let info)):
            companyInformation = info
            let missing = info.missingFields
            if missing.isEmpty { step = .destinationPartner } else { validationError = "Missing: " + missing.joined(separator: ", ") }

        case (.destinationPartner, .enterPartnerId(let raw)):
            destinationPartnerId = raw.trimmingCharacters(in: .whitespaces)
            if let error = Self.validatePartnerId(raw, currentPartnerId: currentPartnerId) { validationError = error }
            else { step = .reviewNumbers }

        case (.reviewNumbers, .confirmNumbers):
            step = .terms

        case (.terms, .acceptTerms(let accepted)):
            termsAccepted = accepted
            if accepted {
                step = .submitting
                return .submitRequest(wabaAccountId: wabaAccountId, destinationPartnerId: destinationPartnerId, channelIds: channelIds)
            }
            validationError = "Confirm the terms to submit the Partner Change Request."

        case (.submitting, .submitted(let result)):
            switch result {
            case .accepted(let id, let paymentRequired, let auto):
                requestId = id
                paymentMethodRequired = paymentRequired
                step = paymentRequired ? .paymentMethod : .approval(auto ? .autoApproved : .pending)
            case .differentPaymentProcessor:
                step = .blocked(.differentPaymentProcessor)
            case .failed(let message):
                step = .terms
                validationError = message
            case .unknown(let message):
                step = .unconfirmed(message)
            }

        case (.unconfirmed, .submitted(.accepted(let id, let paymentRequired, let auto))):
            requestId = id
            paymentMethodRequired = paymentRequired
            step = paymentRequired ? .paymentMethod : .approval(auto ? .autoApproved : .pending)

        case (.unconfirmed, .resend):
            step = .submitting
            return .submitRequest(wabaAccountId: wabaAccountId, destinationPartnerId: destinationPartnerId, channelIds: channelIds)

        case (.paymentMethod, .paymentMethodConfirmed):
            step = .approval(.pending)

        case (.approval(.pending), .approvalChanged(let status, let auto)),
             (.paymentMethod, .approvalChanged(let status, let auto)):
            switch status {
            case .completed: step = .approval(auto ? .autoApproved : .approved)
            case .failed: step = .approval(.failed)
            default: break
            }

        case (_, .back):
            goBack()

        default:
            break
        }
        return nil
    }

    private mutating func goBack() {
        switch step {
        case .companyInformation: step = .cancelled
        case .destinationPartner: step = companyInfoWasIncomplete && !companyStepInHub ? .companyInformation : .cancelled
        case .reviewNumbers: step = .destinationPartner
        case .terms: step = .reviewNumbers
        case .blocked(.differentPaymentProcessor): step = .destinationPartner
        case .blocked: step = .cancelled
        case .submitting, .unconfirmed, .paymentMethod, .approval, .cancelled:
            // Submitted requests are not undone by Back; Cancel withdraws them.
            validationError = requestId == nil ? nil : "The request is submitted; Cancel withdraws it."
        }
    }

    public var stepTitle: String {
        switch step {
        case .companyInformation: return "Company information"
        case .destinationPartner: return "Destination partner"
        case .reviewNumbers: return "Review numbers"
        case .terms: return "Terms"
        case .submitting: return "Submitting"
        case .unconfirmed: return "Not confirmed"
        case .paymentMethod: return "Payment method"
        case .approval: return "Partner approval"
        case .blocked: return "Cannot change partner"
        case .cancelled: return "Cancelled"
        }
    }
}
