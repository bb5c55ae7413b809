import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// Each department's share of license costs in a period: the rows by department (one-off and recurring apart), the
/// notes that explain them, the detail, and the CSV and workbook to download, as the API serves them.
extension API {
    /// The most detail lines a page shows; the downloads hold them all.
    static let chargebackDetailShown = 1_000

    var chargebackPages: [PageRoute] {
        [PageRoute(.get, "/reports/chargeback", .readAll) { try await chargebackPage($0) }]
    }

    func chargebackPage(_ web: WebRequest) async throws -> Response {
        let rollup = try flag(web.query("rollup"), field: "rollup")
        var form = ChargebackForm(values: ["period": web.query("period") ?? ""], checked: rollup ? ["rollup"] : [])
        var status = HTTPResponse.Status.ok
        var report: ChargebackReport?
        do {
            report = try await chargeback(period: web.query("period"), rollup: rollup)
        } catch let problem as Problem where problem.field == "period" {
            form.errors["period"] = problem.detail
            status = problem.status
        }
        if let report, form.values["period", default: ""].isEmpty { form.values["period"] = report.period.description }
        let chooser: HTML = """
            <form id="chargeback-period" class="filters" method="get" action="/reports/chargeback">
            \(form.field("period", "Period", hint: "a year, 2026, or a month, 2026-11"))
            \(form.checkbox("rollup", "Fold departments into their top-level department"))
            <div class="field"><button type="submit">Show</button></div></form>
            """
        return PageShell(principal: web.principal).page(
            "Chargeback", section: "/reports/chargeback", status: status,
            """
            <h1>Chargeback</h1>
            <p>Each department's share of license costs in the period, by the units its devices and people hold in \
            the position: a subscription for the days of its term in the period, a one-off purchase in the period \
            it was bought. Units bought and held by nobody are <em>(unused)</em>. The command line writes the same: \
            <code>tally report chargeback --period 2026 --format xlsx --out chargeback.xlsx</code>.</p>
            \(chooser)\(report.map(chargebackReport) ?? "<p role=\"alert\" class=\"problem\">Correct the period to see the chargeback.</p>")
            """)
    }

    /// The report's tables, notes and downloads.
    private func chargebackReport(_ report: ChargebackReport) -> HTML {
        let currency = report.currency.map { " (\($0))" } ?? ""
        let row = { (row: ChargebackRow) -> HTML in
            """
            <td>\(row.name ?? "")</td><td>\(row.costCenter ?? "")</td><td>\(row.parent?.rawValue ?? "")</td>
            <td class="number">\(PositionTable.money(row.oneOff))</td>
            <td class="number">\(PositionTable.money(row.recurring))</td>
            <td class="number">\(PositionTable.money(row.total))</td>
            <td class="number">\(PositionTable.grouped(row.units))</td>
            """
        }
        let rows = report.rows.html { item in "<tr><th scope=\"row\">\(item.label)</th>\(row(item))</tr>" }
        let shown = report.details.prefix(Self.chargebackDetailShown)
        let details = shown.html { item in
            """
            <tr><td>\(item.payer.label)</td>
            <td><a href="/products/\(percentEncoded(item.product.rawValue))">\(item.product.rawValue)</a></td>
            <td>\(item.entitlement.rawValue)</td><td>\(ChargebackOutput.costType(item.recurring))</td>
            <td class="number">\(PositionTable.grouped(item.units))</td>
            <td class="number">\(PositionTable.money(item.cost))</td></tr>
            """
        }
        let more: HTML =
            report.details.count > shown.count
            ? "<p>The first \(shown.count) of \(report.details.count) lines; the downloads hold them all.</p>" : ""
        let notes = ChargebackOutput.notes(report).html { "<li>\($0)</li>" }
        let query = { (format: String, detail: Bool) -> String in
            "/api/v1/reports/chargeback"
                + queryString([
                    ("period", report.period.description), ("rollup", report.rollup ? "true" : nil),
                    ("format", format), ("detail", detail ? "true" : nil),
                ])
        }
        return """
            <p id="chargeback-heading">\(ChargebackOutput.heading(report))</p>
            <p id="chargeback-downloads">Download: <a href="\(query("xlsx", false))">workbook (XLSX)</a> · \
            <a href="\(query("csv", false))">by department (CSV)</a> · \
            <a href="\(query("csv", true))">detail (CSV)</a></p>
            <div class="scroll"><table id="chargeback"><thead><tr><th scope="col">Department</th>
            <th scope="col">Name</th><th scope="col">Cost center</th><th scope="col">Parent</th>
            <th scope="col" class="number">One-off\(currency)</th><th scope="col" class="number">Recurring\(currency)</th>
            <th scope="col" class="number">Total\(currency)</th><th scope="col" class="number">Units</th></tr></thead>
            <tbody>\(rows)</tbody>
            <tfoot><tr><th scope="row">Total</th>\(row(report.total))</tr></tfoot></table></div>
            <ul id="chargeback-notes">\(notes)</ul>
            <section class="card"><h2>Detail: department by product by entitlement</h2>
            <div class="scroll"><table id="chargeback-detail"><thead><tr><th scope="col">Department</th>
            <th scope="col">Product</th><th scope="col">Entitlement</th><th scope="col">Cost</th>
            <th scope="col" class="number">Units</th><th scope="col" class="number">Amount\(currency)</th></tr></thead>
            <tbody>\(report.details.isEmpty ? "<tr><td colspan=\"6\">No entitlement costs anything in the period.</td></tr>" : details)</tbody>
            </table></div>\(more)</section>
            """
    }
}

/// The chargeback's form: the period as sent, whether departments are rolled up, and what is wrong with the period.
struct ChargebackForm: RecordForm {
    var values: [String: String]
    var checked: Set<String> = []
    var errors: [String: String] = [:]
}
