import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// Each department's share of license costs: the route, and what the web page shares with it.
extension API {
    /// The media type of an Excel workbook.
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    var chargebackRoutes: [Route] {
        [
            Route(
                .get, "/api/v1/reports/chargeback", .readAll,
                "Each department's share of the license costs of a `period` (a year or a month; the current year by "
                    + "default), by what its devices and people consume; `rollup=true` folds departments into their "
                    + "top-level one; `format=csv` (the rows, or with `detail=true` the detail) or `format=xlsx` "
                    + "downloads it",
                query: ["period", "rollup", "format", "detail"], otherAnswers: ["text/csv", Self.xlsxType]
            ) { request, _, _ in
                let query = request.uri.queryParameters
                let format = query.get("format") ?? "json"
                guard ["json", "csv", "xlsx"].contains(format) else {
                    throw Problem(.badRequest, "format is json, csv or xlsx", field: "format")
                }
                let report = try await chargeback(
                    period: query.get("period"), rollup: try flag(query.get("rollup"), field: "rollup"))
                return try chargebackAnswer(
                    report, format: format, detail: try flag(query.get("detail"), field: "detail"))
            }
        ]
    }

    /// The chargeback a query asks for: a period that is not a year or a month is a 422 naming `period`.
    func chargeback(period: String?, rollup: Bool) async throws -> ChargebackReport {
        let text = period?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var chosen: ChargebackPeriod?
        if !text.isEmpty {
            guard let parsed = ChargebackPeriod(text) else {
                throw Problem(.unprocessableContent, "period is a year (2026) or a month (2026-11)", field: "period")
            }
            chosen = parsed
        }
        return try await operations.chargeback(period: chosen, rollup: rollup)
    }

    /// The report as JSON, or as a CSV or workbook to download (`tally-chargeback-2026.xlsx`).
    func chargebackAnswer(_ report: ChargebackReport, format: String, detail: Bool) throws -> Response {
        let name = "tally-chargeback-\(report.period)" + (report.rollup ? "-rollup" : "")
        switch format {
        case "csv":
            let text = detail ? ChargebackOutput.detailCSV(report) : ChargebackOutput.csv(report)
            return attachment(Array(text.utf8), type: "text/csv", name: name + (detail ? "-detail" : "") + ".csv")
        case "xlsx":
            return attachment(try ChargebackOutput.xlsx(report), type: Self.xlsxType, name: name + ".xlsx")
        default:
            return json(ChargebackOutput.json(report))
        }
    }

    /// A query's yes-or-no: absent, `false` or `0` is no; `true`, `1` or `on` (a ticked box) yes.
    func flag(_ text: String?, field: String) throws -> Bool {
        switch text {
        case nil, "", "false", "0": return false
        case "true", "1", "on": return true
        default: throw Problem(.badRequest, "\(field) is true or false", field: field)
        }
    }
}
