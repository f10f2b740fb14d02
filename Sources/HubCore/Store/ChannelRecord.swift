import Foundation

/// A channel with everything a card, the filter and the sort need, derived once when the data
/// arrives so that rendering and filtering 50,000 of them stays cheap.
public struct ChannelRecord: Hashable, Sendable, Identifiable {
    public let channel: Channel
    public let lifecycle: Lifecycle
    public let actions: [RequiredAction]
    public let company: String
    /// Folded company name: sorting compares these with `<`, fast and locale-independent.
    public let companySortKey: String
    public let phone: String
    /// Case- and accent-folded number, names and IDs as UTF-8: the filter scans these bytes
    /// (~30x faster than String.contains, and no second copy as a String).
    public let searchBytes: [UInt8]

    public var id: String { channel.id }

    /// Derived when drawn (only the cards on screen need it): kept, it cost 51 bytes a record.
    public var activation: ActivationStatuses { ActivationStatuses(channel: channel) }

    public init(channel: Channel, client: Client?, balance: Money?) {
        self.channel = channel
        let direct = ClientPayment.of(client, balance: balance) == .direct
        lifecycle = channel.lifecycle(balance: balance, directPayment: direct)
        // A pending channel's lifecycle already holds its actions: share that array.
        if case .pending(let list) = lifecycle { actions = list }
        else if lifecycle == .pendingDeletion { actions = [] }
        else if lifecycle.needsSupportTicket { actions = [.supportTicket] + channel.requiredActions(balance: balance, directPayment: direct) }
        else { actions = channel.requiredActions(balance: balance, directPayment: direct) }
        company = channel.companyLegalName(client: client)
        companySortKey = SearchFolding.fold(company)
        phone = channel.phoneNumberE164 ?? ""
        // The number once, with its "+": any run of its digits is a substring of it.
        let parts = [phone, channel.displayName ?? "", company, client?.name ?? channel.client?.name ?? "",
                     channel.id, channel.resolvedClientId ?? "", channel.wabaAccount?.id ?? channel.wabaAccountId ?? ""]
        searchBytes = Array(SearchFolding.fold(parts.joined(separator: "\u{1F}")).utf8)
    }

    public var needsAction: Bool { !actions.isEmpty || lifecycle.urgency <= 1 }

    /// `terminated_at` on a number the rules still show otherwise (`account_mode` live wins,
    /// C13): it is both, and says since when it is being deleted.
    public var deletionPendingSince: Date?? {
        guard channel.isTerminated, lifecycle != .pendingDeletion else { return nil }
        return .some(channel.terminatedAt)
    }
}

public enum SearchFolding {
    /// Lower-cased, accents removed: "Müller" and "muller" match. ASCII takes a fast path:
    /// Foundation's folding costs ~20 µs a call, which 50,000 channels feel.
    public static func fold(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// Whether `needle` occurs in `haystack` (bytes).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        if n == 0 { return true }
        if n > h { return false }
        return haystack.withUnsafeBufferPointer { hp in
            needle.withUnsafeBufferPointer { np in
                let first = np[0]
                var i = 0
                let last = h - n
                while i <= last {
                    if hp[i] == first {
                        var j = 1
                        while j < n && hp[i + j] == np[j] { j += 1 }
                        if j == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
