import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// The size each concurrent pool needs: its daily peaks over the window, their 95th percentile and maximum, the
/// denials, and the pool advised with what the change saves or costs.
extension API {
    func poolsPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let (advice, currency) = try await poolAdvice(web.request)
        let rows = advice.html { item in
            let change: HTML =
                switch item.change {
                case nil: "-"
                case let change? where change < 0: "<strong>drop \(String(-change))</strong>"
                case let change? where change > 0: "<strong class=\"problem\">add \(String(change))</strong>"
                default: "keep"
                }
            return """
                <tr><td><a href="/products/\(percentEncoded(item.product.rawValue))">\(item.product.rawValue)</a></td>
                <td class="nowrap">\(item.from.description) to \(item.to.description)</td>
                <td class="number">\(item.p95)</td><td class="number">\(item.maximum)</td>
                <td class="number">\(item.denials) on \(item.daysWithDenials) day(s)</td>
                <td class="number">\(item.owned.map { String($0) } ?? "unlimited")</td>
                <td class="number">\(item.advised)</td><td>\(change)</td>
                <td class="number">\(item.saving.map(PositionTable.money) ?? "-")</td></tr>
                """
        }
        let sentences = advice.html { "<li>\(PoolAdviceOutput.sentence($0, currency: currency))</li>" }
        let share = web.query("unmetShare") ?? ""
        return shell.page(
            "Pools", section: "/pools",
            """
            <h1>Right-size concurrent pools</h1>
            <p>A day's demand is its peak of licenses held plus the checkouts refused that day. The pool advised is the
            smallest that would have left no more demand unmet than was refused (or the share chosen below).</p>
            <form id="pool-window" class="filters" method="get" action="/pools">
            <div class="field"><label for="from">From</label><input id="from" name="from" type="date" value="\(web.query("from") ?? "")"></div>
            <div class="field"><label for="to">To</label><input id="to" name="to" type="date" value="\(web.query("to") ?? "")"></div>
            <div class="field"><label for="unmetShare">Demand that may go unmet <span class="muted">(0 to 1; blank: as refused)</span></label>
            <input id="unmetShare" name="unmetShare" inputmode="decimal" value="\(share)"></div>
            <div class="field"><button type="submit">Show</button></div></form>
            <div class="scroll"><table id="pools"><thead><tr><th scope="col">Product</th><th scope="col">Days</th>
            <th scope="col" class="number">95% of daily peaks</th><th scope="col" class="number">Highest</th>
            <th scope="col" class="number">Denials</th><th scope="col" class="number">Owned</th>
            <th scope="col" class="number">Advised</th><th scope="col">Change</th>
            <th scope="col" class="number">Saving (\(currency ?? "-"))</th></tr></thead>
            <tbody>\(advice.isEmpty ? "<tr><td colspan=\"9\">No concurrent product has usage in the window.</td></tr>" : rows)</tbody>
            </table></div>
            <ul id="pool-advice">\(sentences)</ul>
            """)
    }
}
