import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// Exchange rates into the estate's currency, for entitlements priced in others.
extension API {
    var rateRoutes: [Route] {
        [
            Route(.get, "/api/v1/rates", .readAll, "The exchange rates into the estate's currency, by currency and day")
            {
                _, _, _ in
                json(Self.rates(try await operations.currencyConversion()))
            },
            Route(
                .post, "/api/v1/rates", .edit,
                "Record a currency's rate from a day on (currency, rate, date; today by default)", body: .json,
                success: .created
            ) { request, _, principal in
                let body = try await decode(RateEdit.self, request)
                let rate = try body.rate(today: operations.clock().day)
                try await operations.setRate(rate, by: principal!.caller)
                return json(EstateFile.json(of: rate), status: .created)
            },
        ]
    }

    /// The estate's currency and every rate, as JSON.
    static func rates(_ conversion: CurrencyConversion) -> String {
        JSONWriter.object([
            ("currency", .string(conversion.currency)),
            ("items", .json("[" + conversion.allRates.map(EstateFile.json(of:)).joined(separator: ", ") + "]")),
        ])
    }
}

/// A rate as a body or a form gives it.
struct RateEdit: Decodable {
    var currency: String?
    var rate: Double?
    var date: String?

    func rate(today: Day) throws -> ExchangeRate {
        guard let currency, !currency.isEmpty else {
            throw Problem(.unprocessableContent, "the currency is required, as USD", field: "currency")
        }
        guard let rate, rate.isFinite else {
            throw Problem(.unprocessableContent, "the rate is a number above 0", field: "rate")
        }
        let day = try date.map { try TallyServer.day($0, field: "date") } ?? today
        return ExchangeRate(currency: currency.uppercased(), date: day, rate: rate)
    }
}
