import Foundation

/// A compact binary form of any Codable model, for rows partnerhub writes and reads itself
/// (the team's snapshot tables): what HubJSON's text costs to read (parsing, snake_case key
/// conversion) is gone, so an agent reads 48,439 channels in well under a second. The models'
/// own `init(from:)` and `encode(to:)` are used unchanged; dates are Timestamp text, as in
/// HubJSON, because the lenient readers parse them from strings.
///
/// Layout: a version byte (`magic`), then one value. A value is a tag and its payload:
/// nil; false; true; an integer (zigzag varint); a double (8 bytes, little-endian); a string
/// (varint length, UTF-8); a decimal (as a string, its text); a keyed container (varint byte length, varint count, then key
/// strings and values); an unkeyed one (varint byte length, varint count, values).
public enum HubBinary {
    public static let magic: UInt8 = 0xB1

    enum Tag: UInt8 { case null = 0, no, yes, int, double, string, keyed, unkeyed, decimal }

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let root = BinaryNode()
        try root.store(value)
        var out: [UInt8] = [magic]
        out.reserveCapacity(512)
        root.write(to: &out)
        return Data(out)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let bytes = [UInt8](data)
        guard bytes.first == magic, bytes.count > 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a HubBinary row"))
        }
        return try BinaryReader(bytes).decode(type, at: 1)
    }

    /// Whether `data` is in this form (rows written before it are JSON, which starts with `{`).
    public static func isBinary(_ data: Data) -> Bool { data.first == magic }
}

// MARK: encoding

/// What an encoder built: a value's bytes, or a container of nodes (filled as the model's
/// `encode(to:)` asks for containers, possibly twice for one object: IDAndFields).
final class BinaryNode {
    enum Kind { case empty, bytes, keyed, unkeyed }
    var kind = Kind.empty
    var bytes: [UInt8] = []
    var keys: [String] = []
    var children: [BinaryNode] = []

    func set(_ b: [UInt8]) {
        kind = .bytes
        bytes = b
    }

    func store<T: Encodable>(_ value: T) throws {
        if let date = value as? Date {
            set(BinaryNode.string(Timestamp.format(date)))
        } else if let number = value as? Decimal {
            // Its own tag: a JSONValue number must not come back as a string, nor one as the other.
            var b = BinaryNode.string(number.description)
            b[0] = HubBinary.Tag.decimal.rawValue
            set(b)
        } else {
            try value.encode(to: BinaryEncoder(node: self))
        }
    }

    func write(to out: inout [UInt8]) {
        switch kind {
        case .empty: out.append(HubBinary.Tag.null.rawValue)
        case .bytes: out.append(contentsOf: bytes)
        case .keyed, .unkeyed:
            var body: [UInt8] = []
            BinaryNode.varint(UInt64(children.count), &body)
            for (i, node) in children.enumerated() {
                if kind == .keyed {
                    let k = Array(keys[i].utf8)
                    BinaryNode.varint(UInt64(k.count), &body)
                    body.append(contentsOf: k)
                }
                node.write(to: &body)
            }
            out.append(kind == .keyed ? HubBinary.Tag.keyed.rawValue : HubBinary.Tag.unkeyed.rawValue)
            BinaryNode.varint(UInt64(body.count), &out)
            out.append(contentsOf: body)
        }
    }

    /// Made keyed if it was not yet (an object's `encode(to:)` may ask twice: IDAndFields).
    func makeKeyed() {
        if kind != .keyed { kind = .keyed; keys = []; children = [] }
    }

    func makeUnkeyed() {
        if kind != .unkeyed { kind = .unkeyed; keys = []; children = [] }
    }

    func child(forKey key: String) -> BinaryNode {
        makeKeyed()
        if let i = keys.firstIndex(of: key) { return children[i] }
        let n = BinaryNode()
        keys.append(key)
        children.append(n)
        return n
    }

    func appendChild() -> BinaryNode {
        makeUnkeyed()
        let n = BinaryNode()
        children.append(n)
        return n
    }

    static func varint(_ v: UInt64, _ out: inout [UInt8]) {
        var v = v
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
    }

    static func string(_ s: String) -> [UInt8] {
        var out: [UInt8] = [HubBinary.Tag.string.rawValue]
        let u = Array(s.utf8)
        varint(UInt64(u.count), &out)
        out.append(contentsOf: u)
        return out
    }

