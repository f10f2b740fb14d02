/// Keeps a large value on the heap, shared between copies until one of them changes it.
/// Channels hold several nested objects; boxing them keeps a channel small to copy, and lets
/// snapshots, the store and the sandbox share the same nested data (50,000 channels stay
/// within the memory budget, and comparing unchanged channels is an identity check).
@propertyWrapper
public struct Boxed<Value: Hashable & Sendable>: Hashable, Sendable {
    // Mutated only while uniquely referenced (see `_modify`), so sharing it is safe.
    final class Storage: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var storage: Storage

    /// The value, borrowed from the box (no copy of its fields).
    var borrowed: Value { _read { yield storage.value } }

    public init(wrappedValue: Value) { storage = Storage(wrappedValue) }

    public var wrappedValue: Value {
        // A borrow, not a copy: reading `channel.wabaAccount?.status` must not retain and
        // release every string of the WABA (that made a 50,000-channel diff cost 300 ms).
        _read { yield storage.value }
        _modify {
            // Copy on write: a box shared with other copies is copied before it changes.
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.value) }
            yield &storage.value
        }
    }

    public static func == (a: Boxed, b: Boxed) -> Bool { a.storage === b.storage || a.storage.value == b.storage.value }

    public func hash(into h: inout Hasher) { h.combine(storage.value) }
}

extension Boxed: Codable where Value: Codable {
    public init(from decoder: Decoder) throws { self.init(wrappedValue: try Value(from: decoder)) }
    public func encode(to encoder: Encoder) throws { try wrappedValue.encode(to: encoder) }
}

// Optional boxed fields behave like plain optionals on the wire: absent when nil.
extension KeyedDecodingContainer {
    public func decode<T: Codable & Hashable & Sendable>(_ type: Boxed<T?>.Type, forKey key: Key) throws -> Boxed<T?> {
        Boxed(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<T: Codable & Hashable & Sendable>(_ value: Boxed<T?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
