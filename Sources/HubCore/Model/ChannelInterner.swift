import Foundation

/// Makes freshly decoded channels share memory with what is already known: a channel equal to
/// the one from the last poll is that one (its new copy is freed at once), and channels of one
/// client share one copy of the client and of each WABA. A poll of 50,000 channels then costs
/// memory only for what changed, and comparing it with the last poll is mostly identity checks.
public struct ChannelInterner: Sendable {
    var channels: [String: Channel] = [:]
    /// The fingerprint of the bytes each channel was last decoded from (see `JSONListScanner`):
    /// the same bytes again are that channel, without decoding them.
    var fingerprints: [String: UInt64] = [:]
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

    /// The channel last decoded from bytes with this fingerprint, if those were its bytes.
    public func known(id: String, fingerprint: UInt64) -> Channel? {
        fingerprints[id] == fingerprint ? channels[id] : nil
    }

    /// `intern`, remembering the fingerprint of the bytes the channel came from.
    public mutating func intern(_ channel: Channel, fingerprint: UInt64?) -> Channel {
        let c = intern(channel)
        fingerprints[c.id] = fingerprint
        return c
    }

    public func fingerprint(of id: String) -> UInt64? { fingerprints[id] }

    /// Forgets channels that were not in the last full list (they left).
    public mutating func keepOnly(_ ids: Set<String>) {
        channels = channels.filter { ids.contains($0.key) }
        fingerprints = fingerprints.filter { ids.contains($0.key) }
        let clientIds = Set(channels.values.compactMap { $0.client?.id }), wabaIds = Set(channels.values.compactMap { $0.wabaAccount?.id })
        clients = clients.filter { clientIds.contains($0.key) }
        wabas = wabas.filter { wabaIds.contains($0.key) }
    }
}
