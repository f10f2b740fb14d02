import Foundation

/// Finds the items of a list envelope (`{"count": …, "partner_channels": [ {…}, {…} ], …}`)
/// as byte ranges, without decoding them, so a poll can fingerprint each item's bytes and
/// decode only those that changed (issue 14). It reads structure only: strings (with their
/// escapes), nesting and the top-level keys. Anything it does not expect gives nil and the
/// caller decodes the whole document as before, which also gives the error its message.
public enum JSONListScanner {
    public struct Page: Equatable, Sendable {
        /// The document with the items array emptied (`[]`): the envelope's other fields,
        /// decoded as before at the cost of a few bytes.
        public var skeleton: Data
        /// Each item's bytes in the original document.
        public var items: [Range<Int>]
    }

    /// Nesting deeper than this is refused (nil): the full decoder then says what is wrong.
    static let maxDepth = 512

    public static func scan(_ data: Data, itemsKey: String) -> Page? {
        let key = Array(itemsKey.utf8)
        return data.withUnsafeBytes { raw -> Page? in
            let b = raw.bindMemory(to: UInt8.self)
            var i = skipSpace(b, 0)
            guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
            i += 1
            var array: Range<Int>?
            var items: [Range<Int>] = []
            var firstKey = true
            while true {
                i = skipSpace(b, i)
                guard i < b.count else { return nil }
                if firstKey, b[i] == UInt8(ascii: "}") { i += 1; break }
                firstKey = false
                guard let (name, value) = member(b, i, end: b.count) else { return nil }
                i = value
                let isItems = equal(b, name, key)
                if isItems {
                    guard array == nil, i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
                    let start = i
                    i += 1
                    var first = true
                    while true {
                        i = skipSpace(b, i)
                        guard i < b.count else { return nil }
                        // `]` closes an empty array only, never after a comma.
                        if first, b[i] == UInt8(ascii: "]") { i += 1; break }
                        first = false
                        guard b[i] == UInt8(ascii: "{"), let end = skipValue(b, i) else { return nil }
                        items.append(i..<end)
                        i = skipSpace(b, end)
                        guard i < b.count else { return nil }
                        if b[i] == UInt8(ascii: ",") { i += 1; continue }
                        guard b[i] == UInt8(ascii: "]") else { return nil }
                        i += 1
                        break
                    }
                    array = start..<i
                } else {
                    guard let end = skipValue(b, i) else { return nil }
                    i = end
                }
                i = skipSpace(b, i)
                guard i < b.count else { return nil }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                guard b[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
            guard skipSpace(b, i) == b.count, let array else { return nil }
            var skeleton = Data(capacity: data.count - array.count + 2)
            skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<array.lowerBound]))
            skeleton.append(contentsOf: [UInt8(ascii: "["), UInt8(ascii: "]")])
            skeleton.append(contentsOf: UnsafeBufferPointer(rebasing: b[array.upperBound...]))
            return Page(skeleton: skeleton, items: items)
        }
    }

    /// The value of a top-level string field of one object (an item's `"id"`), when it is a
    /// plain string without escapes; nil otherwise (the item is then always decoded).
    public static func stringField(_ data: Data, in range: Range<Int>, key: String) -> String? {
        let k = Array(key.utf8)
        return data.withUnsafeBytes { raw -> String? in
            let b = raw.bindMemory(to: UInt8.self)
            guard range.lowerBound < range.upperBound, range.upperBound <= b.count, b[range.lowerBound] == UInt8(ascii: "{") else { return nil }
            var i = range.lowerBound + 1
            while i < range.upperBound {
                i = skipSpace(b, i)
                guard i < range.upperBound, b[i] != UInt8(ascii: "}"), let (name, value) = member(b, i, end: range.upperBound) else { return nil }
                i = value
                if equal(b, name, k) {
                    guard i < b.count, b[i] == UInt8(ascii: "\""), let value = string(b, i) else { return nil }
                    let bytes = UnsafeBufferPointer(rebasing: b[value])
                    if bytes.contains(UInt8(ascii: "\\")) { return nil }
                    return String(decoding: bytes, as: UTF8.self)
                }
                guard let end = skipValue(b, i) else { return nil }
                i = skipSpace(b, end)
                guard i < range.upperBound, b[i] == UInt8(ascii: ",") else { return nil }
                i += 1
            }
            return nil
        }
    }

    /// A 64-bit fingerprint of bytes, the same in every process (unlike `Hasher`), so it can
    /// be kept in the database beside the snapshot. Eight bytes per step (wyhash-style mixing).
    public static func fingerprint(_ data: Data, _ range: Range<Int>) -> UInt64 {
        data.withUnsafeBytes { raw -> UInt64 in
            guard let start = raw.baseAddress, range.lowerBound >= 0, range.upperBound <= raw.count else { return 0 }
            let base = start.advanced(by: range.lowerBound)
            let n = range.count
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
            var i = 0
            while i + 8 <= n {
                h = mix(h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0xA076_1D64_78BD_642F)
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            return mix(h ^ tail, 0xE703_7ED1_A0B4_28DB)
        }
    }

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    // MARK: structure

    static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var i = from
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return i
            }
        }
        return i
    }

    /// An object member `"name" :` starting at `i`: the name's contents and where its value
    /// starts; nil when that is not what is there (before `end`).
    static func member(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, end: Int) -> (name: Range<Int>, value: Int)? {
        guard let name = string(b, i) else { return nil }
        let colon = skipSpace(b, name.upperBound + 1)
        guard colon < end, b[colon] == UInt8(ascii: ":") else { return nil }
        return (name, skipSpace(b, colon + 1))
    }

    /// The contents of the string starting at `i` (the opening quote); nil when unterminated.
    static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Range<Int>? {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        var j = i + 1
        while j < b.count {
            switch b[j] {
            case UInt8(ascii: "\\"): j += 2
            case UInt8(ascii: "\""): return (i + 1)..<j
            default: j += 1
            }
        }
        return nil
    }

    /// Where the value starting at `i` ends (one past it); nil when it does not end.
    static func skipValue(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i < b.count else { return nil }
        switch b[i] {
        case UInt8(ascii: "\""):
            return string(b, i).map { $0.upperBound + 1 }
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0, j = i
            while j < b.count {
                switch b[j] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    if depth > maxDepth { return nil }
                    j += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    j += 1
                    if depth == 0 { return j }
                case UInt8(ascii: "\""):
                    guard let s = string(b, j) else { return nil }
                    j = s.upperBound + 1
                default: j += 1
                }
            }
            return nil
        default:
            // A number, true, false or null: up to the next delimiter.
            var j = i
            while j < b.count {
                switch b[j] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return j > i ? j : nil
                default: j += 1
                }
            }
            return j > i ? j : nil
        }
    }

    static func equal(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ key: [UInt8]) -> Bool {
        guard r.count == key.count else { return false }
        for (k, i) in r.enumerated() where b[i] != key[k] { return false }
        return true
    }
}
