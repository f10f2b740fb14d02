import Foundation

/// The documented bounds of one Add funds top-up (docs/sandbox.md): above 0 and at most 10,000
/// in the number's currency (10,000 EUR, 10,000 JPY is too little to matter, so the limit is in
/// major units of whatever currency the number is billed in).
public enum FundsLimits {
    public static let maxTopUpMajorUnits: Int64 = 10_000

    public static func maxTopUp(_ currency: Currency) -> Money {
        var units = maxTopUpMajorUnits
        for _ in 0..<currency.minorDigits { units *= 10 }
        return Money(minorUnits: units, currency: currency)
    }
}

/// An Add funds amount as agents type it: "25", "25.5", "25,50", "€25", "25 EUR". The number's
/// currency decides the decimals (JPY none, KWD three); another currency is refused, not converted.
public enum TopUpAmount {
    public static func parse(_ input: String, currency: Currency) -> Result<Money, TopUpAmountError> {
        var text = input.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(.empty) }
        let commas = text.filter { $0 == "," }.count
        if commas > 0 {
            // A decimal comma ("25,50") is fine; with a point as well it is a thousands
            // separator ("1,250.00" or "1.250,00"), and guessing which is how money goes wrong.
            guard commas == 1, !text.contains(".") else { return .failure(.separators) }
            text = text.replacingOccurrences(of: ",", with: ".")
        }
        let money: Money
        do {
            money = try Money.parse(text, defaultCurrency: currency)
        } catch {
            switch error {
            case .tooManyDecimals where currency.minorDigits == 0: return .failure(.wholeUnitsOnly(currency.code))
            case .tooManyDecimals: return .failure(.tooManyDecimals(currency.code, currency.minorDigits))
            case .unknownCurrency(let s) where s.count == 3 && text.contains(where: \.isNumber):
                return .failure(.otherCurrency(s.uppercased(), currency.code))
            case .tooLarge: return .failure(.aboveLimit(FundsLimits.maxTopUp(currency)))
            default: return .failure(.notAnAmount)
            }
        }
        guard money.currency == currency else { return .failure(.otherCurrency(money.currency.code, currency.code)) }
        guard money.isPositive else { return .failure(.notPositive) }
        guard money <= FundsLimits.maxTopUp(currency) else { return .failure(.aboveLimit(FundsLimits.maxTopUp(currency))) }
        return .success(money)
    }
}

public enum TopUpAmountError: Error, Hashable, Sendable, CustomStringConvertible {
    case empty
    case notAnAmount
    case separators
    case wholeUnitsOnly(String)
    case tooManyDecimals(String, Int)
    case otherCurrency(String, String)
    case notPositive
    case aboveLimit(Money)

    public var description: String {
        switch self {
        case .empty: return "Type the amount to add."
        case .notAnAmount: return "That is not an amount: type it like 25 or 25.50."
        case .separators: return "Type the amount without thousands separators, like 1250.50."
        case .wholeUnitsOnly(let code): return "\(code) has no minor unit: type a whole amount."
        case .tooManyDecimals(let code, let n): return "\(code) amounts have at most \(n) decimal\(n == 1 ? "" : "s")."
        case .otherCurrency(let typed, let code): return "The number is billed in \(code), not \(typed)."
        case .notPositive: return "The amount must be above 0."
        case .aboveLimit(let max): return "At most \(max) per top-up."
        }
    }
}
