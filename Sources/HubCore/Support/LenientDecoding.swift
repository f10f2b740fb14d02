import Foundation

// Reading API objects the way real servers write them. The reference documents a string, the
// server sends a number (`"app_id": 104148`), a float (`"version": 2.0`), `null`, or leaves
// the field out. Each helper reads one field, accepts the shapes that mean the same thing, and
// gives nil for absent, null and values of another type: the rules that read the field then
// see "not known" (docs/domain.md, "Fields the decoder reads"), never a guess and never a
// failure of the whole list. Only an object's ID is strict.
extension KeyedDecodingContainer {
    /// Present and not null, whatever its type (`terminated_at` counts by presence, C13).
    func isPresent(_ key: Key) -> Bool {
        contains(key) && ((try? decodeNil(forKey: key)) == false)
    }

    // The documented type is tried first with one lookup (`decodeIfPresent`: nil for absent and
    // null), so a well-formed field costs what a strict decoder pays; the others only on a mismatch.

    /// A string; a number or a bool is taken as its text (`104148` -> "104148").
    func lenientString(_ key: Key) -> String? {
        do { return try decodeIfPresent(String.self, forKey: key) } catch {}
        if let i = try? decode(Int64.self, forKey: key) { return String(i) }
        if let d = try? decode(Double.self, forKey: key), d.isFinite {
            return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        }
        if let b = try? decode(Bool.self, forKey: key) { return b ? "true" : "false" }
        return nil
    }

    /// An integer; `2.0` and `"2"` are 2. A fraction or other text is not an integer: nil.
    func lenientInt(_ key: Key) -> Int? {
        do { return try decodeIfPresent(Int.self, forKey: key) } catch {}
        if let d = try? decode(Double.self, forKey: key), d.isFinite, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        if let s = try? decode(String.self, forKey: key) {
            let t = s.trimmingCharacters(in: .whitespaces)
            if let i = Int(t) { return i }
            if let d = Double(t), d.isFinite, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        }
        return nil
    }

    /// A bool; `"true"`/`"false"` and `1`/`0` too.
    func lenientBool(_ key: Key) -> Bool? {
        do { return try decodeIfPresent(Bool.self, forKey: key) } catch {}
        if let i = try? decode(Int.self, forKey: key), i == 0 || i == 1 { return i == 1 }
        switch (try? decode(String.self, forKey: key))?.lowercased() {
        case "true"?, "1"?: return true
        case "false"?, "0"?: return false
        default: return nil
        }
    }

    /// An open enum from its string; a value of another type is kept as `.unknown` with its
    /// text, so it is shown as unknown rather than taken for absent.
    func lenientEnum<E: OpenEnum>(_ type: E.Type, _ key: Key) -> E? {
        guard let raw = lenientString(key) else { return nil }
        return E(rawValue: raw)
    }

    /// An ISO-8601 timestamp; an unparsable one is nil (see `isPresent` where presence matters).
    func lenientDate(_ key: Key) -> Date? {
        guard let s = (try? decodeIfPresent(String.self, forKey: key)) ?? nil else { return nil }
        return Timestamp.parse(s)
    }

    /// A nested object; nil when absent, null, or not of the documented shape.
    func lenientObject<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }
}
