import Foundation

/// `GET /partners/{pid}/clients/{cid}/info/balance` (reference §6, seed C10). Amounts become
/// `Money` in the response's currency; per-unit prices stay decimal rates.
public struct ClientBalance: Codable, Hashable, Sendable {
    public var currency: Currency
    /// Only meaningful for direct-payment clients (0 for the others); nullable on the wire.
    public var balance: Money?
    public var lastRenewal: LastRenewal?
    public var estimatedTemplateCost: Decimal?
    public var granularity: String?
    public var biPriceForCurrencyAndClientCountry: Decimal?
    public var uiPriceForCurrencyAndClientCountry: Decimal?
    public var usage: [UsagePeriod]

    public init(currency: Currency, balance: Money?, lastRenewal: LastRenewal? = nil, granularity: String? = "month",
                usage: [UsagePeriod] = []) {
        self.currency = currency
        self.balance = balance
        self.lastRenewal = lastRenewal
        self.granularity = granularity
        self.usage = usage
    }

    /// The usage of the period containing `date` (the current month on a card).
    /// The period of the month `date` is in (UTC, as the API's periods are), if the answer has
    /// one: an older period is never taken for this month's.
    public func usage(containing date: Date) -> UsagePeriod? {
        let month = Timestamp.format(date).prefix(7)
        return usage.filter { $0.periodDate.map { Timestamp.format($0).prefix(7) == month } ?? false }
            .max { ($0.periodDate ?? .distantPast) < ($1.periodDate ?? .distantPast) }
    }

    enum CodingKeys: String, CodingKey {
        case currency, balance, lastRenewal, estimatedTemplateCost, granularity
        case biPriceForCurrencyAndClientCountry, uiPriceForCurrencyAndClientCountry, usage
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try c.decode(Currency.self, forKey: .currency)
        self.currency = currency
        balance = try c.decodeIfPresent(Decimal.self, forKey: .balance).map { try Self.money($0, currency, c, .balance) }
        if let wire = try c.decodeIfPresent(LastRenewalWire.self, forKey: .lastRenewal) {
            lastRenewal = LastRenewal(date: wire.date, amount: try wire.amount.map { try Self.money($0, currency, c, .lastRenewal) })
        } else {
            lastRenewal = nil
        }
        estimatedTemplateCost = try c.decodeIfPresent(Decimal.self, forKey: .estimatedTemplateCost)
        granularity = try c.decodeIfPresent(String.self, forKey: .granularity)
        biPriceForCurrencyAndClientCountry = try c.decodeIfPresent(Decimal.self, forKey: .biPriceForCurrencyAndClientCountry)
        uiPriceForCurrencyAndClientCountry = try c.decodeIfPresent(Decimal.self, forKey: .uiPriceForCurrencyAndClientCountry)
        let wires = try c.decodeIfPresent([UsagePeriod.Wire].self, forKey: .usage) ?? []
        usage = try wires.map { try UsagePeriod(wire: $0, currency: currency, container: c) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(currency, forKey: .currency)
        try c.encode(balance?.decimal, forKey: .balance)
        if let r = lastRenewal { try c.encode(LastRenewalWire(date: r.date, amount: r.amount?.decimal), forKey: .lastRenewal) }
        try c.encodeIfPresent(estimatedTemplateCost, forKey: .estimatedTemplateCost)
        try c.encodeIfPresent(granularity, forKey: .granularity)
        try c.encodeIfPresent(biPriceForCurrencyAndClientCountry, forKey: .biPriceForCurrencyAndClientCountry)
        try c.encodeIfPresent(uiPriceForCurrencyAndClientCountry, forKey: .uiPriceForCurrencyAndClientCountry)
        try c.encode(usage.map(\.wire), forKey: .usage)
    }

    /// API amounts may carry sub-cent fractions (summed per-message prices); they are rounded
    /// half-even to the currency's minor unit. Non-finite values are malformed data.
    static func money(_ d: Decimal, _ currency: Currency, _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Money {
        guard d.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a finite amount")
        }
        var scaled = d
        for _ in 0..<currency.minorDigits { scaled *= 10 }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .bankers)
        let value = NSDecimalNumber(decimal: rounded).int64Value
        guard Decimal(value) == rounded else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "amount out of range")
        }
        return Money(minorUnits: value, currency: currency)
    }
}

public struct LastRenewal: Hashable, Sendable {
    public var date: Date?
    public var amount: Money?

    public init(date: Date?, amount: Money?) {
        self.date = date
        self.amount = amount
    }
}

struct LastRenewalWire: Codable {
    var date: Date?
    var amount: Decimal?
}

/// One period of `usage`: conversation counts and their prices.
public struct UsagePeriod: Hashable, Sendable {
    public var periodDate: Date?
    public var quantity: Int?
    public var paidQuantity: Int?
    public var freeQuantity: Int?
    public var freeTier: Int?
    public var freeEntryPoint: Int?
    /// The cost of the period's conversations (C10).
    public var totalPrice: Money
    public var categories: [String: CategoryUsage]

