import Foundation
import HubCore

/// The orders lists are served in, cached or kept up to date (issue 3, issue 14).
extension SandboxEngine {
    /// The channel IDs in a list's order. `-modified_at` (how the live engine asks for what
    /// changed) is kept up to date with the channels written since the last request, so its
    /// cost follows the changes, not the 50,000 channels.
    func channelOrder(_ sort: [String]) -> [String] {
        if sort == ["-modified_at"] {
            let touched = world.channels.takeTouched()
            if modifiedOrder == nil {
                modifiedOrder = ModifiedOrder(world.channels.values.map { (id: $0.channel.id, modified: $0.channel.modifiedAt) })
            } else {
                for (id, before) in touched {
                    let sc = world.channels[id]
                    modifiedOrder?.update(id: id, before: before, modified: sc?.channel.modifiedAt, present: sc != nil)
                }
            }
            // Taking the touched IDs above wrote nothing; what was read is current.
            return modifiedOrder?.ids() ?? []
        }
        return cachedOrder("channels", sort.isEmpty ? ["id"] : sort) {
            // IDs are unique: their order is the keys' (a quarter of a second less before the
            // first page of 50,000 channels than sorting them through their fields).
            $0 == ["id"] ? world.channels.keys.sorted() : SandboxFields.channel.sort(world.channelList(), by: $0).map(\.id)
        }
    }

    func clientOrder(_ sort: [String]) -> [String] {
        cachedOrder("clients", sort.isEmpty ? ["id"] : sort) {
            $0 == ["id"] ? world.clients.keys.sorted() : SandboxFields.client.sort(Array(world.clients.values), by: $0).map(\.id)
        }
    }

    /// Sorting 50,000 channels per page request would blow the page budget: orders are cached
    /// until the world changes.
    func cachedOrder(_ list: String, _ sort: [String], compute: ([String]) -> [String]) -> [String] {
        let key = list + "|" + sort.joined(separator: ",")
        // IDs never change, so an order by ID only needs redoing when items come or go; the
        // clients' orders only when a client changes.
        let version = sort == ["id"] ? world.membershipVersion : list == "clients" ? world.clientsVersion : world.version
        if let cached = sortCache[key], cached.version == version { return cached.ids }
        let ids = compute(sort)
        sortCache[key] = (version, ids)
        return ids
    }
}
