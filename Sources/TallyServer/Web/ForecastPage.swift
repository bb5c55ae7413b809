import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// Each product's demand ahead: the forecast at the horizon with its 80% interval, the supply, and the month demand
/// passes it; for one product, its history and forecast drawn against supply.
extension API {
    func forecastPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let growthText = web.query("growth") ?? ""
        let report = try await forecast({ web.query($0) }, all: { web.query($0).map { [$0] } ?? [] })
        let rows = report.products.html { item in
            let end = item.forecast.points.last
            let passes = ForecastOutput.passes(item)
            let passing: HTML = passes == "-" ? "-" : "<strong class=\"problem\">\(passes)</strong>"
            let link =
                "/forecast"
                + queryString([
                    ("product", item.product.rawValue), ("growth", web.query("growth")), ("to", web.query("to")),
                ])
            return """
                <tr><td><a href="\(link)">\(item.product.rawValue)</a></td>
                <td class="number">\(item.history.count)</td><td class="number">\(item.history.last?.demand ?? 0)</td>
                <td>\(item.forecast.method.rawValue)</td>
                <td class="number">\(end.map { ForecastOutput.whole($0.value) } ?? "-")</td>
                <td class="number nowrap">\(end.map { "\(ForecastOutput.whole($0.low)) to \(ForecastOutput.whole($0.high))" } ?? "-")</td>
                <td class="number">\(item.supply.map { String($0) } ?? "unlimited")</td><td>\(passing)</td></tr>
                """
        }
        var chart: HTML = ""
        if web.query("product") != nil, let item = report.products.first {
            let history = item.history.map { Double($0.demand) as Double? }
            let ahead = item.forecast.points
            let blank = [Double?](repeating: nil, count: history.count)
            let svg = SVGChart(
                title: "Monthly demand of \(item.product.rawValue), forecast with its 80% interval, against supply",
                labels: item.history.map { ForecastOutput.month($0.month) } + item.months.map(ForecastOutput.month),
                series: [
                    .init(name: "Demand", values: history + ahead.map { _ in nil }, color: "#174ea6"),
                    .init(name: "Forecast", values: blank + ahead.map(\.value), color: "#174ea6", dashed: true),
                    .init(name: "80% low", values: blank + ahead.map(\.low), color: "#8ab4f8", dashed: true),
                    .init(name: "80% high", values: blank + ahead.map(\.high), color: "#8ab4f8", dashed: true),
                    .init(
                        name: "Supply",
                        values: (history + ahead.map { _ in nil }).map { _ in item.supply.map(Double.init) },
                        color: "#a3120b", dashed: true, stepped: true),
                ]
            ).svg(id: "forecast")
            chart =
                "<section class=\"card\"><h2>\(item.product.rawValue)</h2><div class=\"chart\">\(HTML(trusted: svg))</div></section>"
        }
        return shell.page(
            "Forecast", section: "/forecast",
            """
            <h1>Forecast</h1>
            <p>Monthly demand from the snapshots (a month without one: the estate as it was on its last day) and, for
            concurrent products, each month's peak of use; Holt's linear trend, seasonal from 24 months of history,
            with an 80% prediction interval.</p>
            <form id="forecast-form" class="filters" method="get" action="/forecast">
            <div class="field"><label for="to">Through</label><input id="to" name="to" type="date" value="\(web.query("to") ?? "")"></div>
            <div class="field"><label for="product">Product id</label><input id="product" name="product" value="\(web.query("product") ?? "")"></div>
            <div class="field"><label for="growth">What-if growth <span class="muted">(eng=+10%, sales=-5%)</span></label>
            <input id="growth" name="growth" value="\(growthText)"></div>
            <div class="field"><button type="submit">Forecast</button></div></form>
            \(chart)
            <div class="scroll"><table id="forecast"><thead><tr><th scope="col">Product</th>
            <th scope="col" class="number">Months of history</th><th scope="col" class="number">Last month</th>
            <th scope="col">Method</th><th scope="col" class="number">Forecast \(ForecastOutput.month(report.through))</th>
            <th scope="col" class="number">80% interval</th><th scope="col" class="number">Supply</th>
            <th scope="col">Passes supply</th></tr></thead>
            <tbody>\(report.products.isEmpty ? "<tr><td colspan=\"8\">No product has demand to forecast.</td></tr>" : rows)</tbody>
            </table></div>
            """)
    }
}
