import Foundation

/// A message template, item of `waba_templates` (reference §5.5, the real recorded item).
public struct Template: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String?
    public var category: TemplateCategory?
    public var components: [JSONValue]?
    public var language: String?
    public var status: TemplateStatus?
    public var rejectedReason: String?
    public var qualityScore: QualityScore?
    public var externalId: String?
    public var namespace: String?
    public var partnerId: String?
    public var wabaAccountId: String?
    public var updatedExternal: Bool?
    public var createdAt: Date?
    public var createdBy: UserRef?
    public var modifiedAt: Date?
    public var modifiedBy: UserRef?

    public init(id: String, name: String?, category: TemplateCategory?, language: String?, status: TemplateStatus?,
                components: [JSONValue]? = nil, wabaAccountId: String? = nil, partnerId: String? = nil,
                createdAt: Date? = nil, modifiedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.category = category
        self.language = language
        self.status = status
        self.components = components
        self.wabaAccountId = wabaAccountId
        self.partnerId = partnerId
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
    }
}

public struct QualityScore: Codable, Hashable, Sendable {
    public var reasons: [String]?
    public var score: String?

    public init(reasons: [String]? = nil, score: String?) {
        self.reasons = reasons
        self.score = score
    }
}
