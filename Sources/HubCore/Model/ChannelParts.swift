import Foundation

// The objects a channel embeds (reference §5.3): its client, setup info, WABA, the business it
// messages on behalf of, and its integration; with their lenient decoders.

/// The client as embedded in a channel.
public struct ChannelClient: Codable, Hashable, Sendable {
    public var id: String?
    public var name: String?
    public var partnerPayload: String?
    public var contactInfo: ContactInfo?
    public var organisation: String?

    public init(id: String?, name: String? = nil, organisation: String? = nil, contactInfo: ContactInfo? = nil) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.contactInfo = contactInfo
    }
}

public struct SetupInfo: Codable, Hashable, Sendable {
    public var phoneNumber: String?
    public var phoneName: String?
    public var wasInUse: Bool?
    public var ivr: Bool?
    public var verificationMethod: String?
    public var certificate: String?
    public var newNameStatus: String?
    public var defaultLanguage: String?
    public var hasIntegrationLayer: Bool?
    public var error: String?
    public var configurationType: String?
    public var region: String?
    public var shardsNumber: Int?

    public init(phoneNumber: String?, phoneName: String?, newNameStatus: String? = nil, error: String? = nil,
                verificationMethod: String? = "sms", defaultLanguage: String? = "en") {
        self.phoneNumber = phoneNumber
        self.phoneName = phoneName
        self.newNameStatus = newNameStatus
        self.error = error
        self.verificationMethod = verificationMethod
        self.defaultLanguage = defaultLanguage
    }
}

/// `waba_account` (embedded in channels; also `GET .../waba_accounts/{id}`, reference §5.4).
public struct WabaAccount: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var status: WabaStatus?
    public var fbAccountStatus: FBAccountStatus?
    public var name: String?
    public var namespace: String?
    public var clientId: String?
    public var partnerId: String?
    public var externalId: String?
    public var fbBusinessId: String?
    public var timezoneId: String?
    public var consents: JSONValue?
    public var settings: JSONValue?
    public var createdAt: Date?
    public var createdBy: UserRef?
    public var onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo?

    public init(id: String, status: WabaStatus? = nil, fbAccountStatus: FBAccountStatus? = nil, name: String? = nil,
                clientId: String? = nil, partnerId: String? = nil, externalId: String? = nil,
                onBehalfOfBusinessInfo: OnBehalfOfBusinessInfo? = nil, createdAt: Date? = nil) {
        self.id = id
        self.status = status
        self.fbAccountStatus = fbAccountStatus
        self.name = name
        self.clientId = clientId
        self.partnerId = partnerId
        self.externalId = externalId
        self.onBehalfOfBusinessInfo = onBehalfOfBusinessInfo
        self.createdAt = createdAt
    }
}

public struct OnBehalfOfBusinessInfo: Codable, Hashable, Sendable {
    public var id: String?
    public var name: String?
    public var status: OBOStatus?
    public var type: String?

    public init(id: String? = nil, name: String? = nil, status: OBOStatus?, type: String? = nil) {
        self.id = id
        self.name = name
        self.status = status
        self.type = type
    }
}

public struct Integration: Codable, Hashable, Sendable {
    public var enabled: Bool?
    public var appId: String?
    /// `running` once the number is registered (value inferred, reference §5.3).
    public var state: String?

    public init(enabled: Bool? = true, appId: String?, state: String?) {
        self.enabled = enabled
        self.appId = appId
        self.state = state
    }

    public var isRunning: Bool { state?.lowercased() == "running" }
}

// The nested objects read leniently too (see LenientDecoding.swift); their encoders are the
// synthesized ones, so what is cached reads back the same.
extension ChannelClient {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientString(.id)
        name = c.lenientString(.name)
        partnerPayload = c.lenientString(.partnerPayload)
        contactInfo = c.lenientObject(ContactInfo.self, .contactInfo)
        organisation = c.lenientString(.organisation)
    }
}

extension SetupInfo {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phoneNumber = c.lenientString(.phoneNumber)
        phoneName = c.lenientString(.phoneName)
        wasInUse = c.lenientBool(.wasInUse)
        ivr = c.lenientBool(.ivr)
        verificationMethod = c.lenientString(.verificationMethod)
        certificate = c.lenientString(.certificate)
        newNameStatus = c.lenientString(.newNameStatus)
        defaultLanguage = c.lenientString(.defaultLanguage)
        hasIntegrationLayer = c.lenientBool(.hasIntegrationLayer)
        error = c.lenientString(.error)
        configurationType = c.lenientString(.configurationType)
        region = c.lenientString(.region)
        shardsNumber = c.lenientInt(.shardsNumber)
    }
}

extension WabaAccount {
    /// A WABA without an `id` keeps its statuses (the channel's `waba_account_id` names it).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientString(.id) ?? ""
        status = c.lenientEnum(WabaStatus.self, .status)
        fbAccountStatus = c.lenientEnum(FBAccountStatus.self, .fbAccountStatus)
        name = c.lenientString(.name)
        namespace = c.lenientString(.namespace)
        clientId = c.lenientString(.clientId)
        partnerId = c.lenientString(.partnerId)
        externalId = c.lenientString(.externalId)
        fbBusinessId = c.lenientString(.fbBusinessId)
        timezoneId = c.lenientString(.timezoneId)
        consents = c.lenientObject(JSONValue.self, .consents)
        settings = c.lenientObject(JSONValue.self, .settings)
        createdAt = c.lenientDate(.createdAt)
        createdBy = c.lenientObject(UserRef.self, .createdBy)
        onBehalfOfBusinessInfo = c.lenientObject(OnBehalfOfBusinessInfo.self, .onBehalfOfBusinessInfo)
    }
}

extension OnBehalfOfBusinessInfo {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenientString(.id)
        name = c.lenientString(.name)
        status = c.lenientEnum(OBOStatus.self, .status)
        type = c.lenientString(.type)
    }
}

extension Integration {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = c.lenientBool(.enabled)
        appId = c.lenientString(.appId)
        state = c.lenientString(.state)
    }
}
