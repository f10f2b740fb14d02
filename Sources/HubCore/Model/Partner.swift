import Foundation

/// `GET /partners/{partner_id}` (reference §5.1).
public struct Partner: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var brandName: String?
    public var logoUrl: String?
    public var webhookUrl: String?
    public var partnerRedirectUrl: String?
    public var country: String?
    public var allowClientToAddPhoneNo: Bool?
    public var settings: JSONValue?
    public var paymentRequired: Bool?
    public var paymentPlan: JSONValue?
    public var onboardingDeeplinkAddParams: Bool?
    public var blockedNewSubmission: Bool?
    public var billingSystem: String?
    public var publishableKey: String?

    public init(id: String, brandName: String? = nil, webhookUrl: String? = nil, partnerRedirectUrl: String? = nil,
                country: String? = nil, settings: JSONValue? = nil, billingSystem: String? = nil) {
        self.id = id
        self.brandName = brandName
        self.webhookUrl = webhookUrl
        self.partnerRedirectUrl = partnerRedirectUrl
        self.country = country
        self.settings = settings
        self.billingSystem = billingSystem
    }
}

/// `created_by` / `modified_by`.
public struct UserRef: Codable, Hashable, Sendable {
    public var userId: String?
    public var userName: String?

    public init(userId: String?, userName: String?) {
        self.userId = userId
        self.userName = userName
    }

    public static let system = UserRef(userId: "system", userName: "system")
}
