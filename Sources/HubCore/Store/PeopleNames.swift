import Foundation

/// Names for what the agent reads about (issue 25: people, not IDs): the company, the number
/// in +E.164, the WABA's name, the partner's brand; the ID comes second.
extension AppState {
    /// Lookups over what is loaded now, for `Mutation.summary(_:)`.
    public var names: MutationNames {
        let records = self.records, clients = self.clients, destinations = self.destinations
        let requests = self.partnerChangeRequests ?? [], me = self.partner
        @Sendable func company(_ clientId: String?) -> String? {
            guard let clientId, let c = clients[clientId] else { return nil }
            return Sanitizer.terminalSafe(c.displayCompany)
        }
        @Sendable func brand(_ id: String) -> String? {
            if let d = destinations[id] { return Sanitizer.terminalSafe(d.brandName) }
            if me?.id == id, let b = me?.brandName { return Sanitizer.terminalSafe(b) }
            return nil
        }
        @Sendable func number(_ id: String) -> String? {
            guard let r = records[id] else { return nil }
            let parts = [r.phone, Sanitizer.terminalSafe(r.company)].filter { !$0.isEmpty }
            return parts.isEmpty ? nil : parts.joined(separator: " · ")
        }
        @Sendable func waba(_ id: String) -> String? {
            guard let r = records.values.first(where: { ($0.channel.wabaAccount?.id ?? $0.channel.wabaAccountId) == id }) else { return nil }
            let name = r.channel.wabaAccount?.name.map(Sanitizer.terminalSafe).flatMap { $0.isEmpty ? nil : $0 }
            let owner = company(r.channel.resolvedClientId)
            switch (name, owner) {
            case let (n?, o?): return "\(n) of \(o)"
            case let (n?, nil): return n
            case let (nil, o?): return "of \(o)"
            default: return nil
            }
        }
        return MutationNames(
            client: { company($0) },
            channel: { number($0) },
            waba: { waba($0) },
            partner: { brand($0) },
            request: { id in
                guard let r = requests.first(where: { $0.id == id }) else { return nil }
                let phones = (r.channelIds ?? []).compactMap { records[$0]?.phone }.filter { !$0.isEmpty }
                var parts: [String] = []
                if let c = company(r.sourceClientId) { parts.append(c) }
                if !phones.isEmpty { parts.append(phones.prefix(3).joined(separator: ", ") + (phones.count > 3 ? " +\(phones.count - 3)" : "")) }
                else if let n = r.channelIds?.count, n > 0 { parts.append("\(n) number\(n == 1 ? "" : "s")") }
                if let t = r.targetPartnerId, t != me?.id { parts.append("to \(brand(t) ?? t)") }
                if let s = r.sourcePartnerId, s != me?.id { parts.append("from \(brand(s) ?? s)") }
                return parts.isEmpty ? nil : parts.joined(separator: ", ")
            })
    }

    /// An audit row's target ("client X", "channel Y", "waba Z", "partner change request P")
    /// with the names in front.
    public func peopleTarget(_ target: String, names n: MutationNames) -> String {
        for (prefix, lookup) in [("client ", n.client), ("channel ", n.channel), ("waba ", n.waba), ("partner change request ", n.request)] {
            guard target.hasPrefix(prefix) else { continue }
            let id = String(target.dropFirst(prefix.count))
            guard !id.contains(" "), let name = lookup(id) else { return target }
            return "\(name) (\(target))"
        }
        return target
    }
}
