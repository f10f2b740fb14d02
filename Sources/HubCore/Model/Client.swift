import Foundation

/// A client (Client Hub account) of the partner, item of `clients` (reference §5.2).
public struct Client: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String?
    public var status: ClientStatus?
    public var maxChannels: Int?
    /// The company legal name.
    public var organisation: String?
    public var metaInfo: MetaInfo?
    public var contactInfo: ContactInfo?
    public var contactUser: ContactUser?
    public var partnerPayload: String?
    public var createdAt: Date?
    public var createdBy: UserRef?
    public var modifiedAt: Date?
    public var modifiedBy: UserRef?
    public var suspicious: Bool?
    public var fbBusinessId: String?
    /// Modeled (not in the public API): direct payment clients pay 360dialog themselves.
    public var paymentModel: PaymentModel?

    public init(id: String, name: String? = nil, status: ClientStatus? = .active, maxChannels: Int? = 10,
                organisation: String? = nil, contactInfo: ContactInfo? = nil, partnerPayload: String? = nil,
                createdAt: Date? = nil, modifiedAt: Date? = nil, paymentModel: PaymentModel? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.maxChannels = maxChannels
        self.organisation = organisation
        self.contactInfo = contactInfo
        self.partnerPayload = partnerPayload
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.paymentModel = paymentModel
    }

    public var isDirectPayment: Bool { paymentModel == .direct }

    /// The name an agent knows the company by: legal name first.
    public var displayCompany: String { organisation.nonEmpty ?? name.nonEmpty ?? id }
}

public struct MetaInfo: Codable, Hashable, Sendable {
    public var businessVertical: String?
    public var timezone: String?
    public var about: String?
    public var businessDescription: String?
    public var useCase: String?

    public init(businessVertical: String? = nil, timezone: String? = nil, about: String? = nil,
                businessDescription: String? = nil, useCase: String? = nil) {
        self.businessVertical = businessVertical
        self.timezone = timezone
        self.about = about
        self.businessDescription = businessDescription
        self.useCase = useCase
    }
}

public struct ContactInfo: Codable, Hashable, Sendable {
    public var webpageUrl: String?
    public var phone: String?
    public var language: String?
    public var country: String?
    public var streetName: String?
    public var city: String?
    public var email: String?
    public var fullName: String?
    public var zipCode: String?

    public init(email: String? = nil, fullName: String? = nil, phone: String? = nil, country: String? = nil,
                city: String? = nil, streetName: String? = nil, zipCode: String? = nil, webpageUrl: String? = nil,
                language: String? = nil) {
        self.email = email
        self.fullName = fullName
        self.phone = phone
        self.country = country
        self.city = city
        self.streetName = streetName
        self.zipCode = zipCode
        self.webpageUrl = webpageUrl
        self.language = language
    }
}

public struct ContactUser: Codable, Hashable, Sendable {
    public var phone: String?
    public var email: String?
    public var name: String?

    public init(phone: String? = nil, email: String? = nil, name: String? = nil) {
        self.phone = phone
        self.email = email
        self.name = name
    }
}

extension Optional where Wrapped == String {
    /// nil for nil, "" and whitespace-only strings: the API writes "" for unknown.
    public var nonEmpty: String? {
        guard let s = self, !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return s
    }
}
