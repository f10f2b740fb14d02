import Foundation
import HubCore

/// A page of a list costs a fingerprint per item that did not change, not a decode (issue 14):
/// the page's items are found as byte ranges (`JSONListScanner`), each is hashed, and only
/// those whose bytes differ from the last time that item was seen are decoded.
extension HTTPPartnerService {
    func decodeChannelPage(_ data: Data) throws(MalformedResponse) -> ListEnvelope<Channel> {
        try decodePage(data, known: { interner.known(id: $0, fingerprint: $1) }, keep: { interner.intern($0, fingerprint: $1) })
            .withWireBytes(data.count)
    }

    func decodeClientPage(_ data: Data) throws(MalformedResponse) -> ListEnvelope<Client> {
        try decodePage(data, known: { id, print in clientPrints[id].flatMap { $0.print == print ? $0.client : nil } },
                       keep: { client, print in
                           if let print { clientPrints[client.id] = (print, client) } else { clientPrints[client.id] = nil }
                           return client
                       })
            .withWireBytes(data.count)
    }

    /// `known`: the item last decoded from bytes with this fingerprint; `keep`: remembers a
    /// decoded item (nil fingerprint: decoded without the scanner) and gives the form to use.
    func decodePage<Item: ListItem>(_ data: Data, known: (String, UInt64) -> Item?, keep: (Item, UInt64?) -> Item) throws(MalformedResponse) -> ListEnvelope<Item> {
        // Not the shape the scanner reads: the decoder reads it as before (and names the problem).
        guard let page = JSONListScanner.scan(data, itemsKey: Item.listKey) else {
            return try decodeWhole(data, keep: keep)
        }
        var envelope = try HubJSON.decode(ListEnvelope<Item>.self, from: page.skeleton)
        var items: [Item] = []
        items.reserveCapacity(page.items.count)
        for range in page.items {
            let fingerprint = JSONListScanner.fingerprint(data, range)
            if let id = JSONListScanner.stringField(data, in: range, key: "id"), let item = known(id, fingerprint) {
                items.append(item)
                continue
            }
            // The whole page again when one item does not decode, for the error with its place.
            guard let item = try? HubJSON.decode(Item.self, from: data.subdata(in: range)) else { return try decodeWhole(data, keep: keep) }
            decodedItems += 1
            items.append(keep(item, fingerprint))
        }
        // What the envelope's decoder makes of absent counts, from the real number of items.
        let present = try HubJSON.decode(CountFields.self, from: page.skeleton)
        envelope.items = items
        envelope.count = present.count ?? items.count
        envelope.total = present.total ?? envelope.count
        envelope.limit = present.limit ?? envelope.count
        return envelope
    }

    struct CountFields: Decodable {
        var count: Int?
        var total: Int?
        var limit: Int?
    }

    /// A page decoded in full: no fingerprints (they are of the scanner's item bytes).
    func decodeWhole<Item: ListItem>(_ data: Data, keep: (Item, UInt64?) -> Item) throws(MalformedResponse) -> ListEnvelope<Item> {
        var e = try HubJSON.decode(ListEnvelope<Item>.self, from: data)
        decodedItems += e.items.count
        e.items = e.items.map { keep($0, nil) }
        return e
    }
}
