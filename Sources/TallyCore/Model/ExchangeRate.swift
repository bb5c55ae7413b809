/// What one unit of a foreign currency is worth in the estate's currency from a day on: `1 USD = 0.92 EUR from
/// 2026-11-01`. A rate holds until a later one of the same currency takes over.
public struct ExchangeRate: Hashable, Sendable {
    /// The ISO 4217 code of the foreign currency (`USD`).
    public var currency: String
    /// The first day the rate applies.
    public var date: Day
    /// Units of the estate's currency for one unit of `currency`.
    public var rate: Double

    /// Creates the record.
    public init(currency: String, date: Day, rate: Double) {
        self.currency = currency
        self.date = date
        self.rate = rate
    }

    /// The rate in words, for reports: `1 USD = 0.92 EUR (rate of 2026-11-01)`.
    public func described(into estateCurrency: String?) -> String {
        "1 \(currency) = \(rate) \(estateCurrency ?? "") (rate of \(date))"
    }

    /// Whether `code` reads as a currency code: three capital letters.
    public static func isCurrencyCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { (65...90).contains($0) }
    }
}

/// The rates of an estate, ready to convert amounts into its currency on a day.
public struct CurrencyConversion: Sendable {
    /// The estate's currency; nil where the estate names none.
    public let currency: String?
    private let rates: [String: [ExchangeRate]]

    /// The rates of each currency, oldest first.
    public init(currency: String?, rates: [ExchangeRate]) {
        self.currency = currency
        self.rates = Dictionary(grouping: rates, by: \.currency).mapValues { $0.sorted { $0.date < $1.date } }
    }

    /// The rate that converts `currency` on `day`: the latest dated on or before it, else (for a day before the
    /// first rate) the earliest; nil where the currency is the estate's own or has no rate at all.
    public func rate(for currency: String?, on day: Day) -> ExchangeRate? {
        guard let currency, currency != self.currency, let dated = rates[currency], let first = dated.first else {
            return nil
        }
        return dated.last { $0.date <= day } ?? first
    }

    /// `amount` in the estate's currency on `day`: unchanged in the estate's own currency, converted at
    /// `rate(for:on:)` otherwise (not rounded: a unit price is multiplied before totals are rounded to cents); nil
    /// where a foreign currency has no rate.
    public func convert(_ amount: Double, from currency: String?, on day: Day) -> Double? {
        guard let currency, currency != self.currency else { return amount }
        return rate(for: currency, on: day).map { amount * $0.rate }
    }

    /// The rates of `currency`, oldest first.
    public func rates(of currency: String) -> [ExchangeRate] { rates[currency] ?? [] }

    /// Every rate, by currency then date.
    public var allRates: [ExchangeRate] { rates.keys.sorted().flatMap { rates[$0] ?? [] } }

    /// Whether amounts in `currency` can be converted: it is the estate's, or has a rate.
    public func converts(_ currency: String?) -> Bool {
        guard let currency, currency != self.currency else { return true }
        return rates[currency] != nil
    }
}
