import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// What ends or renews soon: each contract and entitlement with its notice deadline (flagged once passed), what
/// renewing costs a year, its use, and the advice with its money.
extension API {
    func renewalsPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let days = try dayCount(web.query("within"), field: "within", default: 90)
        let (renewals, currency) = try await operations.renewals(within: days)
        let rows = renewals.html { renewal in
            let what: HTML =
                switch renewal.kind {
                case .contract:
                    "contract <a href=\"/contracts/\(percentEncoded(renewal.id))\">\(renewal.id)</a>"
                case .entitlement:
                    """
                    <a href="/products/\(percentEncoded(renewal.product?.rawValue ?? ""))">\(renewal.name ?? renewal.product?.rawValue ?? "")</a>
                    <br><span class="muted">\(renewal.id)</span>
                    """
                }
            let notice: HTML =
                renewal.noticeDeadline.map { day in
                    renewal.noticePassed
                        ? "<strong class=\"problem\">\(day.description) (passed)</strong>" : "\(day.description)"
                } ?? ""
            return """
                <tr><td class="nowrap">\(renewal.ends.description)\(renewal.autoRenew ? " (renews by itself)" : "")</td>
                <td class="nowrap">\(notice)</td><td>\(what)</td><td>\(renewal.vendor ?? "")</td>
                <td class="number">\(renewal.used) / \(renewal.owned.map { PositionTable.grouped($0) } ?? "unlimited")</td>
                <td class="number">\(renewal.annualCost.map { PositionTable.money($0) } ?? "")</td>
                <td>\(RenewalOutput.advice(renewal, currency: currency))</td></tr>
                """
        }
        let windows = [30, 60, 90, 180, 365].map(String.init)
        return shell.page(
            "Renewals", section: "/renewals",
            """
            <h1>Renewals</h1>
            <form id="renewal-window" class="filters" method="get" action="/renewals">
            <div class="field"><label for="within">Ending or renewing within (days)</label>
            <select id="within" name="within">\(Self.options(windows, selected: String(days), any: nil))</select></div>
            <div class="field"><button type="submit">Show</button></div></form>
            <div class="scroll"><table id="renewals"><thead><tr><th scope="col">Ends</th><th scope="col">Notice by</th>
            <th scope="col">What</th><th scope="col">Vendor</th><th scope="col" class="number">Used / owned</th>
            <th scope="col" class="number">A year (\(currency ?? "-"))</th><th scope="col">Advice</th></tr></thead>
            <tbody>\(renewals.isEmpty ? "<tr><td colspan=\"7\">Nothing ends or renews in the next \(days) days.</td></tr>" : rows)</tbody>
            </table></div>
            """)
    }
}
