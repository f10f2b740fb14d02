import Foundation

/// An amount of money in integer minor units (cents) of one currency. Never a Double.
public struct Money: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    public var isZero: Bool { minorUnits == 0 }
    public var isPositive: Bool { minorUnits > 0 }
    public var isNegative: Bool { minorUnits < 0 }

    // MARK: arithmetic within one currency

    public static func + (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "adding \(a.currency) to \(b.currency)")
        return Money(minorUnits: a.minorUnits + b.minorUnits, currency: a.currency)
    }

    public static func - (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "subtracting \(b.currency) from \(a.currency)")
        return Money(minorUnits: a.minorUnits - b.minorUnits, currency: a.currency)
    }

    public static func < (a: Money, b: Money) -> Bool {
        precondition(a.currency == b.currency, "comparing \(a.currency) with \(b.currency)")
        return a.minorUnits < b.minorUnits
    }

    public static func min(_ a: Money, _ b: Money) -> Money { a < b ? a : b }

    /// The sum of amounts that must all be in `currency`; nil when one is not (data from a
    /// server or a file can mix currencies, and `+` would trap on that).
    public static func total(_ items: [Money], in currency: Currency) -> Money? {
        var units: Int64 = 0
        for m in items {
            guard m.currency == currency else { return nil }
            let (sum, overflow) = units.addingReportingOverflow(m.minorUnits)
            if overflow { return nil }
            units = sum
        }
        return Money(minorUnits: units, currency: currency)
    }

    // MARK: decimal bridge (the API writes amounts as JSON numbers such as 12.34)

    /// Exact conversion from a decimal major-unit amount; nil when it has more decimals than
    /// the currency allows or does not fit.
    public init?(decimal: Decimal, currency: Currency) {
        guard decimal.isFinite else { return nil }
        var scaled = decimal
        for _ in 0..<currency.minorDigits { scaled *= 10 }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard rounded == scaled else { return nil }
        guard let value = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value),
              Decimal(value) == rounded else { return nil }
        self.init(minorUnits: value, currency: currency)
    }

    public var decimal: Decimal {
        var d = Decimal(minorUnits)
        for _ in 0..<currency.minorDigits { d /= 10 }
        return d
    }

    // MARK: formatting

    /// The number alone, "12.34" or "-5.00".
    public var amountString: String {
        let digits = currency.minorDigits
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        guard digits > 0 else { return sign + String(magnitude) }
        var p: UInt64 = 1
        for _ in 0..<digits { p *= 10 }
        let frac = String(magnitude % p)
        return sign + String(magnitude / p) + "." + String(repeating: "0", count: digits - frac.count) + frac
    }

    /// "12.34 EUR": unambiguous, used in confirmations, logs and CSV.
    public var description: String { amountString + " " + currency.code }

    /// "€12.34" / "-€5.00" when the currency has a symbol, else "12.34 CHF".
    public var symbolString: String {
        guard let symbol = currency.symbol else { return description }
        let body = Money(minorUnits: Int64(minorUnits.magnitude), currency: currency).amountString
        return (minorUnits < 0 ? "-" : "") + symbol + body
    }
}

// MARK: parsing

public enum MoneyParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case negativeZero
    case tooManyDecimals(currency: String, allowed: Int)
    case unknownCurrency(String)
    case missingCurrency
    case tooLarge

    public var description: String {
        switch self {
        case .empty: return "Enter an amount."
        case .notANumber(let s): return "\"\(s)\" is not an amount; write it like 12.34 EUR."
        case .negativeZero: return "-0 is not an amount."
        case .tooManyDecimals(let c, let n): return "\(c) amounts have at most \(n) decimal\(n == 1 ? "" : "s")."
        case .unknownCurrency(let s): return "Unknown currency \"\(s)\"; use an ISO code such as EUR."
        case .missingCurrency: return "Add the currency, e.g. 12.34 EUR."
        case .tooLarge: return "The amount is too large."
        }
    }
}

extension Money {
    /// Parses what an agent types: "12.34 EUR", "EUR 12.34", "€12.34", "-€5", "12.34" (with a
    /// default currency). Rejects "-0", NaN/infinity, exponents, thousands separators and more
    /// decimals than the currency has.
    public static func parse(_ input: String, defaultCurrency: Currency? = nil) throws(MoneyParseError) -> Money {
        var text = input.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw .empty }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        else if text.hasPrefix("+") { text.removeFirst() }
        text = text.trimmingCharacters(in: .whitespaces)

        var currency: Currency?
        // Symbol prefix: "€12.34", "R$ 5"
        for (code, symbol) in Currency.symbols.sorted(by: { $0.value.count > $1.value.count }) where text.hasPrefix(symbol) {
            currency = Currency(code: code)
            text = String(text.dropFirst(symbol.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if currency == nil, let last = text.last, let cur = Currency.bySymbol(String(last)) {
            currency = cur
            text = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        // Code prefix or suffix: "EUR 12.34", "12.34 EUR", "12.34EUR"
        if currency == nil {
            let letters = text.prefix { $0.isLetter }
            let trailing = String(text.reversed().prefix { $0.isLetter }.reversed())
            if !letters.isEmpty {
                guard let cur = Currency(code: String(letters)) else { throw .unknownCurrency(String(letters)) }
                currency = cur
                text = String(text.dropFirst(letters.count)).trimmingCharacters(in: .whitespaces)
            } else if !trailing.isEmpty {
                guard let cur = Currency(code: trailing) else { throw .unknownCurrency(trailing) }
                currency = cur
                text = String(text.dropLast(trailing.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        if text.hasPrefix("-") && !negative { negative = true; text.removeFirst() }
        guard let cur = currency ?? defaultCurrency else { throw .missingCurrency }

        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notANumber(input.trimmingCharacters(in: .whitespaces)) }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else {
            throw .notANumber(input.trimmingCharacters(in: .whitespaces))
        }
        guard fraction.count <= cur.minorDigits else { throw .tooManyDecimals(currency: cur.code, allowed: cur.minorDigits) }
        let padded = String(fraction) + String(repeating: "0", count: cur.minorDigits - fraction.count)
        guard let units = Int64(String(whole) + padded) else { throw .tooLarge }
        if negative && units == 0 { throw .negativeZero }
        return Money(minorUnits: negative ? -units : units, currency: cur)
    }
}

/// On the wire (modeled endpoints) money is `{"amount": 12.34, "currency": "EUR"}`; the amount
/// must be exact in the currency's minor unit.
extension Money: Codable {
    enum CodingKeys: String, CodingKey { case amount, currency }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try c.decode(Currency.self, forKey: .currency)
        let amount = try c.decode(Decimal.self, forKey: .amount)
        guard let m = Money(decimal: amount, currency: currency) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: c,
                debugDescription: "\(amount) is not an exact \(currency.code) amount")
        }
        self = m
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(decimal, forKey: .amount)
        try c.encode(currency, forKey: .currency)
    }
}
