import Foundation
import HubCore

/// The world's channels by ID, remembering which ones were written since the engine last
/// looked (`takeTouched`). The order by `modified_at` is then kept up to date with the few that
/// changed instead of re-sorting 50,000 channels whenever anything changes (issue 14).
public struct ChannelTable: Sendable, Sequence {
    var storage: [String: SandboxChannel] = [:]
    /// Written since the last `takeTouched` (possibly removed since), with what the order by
    /// `modified_at` knew of each before its first write: so that order need not keep its
    /// own table of 50,000 dates.
    var touched: [String: ModifiedOrder.Before] = [:]

    public init() {}

    public subscript(id: String) -> SandboxChannel? {
        get { storage[id] }
        set {
            noteWrite(id)
            storage[id] = newValue
        }
        _modify {
            noteWrite(id)
            yield &storage[id]
        }
    }

    private mutating func noteWrite(_ id: String) {
        guard touched[id] == nil else { return }
        let old = storage[id]
        touched[id] = ModifiedOrder.Before(present: old != nil, modified: old?.channel.modifiedAt)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var keys: Dictionary<String, SandboxChannel>.Keys { storage.keys }
    public var values: Dictionary<String, SandboxChannel>.Values { storage.values }

    public func makeIterator() -> Dictionary<String, SandboxChannel>.Iterator { storage.makeIterator() }

    /// A channel of a world being made: nothing has looked at the table yet, so nothing is
    /// remembered as written (50,000 entries in `touched` for nothing).
    mutating func load(_ channel: SandboxChannel) {
        storage[channel.channel.id] = channel
    }

    mutating func reserveCapacity(_ n: Int) { storage.reserveCapacity(n) }

    /// The IDs written since the last call, with what they were before.
    mutating func takeTouched() -> [String: ModifiedOrder.Before] {
        defer { touched = [:] }
        return touched
    }
}
