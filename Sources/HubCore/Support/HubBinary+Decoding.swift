import Foundation

/// Reads HubBinary values in place: a container's entries are found once (their keys and
/// where each value starts), values are read on demand. Every read is bounds-checked: a
/// truncated or foreign row is a decoding error, never a trap.
final class BinaryReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func corrupt(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "HubBinary: \(what)"))
    }

    static func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: [], debugDescription: "HubBinary: not a \(type)"))
    }

    func decode<T: Decodable>(_ type: T.Type, at offset: Int) throws -> T {
        if T.self == Date.self {
            guard let date = Timestamp.parse(try string(at: offset)), let typed = date as? T else { throw Self.mismatch(Date.self) }
            return typed
        }
        if T.self == Decimal.self {
            guard try tag(at: offset) == .decimal, let number = Decimal(string: try text(at: offset)), let typed = number as? T else {
                throw Self.mismatch(Decimal.self)
            }
            return typed
        }
        return try T(from: BinaryDecoder(reader: self, offset: offset))
    }

    func tag(at offset: Int) throws -> HubBinary.Tag {
        guard offset < bytes.count, let t = HubBinary.Tag(rawValue: bytes[offset]) else { throw Self.corrupt("no value at \(offset)") }
        return t
    }

    func varint(_ pos: inout Int) throws -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            guard pos < bytes.count, shift < 64 else { throw Self.corrupt("truncated number") }
            let b = bytes[pos]
            pos += 1
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    func length(_ pos: inout Int) throws -> Int {
        let n = try varint(&pos)
        guard n <= UInt64(bytes.count - min(pos, bytes.count)) else { throw Self.corrupt("a length past the end") }
        return Int(n)
    }

    func isNil(at offset: Int) throws -> Bool { try tag(at: offset) == .null }

    func bool(at offset: Int) throws -> Bool {
        switch try tag(at: offset) {
        case .yes: return true
        case .no: return false
        default: throw Self.mismatch(Bool.self)
        }
    }

    func int(at offset: Int) throws -> Int64 {
        guard try tag(at: offset) == .int else { throw Self.mismatch(Int.self) }
        var pos = offset + 1
        let z = try varint(&pos)
        return Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at offset: Int) throws -> I {
        guard let v = I(exactly: try int(at: offset)) else { throw Self.mismatch(type) }
        return v
    }

    func double(at offset: Int) throws -> Double {
        switch try tag(at: offset) {
        case .double:
            guard offset + 9 <= bytes.count else { throw Self.corrupt("truncated double") }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[offset + 1 + i]) << (UInt64(i) * 8) }
            return Double(bitPattern: bits)
        case .int: return Double(try int(at: offset))
        default: throw Self.mismatch(Double.self)
        }
    }

    func string(at offset: Int) throws -> String {
        guard try tag(at: offset) == .string else { throw Self.mismatch(String.self) }
        return try text(at: offset)
    }

    /// The UTF-8 payload of a string or decimal value.
    func text(at offset: Int) throws -> String {
        var pos = offset + 1
        let n = try length(&pos)
        return String(decoding: bytes[pos..<pos + n], as: UTF8.self)
    }

    /// The end of the value at `offset`.
    func end(of offset: Int) throws -> Int {
        var pos = offset + 1
        switch try tag(at: offset) {
        case .null, .no, .yes: return pos
        case .int: _ = try varint(&pos); return pos
        case .double:
            guard offset + 9 <= bytes.count else { throw Self.corrupt("truncated double") }
            return offset + 9
        case .string, .decimal, .keyed, .unkeyed:
            let n = try length(&pos)
            return pos + n
        }
    }

    /// A keyed container's keys (start and length in `bytes`) and where each value starts.
    func keyed(at offset: Int) throws -> (keys: [(start: Int, count: Int)], values: [Int]) {
        guard try tag(at: offset) == .keyed else { throw Self.mismatch([String: Any].self) }
        var pos = offset + 1
        _ = try length(&pos)
        let count = try length(&pos)
        var keys: [(start: Int, count: Int)] = [], values: [Int] = []
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
        for _ in 0..<count {
            let n = try length(&pos)
            keys.append((pos, n))
            pos += n
            values.append(pos)
            pos = try end(of: pos)
        }
        return (keys, values)
    }

    func unkeyed(at offset: Int) throws -> [Int] {
        guard try tag(at: offset) == .unkeyed else { throw Self.mismatch([Any].self) }
        var pos = offset + 1
        _ = try length(&pos)
        let count = try length(&pos)
        var values: [Int] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            values.append(pos)
            pos = try end(of: pos)
        }
        return values
    }

    /// Whether the key stored at `range` is `key` (compared as UTF-8 bytes, no String made).
    func matches(_ range: (start: Int, count: Int), _ key: String) -> Bool {
        guard key.utf8.count == range.count else { return false }
        var i = range.start
        for b in key.utf8 {
            if b != bytes[i] { return false }
            i += 1
        }
        return true
    }
}

struct BinaryDecoder: Decoder {
    let reader: BinaryReader
    let offset: Int
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let (keys, values) = try reader.keyed(at: offset)
        return KeyedDecodingContainer(Keyed<Key>(reader: reader, keys: keys, values: values, cursor: Cursor()))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer { Unkeyed(reader: reader, values: try reader.unkeyed(at: offset)) }

    func singleValueContainer() throws -> SingleValueDecodingContainer { Single(reader: reader, offset: offset) }