    public struct CategoryUsage: Hashable, Sendable {
        public var quantity: Int?
        public var paidQuantity: Int?
        public var price: Money?

        public init(quantity: Int?, paidQuantity: Int?, price: Money?) {
            self.quantity = quantity
            self.paidQuantity = paidQuantity
            self.price = price
        }
    }

    public init(periodDate: Date?, quantity: Int?, paidQuantity: Int?, freeQuantity: Int?, totalPrice: Money,
                categories: [String: CategoryUsage] = [:]) {
        self.periodDate = periodDate
        self.quantity = quantity
        self.paidQuantity = paidQuantity
        self.freeQuantity = freeQuantity
        self.totalPrice = totalPrice
        self.categories = categories
    }

    static let categoryNames = ["business_initiated", "user_initiated", "marketing", "utility", "authentication", "service"]

    /// The wire form; category fields are flat (`marketing_quantity`, `marketing_price` ...).
    struct Wire: Codable {
        var periodDate: Date?
        var quantity: Int?
        var paidQuantity: Int?
        var freeQuantity: Int?
        var freeTier: Int?
        var freeEntryPoint: Int?
        var totalPrice: Decimal?
        var categories: [String: (Int?, Int?, Decimal?)] = [:]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        // HubJSON's decoder converts wire keys to camelCase before lookup, so keys are asked for
        // in that form (`camel`), and the encoder turns them back into snake_case.
        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            func int(_ k: String) throws -> Int? { try c.decodeIfPresent(Int.self, forKey: Key(stringValue: k.camelCased)) }
            func dec(_ k: String) throws -> Decimal? { try c.decodeIfPresent(Decimal.self, forKey: Key(stringValue: k.camelCased)) }
            periodDate = try c.decodeIfPresent(Date.self, forKey: Key(stringValue: "periodDate"))
            quantity = try int("quantity")
            paidQuantity = try int("paid_quantity")
            freeQuantity = try int("free_quantity")
            freeTier = try int("free_tier")
            freeEntryPoint = try int("free_entry_point")
            totalPrice = try dec("total_price")
            for name in UsagePeriod.categoryNames {
                let q = try int(name + "_quantity"), p = try int(name + "_paid_quantity"), pr = try dec(name + "_price")
                if q != nil || p != nil || pr != nil { categories[name] = (q, p, pr) }
            }
        }

        init(periodDate: Date?, quantity: Int?, paidQuantity: Int?, freeQuantity: Int?, freeTier: Int?, freeEntryPoint: Int?,
             totalPrice: Decimal?, categories: [String: (Int?, Int?, Decimal?)]) {
            self.periodDate = periodDate
            self.quantity = quantity
            self.paidQuantity = paidQuantity
            self.freeQuantity = freeQuantity
            self.freeTier = freeTier
            self.freeEntryPoint = freeEntryPoint
            self.totalPrice = totalPrice
            self.categories = categories
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            func put<T: Encodable>(_ v: T?, _ k: String) throws { try c.encodeIfPresent(v, forKey: Key(stringValue: k.camelCased)) }
            try put(periodDate, "period_date")
            try put(quantity, "quantity")
            try put(paidQuantity, "paid_quantity")
            try put(freeQuantity, "free_quantity")
            try put(freeTier, "free_tier")
            try put(freeEntryPoint, "free_entry_point")
            try put(totalPrice, "total_price")
            for (name, v) in categories {
                try put(v.0, name + "_quantity")
                try put(v.1, name + "_paid_quantity")
                try put(v.2, name + "_price")
            }
        }
    }

    init(wire: Wire, currency: Currency, container: KeyedDecodingContainer<ClientBalance.CodingKeys>) throws {
        periodDate = wire.periodDate
        quantity = wire.quantity
        paidQuantity = wire.paidQuantity
        freeQuantity = wire.freeQuantity
        freeTier = wire.freeTier
        freeEntryPoint = wire.freeEntryPoint
        totalPrice = try ClientBalance.money(wire.totalPrice ?? 0, currency, container, .usage)
        var cats: [String: CategoryUsage] = [:]
        for (name, v) in wire.categories {
            cats[name] = CategoryUsage(quantity: v.0, paidQuantity: v.1,
                                       price: try v.2.map { try ClientBalance.money($0, currency, container, .usage) })
        }
        categories = cats
    }

    var wire: Wire {
        Wire(periodDate: periodDate, quantity: quantity, paidQuantity: paidQuantity, freeQuantity: freeQuantity,
             freeTier: freeTier, freeEntryPoint: freeEntryPoint, totalPrice: totalPrice.decimal,
             categories: categories.mapValues { ($0.quantity, $0.paidQuantity, $0.price?.decimal) })
    }
}
