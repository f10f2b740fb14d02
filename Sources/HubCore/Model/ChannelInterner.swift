import Foundation

/// Makes freshly decoded channels share memory with what is already known: a channel equal to
/// the one from the last poll is that one (its new copy is freed at once), and channels of one
/// client share one copy of the client and of each WABA. A poll of 50,000 channels then costs
/// memory only for what changed, and comparing it with the last poll is mostly identity checks.
public struct ChannelInterner: Sendable {
    var channels: [String: Channel] = [:]
    var clients: [String: Boxed<ChannelClient?>] = [:]
    var wabas: [String: Boxed<WabaAccount?>] = [:]

    public init() {}

    /// The shared form of `channel` (remembered for the next poll).
    public mutating func intern(_ channel: Channel) -> Channel {
        if let known = channels[channel.id], known == channel { return known }
        var c = channel
        c.data.share(clients: &clients, wabas: &wabas)
        channels[c.id] = c
        return c
    }

    /// Forgets channels that were not in the last full list (they left).
    public mutating func keepOnly(_ ids: Set<String>) {
        channels = channels.filter { ids.contains($0.key) }
        let clientIds = Set(channels.values.compactMap { $0.client?.id }), wabaIds = Set(channels.values.compactMap { $0.wabaAccount?.id })
        clients = clients.filter { clientIds.contains($0.key) }
        wabas = wabas.filter { wabaIds.contains($0.key) }
    }
}
