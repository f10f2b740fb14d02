import Foundation

/// Which partner change request, if any, a submission whose answer was lost became.
///
/// The public request object carries no idempotency key and no WABA, so a request is ours only
/// when everything that can be checked agrees: the destination, the client, numbers of the
/// WABA (all numbers of a WABA move together, P2), a status that is still alive (a withdrawn
/// or failed request is an earlier attempt), and a creation time after the intent began. Any
/// doubt is `.unsure`: the caller says so and asks, it never reports "applied" on a guess.
public enum PartnerChangeMatch: Hashable, Sendable {
    case found(PartnerChangeRequest)
    case none
    case unsure(String)

    /// How far the server's clock may be behind ours before a request created "before" the
    /// intent is certainly an older one.
    public static let clockSkew: TimeInterval = 120

    /// - Parameters:
    ///   - requests: every request the server lists (all pages).
    ///   - wabaChannels: the numbers of the WABA as known now (empty: not known, e.g. moved away).
    ///   - since: when the intent began (the pending-operation row, the wizard's submission).
    public static func find(in requests: [PartnerChangeRequest], clientId: String?, wabaChannels: Set<String>,
                            target: String, since: Date?) -> PartnerChangeMatch {
        var sure: [PartnerChangeRequest] = []
        var doubtful: [(PartnerChangeRequest, String)] = []
        for r in requests where r.targetPartnerId == target {
            if let source = r.sourceClientId, let clientId, source != clientId { continue }
            switch r.status {
            case .withdrawn?, .failed?: continue
            default: break
            }
            let numbers = Set(r.channelIds ?? [])
            let sameWaba: Bool?
            if numbers.isEmpty || wabaChannels.isEmpty { sameWaba = nil }
            else if numbers.isDisjoint(with: wabaChannels) { continue }
            else { sameWaba = true }
            let after: Bool?
            if let since, let created = r.createdAt {
                // Timestamps come in whole seconds: the second the intent began counts as after.
                if created >= since.addingTimeInterval(-1) { after = true }
                else if created < since - clockSkew { continue }
                else { after = nil }
            } else { after = nil }
            if sameWaba == true && after == true { sure.append(r) }
            else if sameWaba == nil { doubtful.append((r, "request \(r.id) does not say which numbers it moves")) }
            else { doubtful.append((r, "request \(r.id) was created at \(r.createdAt.map(Timestamp.format) ?? "an unknown time"), about when the intent began")) }
        }
        if sure.count == 1, doubtful.isEmpty, let r = sure.first { return .found(r) }
        if sure.count > 1 { return .unsure("\(sure.count) requests for these numbers were created since: \(sure.map(\.id).joined(separator: ", "))") }
        if let r = sure.first { return .unsure("request \(r.id) matches, but \(doubtful.map(\.1).joined(separator: "; "))") }
        if let first = doubtful.first { return .unsure(first.1) }
        return .none
    }
}