    static func int(_ v: Int64) -> [UInt8] {
        var out: [UInt8] = [HubBinary.Tag.int.rawValue]
        varint(UInt64(bitPattern: (v << 1) ^ (v >> 63)), &out)
        return out
    }

    static func double(_ d: Double) -> [UInt8] {
        var out: [UInt8] = [HubBinary.Tag.double.rawValue]
        let bits = d.bitPattern
        for i in 0..<8 { out.append(UInt8((bits >> (UInt64(i) * 8)) & 0xFF)) }
        return out
    }

    static func bool(_ b: Bool) -> [UInt8] { [b ? HubBinary.Tag.yes.rawValue : HubBinary.Tag.no.rawValue] }

}

struct BinaryEncoder: Encoder {
    let node: BinaryNode
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(Keyed<Key>(node: node))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return Unkeyed(node: node)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(node: node) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: BinaryNode
        var codingPath: [CodingKey] { [] }
        func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).set([HubBinary.Tag.null.rawValue]) }
        func encode(_ value: Bool, forKey key: Key) throws { node.child(forKey: key.stringValue).set(BinaryNode.bool(value)) }
        func encode(_ value: String, forKey key: Key) throws { node.child(forKey: key.stringValue).set(BinaryNode.string(value)) }
        func encode(_ value: Double, forKey key: Key) throws { node.child(forKey: key.stringValue).set(BinaryNode.double(value)) }
        func encode(_ value: Int, forKey key: Key) throws { node.child(forKey: key.stringValue).set(BinaryNode.int(Int64(value))) }
        func encode(_ value: Int64, forKey key: Key) throws { node.child(forKey: key.stringValue).set(BinaryNode.int(value)) }
        func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try node.child(forKey: key.stringValue).store(value) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            BinaryEncoder(node: node.child(forKey: key.stringValue)).container(keyedBy: keyType)
        }
        func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            BinaryEncoder(node: node.child(forKey: key.stringValue)).unkeyedContainer()
        }
        func superEncoder() -> Encoder { BinaryEncoder(node: node.child(forKey: "super")) }
        func superEncoder(forKey key: Key) -> Encoder { BinaryEncoder(node: node.child(forKey: key.stringValue)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: BinaryNode
        var codingPath: [CodingKey] { [] }
        var count: Int { node.children.count }
        func encodeNil() throws { node.appendChild().set([HubBinary.Tag.null.rawValue]) }
        func encode(_ value: Bool) throws { node.appendChild().set(BinaryNode.bool(value)) }
        func encode(_ value: String) throws { node.appendChild().set(BinaryNode.string(value)) }
        func encode(_ value: Double) throws { node.appendChild().set(BinaryNode.double(value)) }
        func encode(_ value: Int) throws { node.appendChild().set(BinaryNode.int(Int64(value))) }
        func encode<T: Encodable>(_ value: T) throws { try node.appendChild().store(value) }
        func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            BinaryEncoder(node: node.appendChild()).container(keyedBy: keyType)
        }
        func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { BinaryEncoder(node: node.appendChild()).unkeyedContainer() }
        func superEncoder() -> Encoder { BinaryEncoder(node: node.appendChild()) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: BinaryNode
        var codingPath: [CodingKey] { [] }
        func encodeNil() throws { node.set([HubBinary.Tag.null.rawValue]) }
        func encode(_ value: Bool) throws { node.set(BinaryNode.bool(value)) }
        func encode(_ value: String) throws { node.set(BinaryNode.string(value)) }
        func encode(_ value: Double) throws { node.set(BinaryNode.double(value)) }
        func encode(_ value: Float) throws { node.set(BinaryNode.double(Double(value))) }
        func encode(_ value: Int) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: Int8) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: Int16) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: Int32) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: Int64) throws { node.set(BinaryNode.int(value)) }
        func encode(_ value: UInt) throws { node.set(BinaryNode.int(Int64(truncatingIfNeeded: value))) }
        func encode(_ value: UInt8) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: UInt16) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: UInt32) throws { node.set(BinaryNode.int(Int64(value))) }
        func encode(_ value: UInt64) throws { node.set(BinaryNode.int(Int64(truncatingIfNeeded: value))) }
        func encode<T: Encodable>(_ value: T) throws { try node.store(value) }
    }
}
