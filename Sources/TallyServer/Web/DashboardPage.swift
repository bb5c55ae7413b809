import Foundation
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The first page after signing in: where the organisation stands, what changed, and what needs acting on soon.
extension API {
    func dashboard(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let reconciliation = try await operations.latestPosition()
        if let department = web.principal.department {
            return try await departmentDashboard(shell, reconciliation, department)
        }
        let today = operations.clock().day
        let history = try await operations.history()
        let totals = reconciliation.totals
        let previous = history.dropLast().last
        let currency = reconciliation.currency
        func figure(_ id: String, _ label: String, _ value: Double, _ before: Double?) -> HTML {
            let change: HTML =
                if let before, let previous {
                    "\(signedMoney(value - before)) since \(previous.asOf.description)"
                } else {
                    "no earlier snapshot"
                }
            return """
                <div class="figure"><dt>\(label)</dt><dd><span id="\(id)">\(PositionTable.money(value, currency))</span><br>
                <span class="change">\(change)</span></dd></div>
                """
        }
        let counts = Dictionary(grouping: reconciliation.positions, by: \.status).mapValues(\.count)
        var content: HTML = """
            <h1>Dashboard</h1>
            <p class="muted">Position on \(reconciliation.asOf.description), \(reconciliation.positions.count) products.</p>
            <dl class="figures">
            \(figure("exposure", "Exposure (cost of the shortfall)", totals.exposure, previous?.exposure))
            \(figure("surplus-value", "Surplus value (licenses unused)", totals.surplusValue, previous?.surplusValue))
            <div class="figure"><dt>Products by status</dt><dd>
            <a href="/products?status=under"><span class="status status-under">\(counts[.under] ?? 0) under</span></a>
            <a href="/products?status=over"><span class="status status-over">\(counts[.over] ?? 0) over</span></a>
            <a href="/products?status=compliant"><span class="status status-compliant">\(counts[.compliant] ?? 0) compliant</span></a>
            </dd></div></dl>
            """
        content += historyChart(history, currency: currency)
        content += topShortfalls(reconciliation.positions, currency: currency)
        if web.principal.may(.readAll) {
            content += "<div class=\"columns\">"
            content += try await renewals(today: today, currency: currency)
            content += recentDenials(try await useCache.denials(operations, in: reconciliation, today: today))
            content += "</div>"
        }
        return shell.page("Dashboard", section: "/", content)
    }

    private func historyChart(_ history: [SnapshotSummary], currency: String?) -> HTML {
        let chart = SVGChart(
            title: "Exposure and surplus value over the snapshots",
            labels: history.map(\.asOf.description),
            series: [
                .init(name: "Exposure", values: history.map(\.exposure), color: "#a3120b"),
                .init(name: "Surplus value", values: history.map(\.surplusValue), color: "#174ea6", dashed: true),
            ],
            unit: currency.map { " " + $0 } ?? "", width: 960, height: 260)
        return """
            <section class="card"><h2>Exposure and surplus value over time</h2>
            <div class="chart">\(HTML(trusted: chart.svg(id: "history")))</div></section>
            """
    }

    private func topShortfalls(_ positions: [Position], currency: String?) -> HTML {
        let top = positions.filter { $0.shortfall > 0 }
            .sorted { ($0.exposure ?? -1, $0.shortfall, $1.product) > ($1.exposure ?? -1, $1.shortfall, $0.product) }
            .prefix(10)
        let rows = top.html { position in
            """
            <tr><td><a href="/products/\(percentEncoded(position.product.rawValue))">\(position.name ?? position.product.rawValue)</a></td>
            <td>\(position.metric.rawValue)</td><td class="number">\(position.shortfall)</td>
            <td class="number">\(position.exposure.map { PositionTable.money($0, currency) } ?? "no price")</td></tr>
            """
        }
        return """
            <section class="card"><h2>The ten largest shortfalls</h2><div class="scroll">
            <table id="top-shortfalls"><thead><tr><th scope="col">Product</th><th scope="col">Metric</th>
            <th scope="col" class="number">Shortfall</th><th scope="col" class="number">Exposure</th></tr></thead>
            <tbody>\(top.isEmpty ? "<tr><td colspan=\"4\">Nothing is short.</td></tr>" : rows)</tbody></table>
            </div></section>
            """
    }

