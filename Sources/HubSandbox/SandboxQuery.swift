import Foundation
import HubCore

/// Filters (dotted keys, equality), sort (`-` for descending, several keys) and paging over a
/// list of items, as the Partner API does (reference §3).
struct FieldTable<Item: Codable>: Sendable {
    /// Fast paths for the keys agents and scripts use; other keys go through the JSON form.
    let fields: [String: @Sendable (Item) -> JSONValue?]

    func value(_ item: Item, _ key: String) -> JSONValue? {
        if let f = fields[key] { return f(item) }
        guard let data = try? HubJSON.encode(item), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        var node: JSONValue? = json
        for part in key.split(separator: ".") { node = node?[String(part)] }
        return node
    }

    func matches(_ item: Item, _ filters: [String: JSONValue]) -> Bool {
        for (key, wanted) in filters {
            let have = value(item, key)
            switch (have, wanted) {
            case (nil, .null), (.null?, .null): continue
            case (let h?, _):
                if h == wanted { continue }
                if let hs = h.stringValue, let ws = wanted.stringValue, hs == ws { continue }
                return false
            default: return false
            }
        }
        return true
    }

    /// Orders by each key in turn; missing values sort last; ties keep the input order.
    func sort(_ items: [Item], by keys: [String]) -> [Item] {
        guard !keys.isEmpty else { return items }
        let specs = keys.map { k in k.hasPrefix("-") ? (String(k.dropFirst()), true) : (k, false) }
        // Decorate once: looking values up inside the comparator would repeat it n log n times.
        let decorated = items.enumerated().map { (offset, item) in (offset, item, specs.map { value(item, $0.0) }) }
        return decorated.sorted { a, b in
            for (i, spec) in specs.enumerated() {
                let c = Self.compare(a.2[i], b.2[i])
                if c != 0 { return spec.1 ? c > 0 : c < 0 }
            }
            return a.0 < b.0
        }.map(\.1)
    }

    static func compare(_ a: JSONValue?, _ b: JSONValue?) -> Int {
        switch (a, b) {
        case (nil, nil), (.null?, .null?), (nil, .null?), (.null?, nil): return 0
        case (nil, _), (.null?, _): return 1
        case (_, nil), (_, .null?): return -1
        case (.number(let x)?, .number(let y)?): return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let x)?, .bool(let y)?): return x == y ? 0 : (!x ? -1 : 1)
        default:
            let x = a?.stringValue ?? "", y = b?.stringValue ?? ""
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}

enum SandboxFields {
    static func s(_ v: String?) -> JSONValue? { v.map(JSONValue.string) }
    static func d(_ v: Date?) -> JSONValue? { v.map { .string(Timestamp.format($0)) } }

    static let channel = FieldTable<Channel>(fields: [
        "id": { s($0.id) },
        "client_id": { s($0.clientId) },
        "status": { s($0.status?.rawValue) },
        "hub_status": { s($0.hubStatus?.rawValue) },
        "account_mode": { s($0.accountMode?.rawValue) },
        "version": { $0.version.map { .number(Decimal($0)) } },
        "type": { s($0.type) },
        "terminated_at": { d($0.terminatedAt) },
        "created_at": { d($0.createdAt) },
        "modified_at": { d($0.modifiedAt) },
        "current_limit": { s($0.currentLimit) },
        "current_quality_rating": { s($0.currentQualityRating?.rawValue) },
        "external_id": { s($0.externalId) },
        "setup_info.phone_number": { s($0.setupInfo?.phoneNumber) },
        "setup_info.phone_name": { s($0.setupInfo?.phoneName) },
        "waba_account.id": { s($0.wabaAccount?.id) },
        "waba_account_id": { s($0.wabaAccountId) },
        "waba_account.fb_account_status": { s($0.wabaAccount?.fbAccountStatus?.rawValue) },
        "integration.state": { s($0.integration?.state) },
        "integration.app_id": { s($0.integration?.appId) },
        "client.id": { s($0.client?.id) },
        "client.name": { s($0.client?.name) },
        "client.contact_info.email": { s($0.client?.contactInfo?.email) },
    ])

    static let client = FieldTable<Client>(fields: [
        "id": { s($0.id) },
        "name": { s($0.name) },
        "status": { s($0.status?.rawValue) },
        "organisation": { s($0.organisation) },
        "partner_payload": { s($0.partnerPayload) },
        "created_at": { d($0.createdAt) },
        "modified_at": { d($0.modifiedAt) },
        "contact_info.email": { s($0.contactInfo?.email) },
        "contact_user.email": { s($0.contactUser?.email) },
        "max_channels": { $0.maxChannels.map { .number(Decimal($0)) } },
    ])

    static let template = FieldTable<Template>(fields: [
        "id": { s($0.id) },
        "partner_id": { s($0.partnerId) },
        "business_templates.name": { s($0.name) },
        "name": { s($0.name) },
        "status": { s($0.status?.rawValue) },
        "category": { s($0.category?.rawValue) },
        "language": { s($0.language) },
    ])

    static let partnerChangeRequest = FieldTable<PartnerChangeRequest>(fields: [
        "id": { s($0.id) },
        "status": { s($0.status?.rawValue) },
        "created_at": { d($0.createdAt) },
        "source_client_id": { s($0.sourceClientId) },
        "target_client_id": { s($0.targetClientId) },
        "source_partner_id": { s($0.sourcePartnerId) },
        "target_partner_id": { s($0.targetPartnerId) },
        "is_full_migration": { $0.isFullMigration.map(JSONValue.bool) },
    ])
}
