import Foundation

/// The one way to turn Partner API JSON into models and back. Keys are snake_case on the wire
/// and camelCase in Swift; dates are ISO-8601 with whole seconds.
public enum HubJSON {
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO-8601 timestamp: \(text)")
            }
            return date
        }
        return d
    }

    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Timestamp.format(date))
        }
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Decodes, and turns Foundation's decoding errors into one readable line that names the field.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(MalformedResponse) -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw MalformedResponse(error)
        } catch {
            throw MalformedResponse(path: "", reason: "\(error)")
        }
    }

    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        try encoder(pretty: pretty).encode(value)
    }
}

/// API data that does not have the documented shape; `description` names the field.
public struct MalformedResponse: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public init(_ error: DecodingError) {
        func render(_ path: [CodingKey]) -> String {
            var out = ""
            for key in path {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue.snakeCased }
            }
            return out
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let parent = render(ctx.codingPath)
            self.init(path: parent.isEmpty ? key.stringValue.snakeCased : parent + "." + key.stringValue.snakeCased,
                      reason: "required field is missing")
        case .valueNotFound(_, let ctx):
            self.init(path: render(ctx.codingPath), reason: "required field is null")
        case .typeMismatch(let type, let ctx):
            self.init(path: render(ctx.codingPath), reason: "expected \(type)")
        case .dataCorrupted(let ctx):
            let underlying = (ctx.underlyingError).map { " (\($0.localizedDescription))" } ?? ""
            self.init(path: render(ctx.codingPath), reason: ctx.debugDescription + underlying)
        @unknown default:
            self.init(path: "", reason: "\(error)")
        }
    }

    /// Sanitised and shortened: `reason` may quote what the server sent.
    public var description: String {
        Sanitizer.oneLine(path.isEmpty ? "malformed API data: \(reason)" : "malformed API data at \(Sanitizer.oneLine(path, max: 120)): \(reason)", max: 300)
    }
}

extension String {
    /// `paid_quantity` -> `paidQuantity`: a wire key as HubJSON's decoder sees it after its
    /// snake_case conversion (for types that build their coding keys at run time).
    var camelCased: String {
        let parts = split(separator: "_")
        return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
    }

    /// `fbAccountStatus` -> `fb_account_status`, for naming fields as the API spells them.
    var snakeCased: String {
        var out = ""
        for ch in self {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }
}

/// The wire shape of a boxed entity (`Channel`, `Client`): `id` and the other fields side by side
/// in one JSON object, the ID strict (a missing one names the path), the fields as they come.
enum IDAndFields {
    enum Key: String, CodingKey { case id }

    static func decode<Fields: Decodable>(_ type: Fields.Type, from decoder: Decoder) throws -> (String, Fields) {
        (try decoder.container(keyedBy: Key.self).decode(String.self, forKey: .id), try Fields(from: decoder))
    }

    static func encode<Fields: Encodable>(id: String, _ fields: Fields, to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try fields.encode(to: encoder)
    }
}