    /// Entitlements whose term ends in the next 90 days, soonest first.
    private func renewals(today: Day, currency: String?) async throws -> HTML {
        let horizon = today.adding(days: 90)
        let ending = try await operations.entitlementsEnding(from: today, through: horizon)
        let rows = ending.prefix(20).html { item in
            let cost =
                item.unitCost.map { cost in PositionTable.money(cost * Double(item.quantity ?? 0), currency) } ?? ""
            return """
                <tr><td><a href="/entitlements?search=\(percentEncoded(item.id.rawValue))">\(item.id.rawValue)</a></td>
                <td><a href="/products/\(percentEncoded(item.product.rawValue))">\(item.product.rawValue)</a></td>
                <td class="nowrap">\(item.end?.description ?? "")</td><td class="number">\(item.unlimited ? "unlimited" : item.quantity.map { PositionTable.grouped($0) } ?? "")</td>
                <td class="number">\(cost)</td></tr>
                """
        }
        return """
            <section class="card"><h2>Renewals in the next 90 days</h2><div class="scroll">
            <table id="renewals"><thead><tr><th scope="col">Entitlement</th><th scope="col">Product</th>
            <th scope="col">Ends</th><th scope="col" class="number">Units</th><th scope="col" class="number">Cost</th></tr></thead>
            <tbody>\(ending.isEmpty ? "<tr><td colspan=\"5\">Nothing ends before \(horizon.description).</td></tr>" : rows)</tbody></table>
            </div>\(ending.count > 20 ? "<p class=\"muted\">\(ending.count - 20) more.</p>" as HTML : "")</section>
            """
    }

    private func recentDenials(_ groups: [DenialGroup]) -> HTML {
        var perProduct: [Product.ID: Int] = [:]
        for group in groups { perProduct[group.product, default: 0] += group.count }
        let ordered = perProduct.sorted { ($0.value, $1.key.rawValue) > ($1.value, $0.key.rawValue) }
        let rows = ordered.prefix(10).html { product, count in
            """
            <tr><td><a href="/products/\(percentEncoded(product.rawValue))">\(product.rawValue)</a></td>
            <td class="number">\(count)</td></tr>
            """
        }
        return """
            <section class="card"><h2>Denials in the last 30 days</h2><div class="scroll">
            <table id="denials"><thead><tr><th scope="col">Product</th><th scope="col" class="number">Denials</th></tr></thead>
            <tbody>\(ordered.isEmpty ? "<tr><td colspan=\"2\">No checkout was refused.</td></tr>" : rows)</tbody></table>
            </div></section>
            """
    }

    /// A viewer of one department sees its consumers' demand and coverage, not the organisation's money.
    private func departmentDashboard(
        _ shell: PageShell, _ reconciliation: Reconciliation, _ department: Department.ID
    ) async throws -> Response {
        let scope = await scopes.scope(of: department, in: reconciliation)
        let shares = scope.order.compactMap { scope.shares[$0] }
        let short = shares.filter { $0.shortfall > 0 }.sorted {
            ($0.shortfall, $1.product) > ($1.shortfall, $0.product)
        }
        let rows = short.prefix(10).html { share in
            """
            <tr><td><a href="/products/\(percentEncoded(share.product.rawValue))">\(share.product.rawValue)</a></td>
            <td class="number">\(share.demand)</td><td class="number">\(share.shortfall)</td></tr>
            """
        }
        return shell.page(
            "Dashboard", section: "/",
            """
            <h1>Dashboard</h1>
            <p class="muted">Department \(department.rawValue) and those under it, on \(reconciliation.asOf.description).</p>
            <dl class="figures">
            <div class="figure"><dt>Products used</dt><dd>\(shares.count)</dd></div>
            <div class="figure"><dt>Products short</dt><dd>\(short.count)</dd></div>
            </dl>
            <section class="card"><h2>The largest shortfalls</h2><div class="scroll">
            <table id="top-shortfalls"><thead><tr><th scope="col">Product</th><th scope="col" class="number">Demand</th>
            <th scope="col" class="number">Shortfall</th></tr></thead>
            <tbody>\(short.isEmpty ? "<tr><td colspan=\"3\">Nothing is short.</td></tr>" : rows)</tbody></table>
            </div></section>
            """)
    }
}
