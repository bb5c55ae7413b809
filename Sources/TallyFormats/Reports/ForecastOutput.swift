import TallyCore

/// Demand forecasts as a terminal table, JSON or CSV: per product its history, the forecast at the horizon with its
/// 80% interval, the supply, and the month demand is expected to pass it.
public enum ForecastOutput {
    /// When demand passes supply, in words: `2027-03`, `already`, or `-`.
    public static func passes(_ forecast: ProductForecast) -> String {
        if forecast.shortAlready { return "already" }
        return forecast.passesSupply.map(month) ?? "-"
    }

    public static func table(_ forecasts: [ProductForecast], through: Day) -> String {
        guard !forecasts.isEmpty else { return "No product has demand to forecast.\n" }
        var table = TextTable(
            ["PRODUCT", "HISTORY", "LAST", "METHOD", "FORECAST \(month(through))", "80% INTERVAL", "SUPPLY", "PASSES"],
            right: [1, 2, 4, 6])
        for item in forecasts {
            let end = item.forecast.points.last
            table.append([
                item.product.rawValue, "\(item.history.count) months", String(item.history.last?.demand ?? 0),
                item.forecast.method.rawValue, end.map { whole($0.value) } ?? "-",
                end.map { "\(whole($0.low))-\(whole($0.high))" } ?? "-", item.supply.map(String.init) ?? "unlimited",
                passes(item),
            ])
        }
        var out = table.render()
        if forecasts.count == 1, let item = forecasts.first {
            var months = TextTable(["MONTH", "FORECAST", "LOW", "HIGH"], right: [1, 2, 3])
            for (day, point) in zip(item.months, item.forecast.points) {
                months.append([month(day), whole(point.value), whole(point.low), whole(point.high)])
            }
            out += "\n" + months.render()
        }
        return out
    }

    /// `growth` is each department's what-if growth (0.1 for +10%).
    public static func json(
        _ forecasts: [ProductForecast], asOf: Day, through: Day, growth: [(department: String, rate: Double)]
    ) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\"asOf\": ")
        out.string(asOf.description)
        out.raw(", \"through\": ")
        out.string(through.description)
        out.raw(", \"growth\": ")
        out.raw(JSONWriter.object(growth.map { (key: $0.department, value: JSONValue.decimal($0.rate)) }))
        out.raw(", \"products\": [")
        for (i, item) in forecasts.enumerated() {
            out.raw(i == 0 ? "\n  " : ",\n  ")
            let history = item.history.map {
                JSONWriter.object(["month": .string(month($0.month)), "demand": .int($0.demand)])
            }
            let points = zip(item.months, item.forecast.points).map { day, point in
                JSONWriter.object([
                    "month": .string(month(day)), "value": .decimal(rounded(point.value)),
                    "low": .decimal(rounded(point.low)), "high": .decimal(rounded(point.high)),
                ])
            }
            out.raw(
                JSONWriter.object([
                    ("product", .string(item.product.rawValue)), ("method", .string(item.forecast.method.rawValue)),
                    ("alpha", .decimal(item.forecast.alpha)), ("beta", .decimal(item.forecast.beta)),
                    ("gamma", item.forecast.gamma.map { .decimal($0) } ?? .string(nil)),
                    ("growth", .decimal(item.growth)),
                    ("supply", item.supply.map { .int($0) } ?? .string(nil)),
                    ("passesSupply", .string(item.passesSupply.map(month))), ("shortAlready", .bool(item.shortAlready)),
                    ("history", .json("[" + history.joined(separator: ", ") + "]")),
                    ("forecast", .json("[" + points.joined(separator: ", ") + "]")),
                ]))
        }
        out.raw(forecasts.isEmpty ? "]}\n" : "\n]}\n")
        return out.bytes
    }

    public static func csv(_ forecasts: [ProductForecast]) -> String {
        var csv = CSVWriter(header: ["product", "month", "kind", "demand", "low", "high", "supply"])
        for item in forecasts {
            let supply = item.supply.map(String.init) ?? ""
            for entry in item.history {
                csv.row([item.product.rawValue, month(entry.month), "history", String(entry.demand), "", "", supply])
            }
            for (day, point) in zip(item.months, item.forecast.points) {
                csv.row([
                    item.product.rawValue, month(day), "forecast", JSONWriter.decimalText(rounded(point.value)),
                    JSONWriter.decimalText(rounded(point.low)), JSONWriter.decimalText(rounded(point.high)), supply,
                ])
            }
        }
        return csv.text
    }

    /// `2027-03`.
    public static func month(_ day: Day) -> String { String(day.description.prefix(7)) }

    /// Demand to one decimal.
    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// Demand as whole units for a table.
    public static func whole(_ value: Double) -> String {
        guard value.isFinite, value.magnitude < 1e15 else { return "-" }
        return PositionTable.grouped(Int(value.rounded()))
    }
}
