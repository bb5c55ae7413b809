import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// What can be saved: installations to take back, and what was taken back.
extension API {
    var optimiseRoutes: [Route] {
        [
            Route(
                .get, "/api/v1/reclaim", .readAll,
                "Installations unused for `unused` days (default 90), on devices unseen as long, or held by people "
                    + "who left, with the licenses each frees and the position once reclaimed; `format=csv` gives the "
                    + "service desk's list", query: ["unused", "product", "format"]
            ) { request, _, _ in
                let query = request.uri.queryParameters
                let days = try dayCount(query.get("unused"), field: "unused", default: 90)
                let report = try await operations.reclaim(
                    unusedDays: days, product: query.get("product").map { .init($0) })
                switch query.get("format") {
                case nil, "json": return json(ReclaimOutput.json(report))
                case "csv":
                    return attachment(Array(ReclaimOutput.csv(report).utf8), type: "text/csv", name: "reclaim.csv")
                default: throw Problem(.badRequest, "format is json or csv", field: "format")
                }
            },
            Route(
                .get, "/api/v1/usage/recommendations", .readAll,
                "The size each concurrent pool needs from its daily peaks and denials (the last 90 days by default), "
                    + "leaving no more demand unmet than was refused, or `unmetShare` of it",
                query: [
                    "product", "from", "to", "unmetShare",
                ]
            ) { request, _, _ in
                let (advice, currency) = try await poolAdvice(request)
                return json(PoolAdviceOutput.json(advice, currency: currency))
            },
            Route(
                .get, "/api/v1/forecast", .readAll,
                "Each product's monthly demand forecast through `to` (a year by default) with its 80% interval and "
                    + "the month it passes supply; `growth=eng=+10%` applies a department's what-if growth",
                query: ["to", "product", "growth"]
            ) { request, _, _ in
                let query = request.uri.queryParameters
                let report = try await forecast({ query.get($0) }, all: { query.getAll($0).map { String($0) } })
                return json(
                    ForecastOutput.json(
                        report.products, asOf: report.asOf, through: report.through,
                        growth: report.growth.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) }))
            },
            Route(
                .post, "/api/v1/reclaim/marks", .edit,
                "Record that a product was taken back from a device (device, product, day, note)", body: .json,
                success: .created
            ) { request, _, principal in
                let body = try await decode(ReclaimMarkEdit.self, request)
                guard let device = body.device, !device.isEmpty else {
                    throw Problem(.unprocessableContent, "the device is required", field: "device")
                }
                guard let product = body.product, !product.isEmpty else {
                    throw Problem(.unprocessableContent, "the product is required", field: "product")
                }
                let on = try body.day.map { try day($0, field: "day") }
                let mark = try await operations.markReclaimed(
                    device: .init(device), product: .init(product), on: on, note: body.note, by: principal!.caller)
                return json(
                    JSONWriter.object([
                        "device": .string(device), "product": .string(product), "day": .string(mark.day.description),
                        "by": .string(mark.actor), "note": .string(mark.note),
                    ]), status: .created)
            },
        ]
    }

    /// The forecast a query asks for: `to`, `product`, and `growth` (`eng=+10%`, repeated or comma-separated).
    func forecast(_ query: (String) -> String?, all: (String) -> [String]) async throws -> ForecastReport {
        let to = try query("to").map { try day($0, field: "to") }
        var growths: [DepartmentGrowth] = []
        for text in all("growth").flatMap({ $0.split(separator: ",").map(String.init) }) where !text.isEmpty {
            guard let growth = DepartmentGrowth(text) else {
                throw Problem(.unprocessableContent, "growth is DEPT=RATE, as eng=+10%", field: "growth")
            }
            growths.append(growth)
        }
        return try await operations.forecast(
            through: to, growth: DepartmentGrowth.table(growths), product: query("product").map { .init($0) })
    }

    /// The pool advice of the query's selection and `unmetShare`.
    func poolAdvice(_ request: Request) async throws -> (advice: [PoolAdvice], currency: String?) {
        let share = try request.uri.queryParameters.get("unmetShare").map { text in
            guard let share = Double(text), (0...1).contains(share) else {
                throw Problem(.badRequest, "unmetShare is a share from 0 to 1 (0.05)", field: "unmetShare")
            }
            return share
        }
        return try await operations.poolAdvice(try usageSelection(request), allowedShare: share)
    }

    /// A number of days a query gives as `90` or `90d` (from 0 to 36,500); `fallback` where it gives none.
    func dayCount(_ text: String?, field: String, default fallback: Int) throws -> Int {
        guard let text else { return fallback }
        guard let days = Renewals.window(text) else {
            throw Problem(.badRequest, "\(field) is a number of days from 0 to 36500 (90 or 90d)", field: field)
        }
        return days
    }
}

/// A file to download, never shown inline.
func attachment(_ bytes: [UInt8], type: String, name: String) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = type
    headers[.contentDisposition] = "attachment; filename=\"\(name)\""
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}

/// What recording a reclaim gives.
struct ReclaimMarkEdit: Decodable {
    var device: String?
    var product: String?
    var day: String?
    var note: String?
}
