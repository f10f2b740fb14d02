import Foundation

/// A (selective) partner change request (reference §13).
public struct PartnerChangeRequest: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var status: PartnerChangeRequestStatus?
    public var isFullMigration: Bool?
    public var sourceClientId: String?
    public var targetClientId: String?
    public var sourcePartnerId: String?
    public var targetPartnerId: String?
    /// The channels that move (field name inferred; `channels` is accepted too).
    public var channelIds: [String]?
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(id: String, status: PartnerChangeRequestStatus?, isFullMigration: Bool? = true,
                sourceClientId: String? = nil, targetClientId: String? = nil,
                sourcePartnerId: String? = nil, targetPartnerId: String? = nil, channelIds: [String]? = nil,
                createdAt: Date? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.status = status
        self.isFullMigration = isFullMigration
        self.sourceClientId = sourceClientId
        self.targetClientId = targetClientId
        self.sourcePartnerId = sourcePartnerId
        self.targetPartnerId = targetPartnerId
        self.channelIds = channelIds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, status, isFullMigration, sourceClientId, targetClientId, sourcePartnerId, targetPartnerId
        case channelIds, channels, createdAt, updatedAt
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        status = try c.decodeIfPresent(PartnerChangeRequestStatus.self, forKey: .status)
        isFullMigration = try c.decodeIfPresent(Bool.self, forKey: .isFullMigration)
        sourceClientId = try c.decodeIfPresent(String.self, forKey: .sourceClientId)
        targetClientId = try c.decodeIfPresent(String.self, forKey: .targetClientId)
        sourcePartnerId = try c.decodeIfPresent(String.self, forKey: .sourcePartnerId)
        targetPartnerId = try c.decodeIfPresent(String.self, forKey: .targetPartnerId)
        channelIds = try c.decodeIfPresent([String].self, forKey: .channelIds) ?? c.decodeIfPresent([String].self, forKey: .channels)
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(isFullMigration, forKey: .isFullMigration)
        try c.encodeIfPresent(sourceClientId, forKey: .sourceClientId)
        try c.encodeIfPresent(targetClientId, forKey: .targetClientId)
        try c.encodeIfPresent(sourcePartnerId, forKey: .sourcePartnerId)
        try c.encodeIfPresent(targetPartnerId, forKey: .targetPartnerId)
        try c.encodeIfPresent(channelIds, forKey: .channelIds)
        try c.encodeIfPresent(createdAt, forKey: .createdAt)
        try c.encodeIfPresent(updatedAt, forKey: .updatedAt)
    }
}
