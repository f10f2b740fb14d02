import Foundation
import Testing
@testable import HubCore

@Suite struct MoneyTests {
    let eur = Currency.eur

    @Test func parsesTheFormsAgentsType() throws {
        #expect(try Money.parse("12.34 EUR") == Money(minorUnits: 1234, currency: eur))
        #expect(try Money.parse("EUR 12.34") == Money(minorUnits: 1234, currency: eur))
        #expect(try Money.parse("€12.34") == Money(minorUnits: 1234, currency: eur))
        #expect(try Money.parse("12.34€") == Money(minorUnits: 1234, currency: eur))
        #expect(try Money.parse("12 eur") == Money(minorUnits: 1200, currency: eur))
        #expect(try Money.parse("12.3 EUR") == Money(minorUnits: 1230, currency: eur))
        #expect(try Money.parse("-€5") == Money(minorUnits: -500, currency: eur))
        #expect(try Money.parse("-5.00 EUR") == Money(minorUnits: -500, currency: eur))
        #expect(try Money.parse("0.00 EUR") == Money(minorUnits: 0, currency: eur))
        #expect(try Money.parse("7", defaultCurrency: eur) == Money(minorUnits: 700, currency: eur))
        #expect(try Money.parse("1500 JPY") == Money(minorUnits: 1500, currency: Currency(code: "JPY")!))
        #expect(try Money.parse("1.234 KWD") == Money(minorUnits: 1234, currency: Currency(code: "KWD")!))
    }

    @Test func rejectsWhatIsNotAnAmount() {
        let bad: [(String, MoneyParseError)] = [
            ("", .empty),
            ("-0 EUR", .negativeZero),
            ("-0.00 EUR", .negativeZero),
            ("-€0", .negativeZero),
            ("NaN EUR", .unknownCurrency("NaN")),
            ("nan", .unknownCurrency("nan")),
            ("inf EUR", .unknownCurrency("inf")),
            ("12.345 EUR", .tooManyDecimals(currency: "EUR", allowed: 2)),
            ("1.5 JPY", .tooManyDecimals(currency: "JPY", allowed: 0)),
            ("1e3 EUR", .notANumber("1e3 EUR")),
            ("1,000.00 EUR", .notANumber("1,000.00 EUR")),
            ("12. EUR", .notANumber("12. EUR")),
            (".5 EUR", .notANumber(".5 EUR")),
            ("12.34", .missingCurrency),
            ("12.34 EURO", .unknownCurrency("EURO")),
            ("99999999999999999999 EUR", .tooLarge),
        ]
        for (input, expected) in bad {
            #expect(throws: expected, "\(input)") { try Money.parse(input) }
        }
    }

    @Test func formats() {
        #expect(Money(minorUnits: 1234, currency: eur).description == "12.34 EUR")
        #expect(Money(minorUnits: 5, currency: eur).description == "0.05 EUR")
        #expect(Money(minorUnits: -500, currency: eur).description == "-5.00 EUR")
        #expect(Money(minorUnits: 1234, currency: eur).symbolString == "€12.34")
        #expect(Money(minorUnits: -500, currency: eur).symbolString == "-€5.00")
        #expect(Money(minorUnits: 1234, currency: Currency(code: "CHF")!).symbolString == "12.34 CHF")
        #expect(Money(minorUnits: 1500, currency: Currency(code: "JPY")!).description == "1500 JPY")
        #expect(Money(minorUnits: 1, currency: Currency(code: "KWD")!).description == "0.001 KWD")
    }

    @Test func formatThenParseIsIdentity() throws {
        for units: Int64 in [0, 1, 99, 100, 12345, -1, -250, 987654321] {
            let m = Money(minorUnits: units, currency: eur)
            #expect(try Money.parse(m.description) == m)
            #expect(try Money.parse(m.symbolString) == m)
        }
    }

    @Test func decimalBridgeIsExact() {
        #expect(Money(decimal: Decimal(string: "12.34")!, currency: eur)?.minorUnits == 1234)
        #expect(Money(decimal: Decimal(string: "12.345")!, currency: eur) == nil)
        #expect(Money(minorUnits: 1234, currency: eur).decimal == Decimal(string: "12.34"))
        #expect(Money(decimal: Decimal.nan, currency: eur) == nil)
    }

    @Test func arithmeticStaysInMinorUnits() {
        let a = Money(minorUnits: 1010, currency: eur), b = Money(minorUnits: 20, currency: eur)
        #expect((a + b).minorUnits == 1030)
        #expect((b - a).minorUnits == -990)
        #expect(Money.min(a, b) == b)
    }

    @Test func currencyCodes() {
        #expect(Currency(code: "eur") == .eur)
        #expect(Currency(code: "EURO") == nil)
        #expect(Currency(code: "E1R") == nil)
    }
}
