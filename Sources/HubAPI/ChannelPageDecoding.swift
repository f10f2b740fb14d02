import Foundation
import HubCore

/// A page of channels costs a fingerprint per channel that did not change, not a decode
/// (issue 14): the page's items are found as byte ranges (`JSONListScanner`), each is hashed,
/// and only those whose bytes differ from the last time that channel was seen are decoded.
extension HTTPPartnerService {
    func decodeChannelPage(_ data: Data) throws(MalformedResponse) -> ListEnvelope<Channel> {
        // Not the shape the scanner reads: the decoder reads it as before (and names the problem).
        guard let page = JSONListScanner.scan(data, itemsKey: Channel.listKey) else {
            return try internAll(HubJSON.decode(ListEnvelope<Channel>.self, from: data))
        }
        var envelope = try HubJSON.decode(ListEnvelope<Channel>.self, from: page.skeleton)
        var items: [Channel] = []
        items.reserveCapacity(page.items.count)
        for range in page.items {
            let fingerprint = JSONListScanner.fingerprint(data, range)
            if let id = JSONListScanner.stringField(data, in: range, key: "id"), let known = interner.known(id: id, fingerprint: fingerprint) {
                items.append(known)
                continue
            }
            guard let channel = try? HubJSON.decode(Channel.self, from: data.subdata(in: range)) else {
                // The whole page again, for the error with the item's place in it.
                return try internAll(HubJSON.decode(ListEnvelope<Channel>.self, from: data))
            }
            decodedChannels += 1
            items.append(interner.intern(channel, fingerprint: fingerprint))
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
    func internAll(_ envelope: ListEnvelope<Channel>) -> ListEnvelope<Channel> {
        var e = envelope
        decodedChannels += e.items.count
        e.items = e.items.map { interner.intern($0, fingerprint: nil) }
        return e
    }
}
