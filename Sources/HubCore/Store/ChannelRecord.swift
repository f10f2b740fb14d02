import Foundation

/// A channel with everything a card, the filter and the sort need, derived once when the data
/// arrives so that rendering and filtering 50,000 of them stays cheap.
public struct ChannelRecord: Hashable, Sendable, Identifiable {
    public let channel: Channel
    public let lifecycle: Lifecycle
    public let actions: [RequiredAction]
    public let activation: ActivationStatuses
    public let company: String
    /// Folded company name: sorting compares these with `<`, fast and locale-independent.
    public let companySortKey: String
    public let phone: String
    /// Case- and accent-folded text of number, names and IDs.
    public let searchKey: String

    public var id: String { channel.id }

    public init(channel: Channel, client: Client?, balance: Money?) {
        self.channel = channel
        let direct = client?.isDirectPayment ?? false
        lifecycle = channel.lifecycle(balance: balance, directPayment: direct)
        actions = channel.requiredActions(balance: balance, directPayment: direct)
        activation = ActivationStatuses(channel: channel)
        company = client?.displayCompany ?? channel.client?.organisation.nonEmpty ?? channel.client?.name.nonEmpty ?? ""
        companySortKey = SearchFolding.fold(company)
        phone = channel.phoneNumberE164 ?? ""
        let parts = [phone, channel.displayName ?? "", company, client?.name ?? channel.client?.name ?? "",
                     channel.id, channel.resolvedClientId ?? "", channel.wabaAccount?.id ?? channel.wabaAccountId ?? ""]
        searchKey = SearchFolding.fold(parts.joined(separator: "\u{1F}"))
    }

    public var needsAction: Bool { !actions.isEmpty || lifecycle.urgency <= 1 }
}

public enum SearchFolding {
    /// Lower-cased, accents removed: "Müller" and "muller" match.
    public static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
