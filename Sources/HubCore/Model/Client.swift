import Foundation

/// A client (Client Hub account) of the partner, item of `clients` (reference §5.2).
///
/// Like `Channel`, everything but the ID lives in one copy-on-write box: the store and the
/// sandbox each keep 10,000 clients, and copies share one copy of each client's data.
public struct Client: Hashable, Sendable, Identifiable {
    public var id: String
    @Boxed var data: ClientData

    public var name: String? {
        get { _data.borrowed.name }
        set { data.name = newValue }
    }
    public var status: ClientStatus? {
        get { _data.borrowed.status }
        set { data.status = newValue }
    }
    public var maxChannels: Int? {
        get { _data.borrowed.maxChannels }
        set { data.maxChannels = newValue }
    }
    /// The company legal name.
    public var organisation: String? {
        get { _data.borrowed.organisation }
        set { data.organisation = newValue }
    }
    public var metaInfo: MetaInfo? {
        get { _data.borrowed.metaInfo }
        set { data.metaInfo = newValue }
    }
    public var contactInfo: ContactInfo? {
        get { _data.borrowed.contactInfo }
        set { data.contactInfo = newValue }
    }
    public var contactUser: ContactUser? {
        get { _data.borrowed.contactUser }
        set { data.contactUser = newValue }
    }
    public var partnerPayload: String? {
        get { _data.borrowed.partnerPayload }
        set { data.partnerPayload = newValue }
    }
    public var createdAt: Date? {
        get { _data.borrowed.createdAt }
        set { data.createdAt = newValue }
    }
    public var createdBy: UserRef? {
        get { _data.borrowed.createdBy }
        set { data.createdBy = newValue }
    }
    public var modifiedAt: Date? {
        get { _data.borrowed.modifiedAt }
        set { data.modifiedAt = newValue }
    }
    public var modifiedBy: UserRef? {
        get { _data.borrowed.modifiedBy }
        set { data.modifiedBy = newValue }
    }
    public var suspicious: Bool? {
        get { _data.borrowed.suspicious }
        set { data.suspicious = newValue }
    }
    public var fbBusinessId: String? {
        get { _data.borrowed.fbBusinessId }
        set { data.fbBusinessId = newValue }
    }
    /// Modeled (not in the public API): direct payment clients pay 360dialog themselves.
    public var paymentModel: PaymentModel? {
        get { _data.borrowed.paymentModel }
        set { data.paymentModel = newValue }
    }

    public init(id: String, name: String? = nil, status: ClientStatus? = .active, maxChannels: Int? = 10,
                organisation: String? = nil, contactInfo: ContactInfo? = nil, partnerPayload: String? = nil,
                createdAt: Date? = nil, modifiedAt: Date? = nil, paymentModel: PaymentModel? = nil) {
        self.id = id
        var d = ClientData()
        d.name = name
        d.status = status
        d.maxChannels = maxChannels
        d.organisation = organisation
        d.contactInfo = contactInfo
        d.partnerPayload = partnerPayload
        d.createdAt = createdAt
        d.modifiedAt = modifiedAt
        d.paymentModel = paymentModel
        _data = Boxed(wrappedValue: d)
    }

    public var isDirectPayment: Bool { paymentModel == .direct }

    /// The name an agent knows the company by: legal name first.
    public var displayCompany: String { organisation.nonEmpty ?? name.nonEmpty ?? id }
}

/// The fields of a client other than its ID, on the wire next to it.
struct ClientData: Codable, Hashable, Sendable {
    var name: String?
    var status: ClientStatus?
    var maxChannels: Int?
    var organisation: String?
    var metaInfo: MetaInfo?
    var contactInfo: ContactInfo?
    var contactUser: ContactUser?
    var partnerPayload: String?
    var createdAt: Date?
    var createdBy: UserRef?
    var modifiedAt: Date?
    var modifiedBy: UserRef?
    var suspicious: Bool?
    var fbBusinessId: String?
    var paymentModel: PaymentModel?
}

extension ClientData {
    /// Leniently, like channels (LenientDecoding.swift): `max_channels: 10.0` or `"10"` is 10.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = c.lenientString(.name)
        status = c.lenientEnum(ClientStatus.self, .status)
        maxChannels = c.lenientInt(.maxChannels)
        organisation = c.lenientString(.organisation)
        metaInfo = c.lenientObject(MetaInfo.self, .metaInfo)
        contactInfo = c.lenientObject(ContactInfo.self, .contactInfo)
        contactUser = c.lenientObject(ContactUser.self, .contactUser)
        partnerPayload = c.lenientString(.partnerPayload)
        createdAt = c.lenientDate(.createdAt)
        createdBy = c.lenientObject(UserRef.self, .createdBy)
        modifiedAt = c.lenientDate(.modifiedAt)
        modifiedBy = c.lenientObject(UserRef.self, .modifiedBy)
        suspicious = c.lenientBool(.suspicious)
        fbBusinessId = c.lenientString(.fbBusinessId)
        paymentModel = c.lenientEnum(PaymentModel.self, .paymentModel)
    }
}

extension ContactInfo {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        webpageUrl = c.lenientString(.webpageUrl)
        phone = c.lenientString(.phone)
        language = c.lenientString(.language)
        country = c.lenientString(.country)
        streetName = c.lenientString(.streetName)
        city = c.lenientString(.city)
        email = c.lenientString(.email)
        fullName = c.lenientString(.fullName)
        zipCode = c.lenientString(.zipCode)
    }
}

extension ContactUser {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phone = c.lenientString(.phone)
        email = c.lenientString(.email)
        name = c.lenientString(.name)
    }
}

extension Client: Codable {
    public init(from decoder: Decoder) throws {
        let (id, data) = try IDAndFields.decode(ClientData.self, from: decoder)
        self.id = id
        _data = Boxed(wrappedValue: data)
    }

    public func encode(to encoder: Encoder) throws {
        try IDAndFields.encode(id: id, _data.borrowed, to: encoder)
    }
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