    /// Where the next key is looked for first: a model reads its keys in the order it wrote
    /// them, so a lookup is usually one comparison, not a scan.
    final class Cursor { var next = 0 }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let reader: BinaryReader
        let keys: [(start: Int, count: Int)]
        let values: [Int]
        let cursor: Cursor
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] {
            keys.compactMap { Key(stringValue: String(decoding: reader.bytes[$0.start..<$0.start + $0.count], as: UTF8.self)) }
        }

        func at(_ key: Key) -> Int? {
            let name = key.stringValue, n = keys.count
            guard n > 0 else { return nil }
            var i = cursor.next < n ? cursor.next : 0
            for _ in 0..<n {
                if reader.matches(keys[i], name) {
                    cursor.next = i + 1
                    return values[i]
                }
                i = i + 1 == n ? 0 : i + 1
            }
            return nil
        }

        func need(_ key: Key) throws -> Int {
            guard let o = at(key) else { throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "HubBinary: no \(key.stringValue)")) }
            return o
        }

        /// Nil when absent or null (what decodeIfPresent means), else the value's offset.
        func present(_ key: Key) throws -> Int? {
            guard let o = at(key), try !reader.isNil(at: o) else { return nil }
            return o
        }

        func contains(_ key: Key) -> Bool { at(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { try reader.isNil(at: try need(key)) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader.bool(at: try need(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader.string(at: try need(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader.double(at: try need(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try reader.double(at: try need(key))) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader.integer(Int.self, at: try need(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader.integer(Int8.self, at: try need(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader.integer(Int16.self, at: try need(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader.integer(Int32.self, at: try need(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader.int(at: try need(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader.integer(UInt.self, at: try need(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader.integer(UInt8.self, at: try need(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader.integer(UInt16.self, at: try need(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader.integer(UInt32.self, at: try need(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader.integer(UInt64.self, at: try need(key)) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decode(type, at: try need(key)) }

        // One lookup each for the lenient readers' first try (the defaults take three).
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try reader.string(at: $0) } }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try reader.bool(at: $0) } }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try reader.integer(Int.self, at: $0) } }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try reader.double(at: $0) } }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(key).map { try reader.decode(type, at: $0) } }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try BinaryDecoder(reader: reader, offset: try need(key)).container(keyedBy: type)
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            try BinaryDecoder(reader: reader, offset: try need(key)).unkeyedContainer()
        }
        func superDecoder() throws -> Decoder {
            guard let k = Key(stringValue: "super") else { throw BinaryReader.corrupt("no super") }
            return BinaryDecoder(reader: reader, offset: try need(k))
        }
        func superDecoder(forKey key: Key) throws -> Decoder { BinaryDecoder(reader: reader, offset: try need(key)) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let reader: BinaryReader
        let values: [Int]
        var currentIndex = 0
        var codingPath: [CodingKey] { [] }
        var count: Int? { values.count }
        var isAtEnd: Bool { currentIndex >= values.count }

        init(reader: BinaryReader, values: [Int]) {
            self.reader = reader
            self.values = values
        }

        mutating func next() throws -> Int {
            guard currentIndex < values.count else { throw BinaryReader.corrupt("past the end of a list") }
            defer { currentIndex += 1 }
            return values[currentIndex]
        }

        mutating func decodeNil() throws -> Bool {
            guard currentIndex < values.count, try reader.isNil(at: values[currentIndex]) else { return false }
            currentIndex += 1
            return true
        }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: try next()) }
        mutating func decode(_ type: String.Type) throws -> String { try reader.string(at: try next()) }
        mutating func decode(_ type: Double.Type) throws -> Double { try reader.double(at: try next()) }
        mutating func decode(_ type: Float.Type) throws -> Float { Float(try reader.double(at: try next())) }
        mutating func decode(_ type: Int.Type) throws -> Int { try reader.integer(Int.self, at: try next()) }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(Int8.self, at: try next()) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(Int16.self, at: try next()) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(Int32.self, at: try next()) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try reader.int(at: try next()) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(UInt.self, at: try next()) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(UInt8.self, at: try next()) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(UInt16.self, at: try next()) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(UInt32.self, at: try next()) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self, at: try next()) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type, at: try next()) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try BinaryDecoder(reader: reader, offset: try next()).container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
            try BinaryDecoder(reader: reader, offset: try next()).unkeyedContainer()
        }
        mutating func superDecoder() throws -> Decoder { BinaryDecoder(reader: reader, offset: try next()) }
    }

    struct Single: SingleValueDecodingContainer {
        let reader: BinaryReader
        let offset: Int
        var codingPath: [CodingKey] { [] }
        func decodeNil() -> Bool { (try? reader.isNil(at: offset)) ?? false }
        func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: offset) }
        func decode(_ type: String.Type) throws -> String { try reader.string(at: offset) }
        func decode(_ type: Double.Type) throws -> Double { try reader.double(at: offset) }
        func decode(_ type: Float.Type) throws -> Float { Float(try reader.double(at: offset)) }
        func decode(_ type: Int.Type) throws -> Int { try reader.integer(Int.self, at: offset) }
        func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(Int8.self, at: offset) }
        func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(Int16.self, at: offset) }
        func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(Int32.self, at: offset) }
        func decode(_ type: Int64.Type) throws -> Int64 { try reader.int(at: offset) }
        func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(UInt.self, at: offset) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(UInt8.self, at: offset) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(UInt16.self, at: offset) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(UInt32.self, at: offset) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(UInt64.self, at: offset) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type, at: offset) }
    }
}
