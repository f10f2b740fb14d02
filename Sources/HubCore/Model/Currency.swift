/// An ISO 4217 currency and how many minor-unit digits it has.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three letters and the minor digits in four bytes: money sits in every channel,
    /// payment and balance, and a `String` code made each amount 32 bytes instead of 12.
    private let packed: UInt32

    /// "EUR".
    public var code: String {
        String(decoding: [UInt8(packed & 0xFF), UInt8(packed >> 8 & 0xFF), UInt8(packed >> 16 & 0xFF)], as: UTF8.self)
    }

    public var minorDigits: Int { Int(packed >> 24) }

    /// Digits per ISO 4217 for the currencies 360dialog bills in, and the odd ones worth knowing.
    static let minorDigitsByCode: [String: Int] = [
        "EUR": 2, "USD": 2, "GBP": 2, "BRL": 2, "INR": 2, "CHF": 2, "MXN": 2, "ZAR": 2, "AUD": 2,
        "CAD": 2, "IDR": 2, "TRY": 2, "PLN": 2, "SEK": 2, "NOK": 2, "DKK": 2, "AED": 2, "SAR": 2,
        "SGD": 2, "HKD": 2, "CNY": 2, "ILS": 2, "EGP": 2, "NGN": 2, "COP": 2, "ARS": 2,
        "JPY": 0, "KRW": 0, "CLP": 0, "VND": 0, "ISK": 0,
        "KWD": 3, "BHD": 3, "JOD": 3, "OMR": 3, "TND": 3,
    ]

    static let symbols: [String: String] = ["EUR": "€", "USD": "$", "GBP": "£", "BRL": "R$", "INR": "₹", "JPY": "¥"]

    /// A listed currency in any case ("eur", as the partner balance endpoint writes it). With
    /// `allowUnlisted`, any three ASCII letters (2 minor digits): API data must not fail on a
    /// currency we have not listed, while what an agent types must be a currency we know.
    public init?(code raw: String, allowUnlisted: Bool = false) {
        let code = raw.uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        guard allowUnlisted || Self.minorDigitsByCode[code] != nil else { return nil }
        let b = Array(code.utf8)
        packed = UInt32(b[0]) | UInt32(b[1]) << 8 | UInt32(b[2]) << 16 | UInt32(Self.minorDigitsByCode[code] ?? 2) << 24
    }

    public static let eur = Currency(code: "EUR")!
    public static let usd = Currency(code: "USD")!

    public var symbol: String? { Self.symbols[code] }
    public var description: String { code }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let cur = Currency(code: raw, allowUnlisted: true) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO currency code: \(raw)")
        }
        self = cur
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }

    /// Looks a currency up by its symbol ("€" -> EUR).
    static func bySymbol(_ symbol: String) -> Currency? {
        symbols.first { $0.value == symbol }.flatMap { Currency(code: $0.key) }
    }
}
