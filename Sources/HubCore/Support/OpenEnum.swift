/// An API enum that keeps values it does not know as `.unknown(raw)` instead of failing:
/// the Partner API adds values over time and one new status must not hide a whole list.
public protocol OpenEnum: Codable, Hashable, Sendable, CustomStringConvertible {
    static var knownCases: [Self] { get }
    static func unknown(_ raw: String) -> Self
    var rawValue: String { get }
}

extension OpenEnum {
    public init(rawValue: String) {
        self = Self.knownCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    public init(from decoder: Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }

    public var isKnown: Bool { Self.knownCases.contains(self) }
}
