import Foundation

// Small request and response bodies shared by the HTTP sandbox and the HTTP client.

public struct TokenRequest: Codable, Sendable {
    public var username: String
    public var password: String
    public init(username: String, password: String) { self.username = username; self.password = password }
}

public struct TokenResponse: Codable, Sendable {
    public var accessToken: String
    public var tokenType: String?
    public var expiresIn: Int?
    public var refreshToken: String?
    public init(accessToken: String, tokenType: String?, expiresIn: Int?, refreshToken: String?) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
    }
}

public struct PartnerPatch: Codable, Sendable {
    public var webhookUrl: String?
    public var partnerRedirectUrl: String?
    public init(webhookUrl: String?, partnerRedirectUrl: String?) { self.webhookUrl = webhookUrl; self.partnerRedirectUrl = partnerRedirectUrl }
}

public struct AutoApprove: Codable, Sendable {
    public var autoApprove: Bool
    public init(autoApprove: Bool) { self.autoApprove = autoApprove }
}

public struct PaymentsBody: Codable, Sendable {
    public var payments: [Payment]
    public init(payments: [Payment]) { self.payments = payments }
}

public struct FundsBody: Codable, Sendable {
    public var amount: Money
    public init(amount: Money) { self.amount = amount }
}

/// `POST .../channels/{id}/refunds` (modeled): the total the agent confirmed. The server
/// refuses with 409 when its plan now differs, instead of refunding something else.
public struct RefundBody: Codable, Sendable {
    public var expectedTotal: Money?
    public init(expectedTotal: Money?) { self.expectedTotal = expectedTotal }
}

public struct BalanceBody: Codable, Sendable {
    public var balance: Money
    public init(balance: Money) { self.balance = balance }
}

public struct RefundsBody: Codable, Sendable {
    public var refunds: [Refund]
    public init(refunds: [Refund]) { self.refunds = refunds }
}

public struct PartnerChangeBody: Codable, Sendable {
    public var wabaAccountId: String
    public var targetPartnerId: String
    /// P4 step 2, when the wizard completed it (modeled: docs/sandbox.md).
    public var companyInformation: PartnerChangeWizard.CompanyInformation?
    public init(wabaAccountId: String, targetPartnerId: String, companyInformation: PartnerChangeWizard.CompanyInformation? = nil) {
        self.wabaAccountId = wabaAccountId
        self.targetPartnerId = targetPartnerId
        self.companyInformation = companyInformation
    }
}

public struct PermissionsBody: Codable, Sendable {
    public var channelIds: [String]
    public init(channelIds: [String]) { self.channelIds = channelIds }
}

public struct UsersBody: Codable, Sendable {
    public var users: [HubUser]
    public init(users: [HubUser]) { self.users = users }
}

public struct NewUserBody: Codable, Sendable {
    public var name: String
    public var email: String
    public var role: String?
    public init(name: String, email: String, role: String? = nil) { self.name = name; self.email = email; self.role = role }
}
