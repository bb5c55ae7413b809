import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// Installations to take back: the lines with why and what each frees, each product's position once reclaimed, and
/// what was taken back already (flagged where inventory sees it again). An editor records a line as taken back.
extension API {
    var reclaimPages: [PageRoute] {
        [
            PageRoute(.get, "/reclaim", .readAll) { try await reclaimPage($0) },
            PageRoute(.post, "/reclaim/marks", .edit) { web in
                guard let device = web.form.text("device"), let product = web.form.text("product") else {
                    throw Problem(.unprocessableContent, "Name the device and the product taken back.")
                }
                try await operations.markReclaimed(
                    device: .init(device), product: .init(product), note: web.form.text("note"),
                    by: web.principal.caller)
                let back = queryString([
                    ("unused", web.form.text("unused")), ("product", web.form.text("only")),
                    ("marked", "\(product) on \(device)"),
                ])
                return redirect("/reclaim" + back)
            },
        ]
    }

    func reclaimPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let days = try dayCount(web.query("unused"), field: "unused", default: 90)
        let only = web.query("product")
        let report = try await operations.reclaim(unusedDays: days, product: only.map { .init($0) })
        let editable = web.principal.may(.edit)
        let currency = report.currency ?? ""
        // A large estate has thousands of lines: a page shows 100 of them, the CSV every one.
        let pagination = Pagination(number: web.pageNumber, size: 100, total: report.lines.count)
        let rows = pagination.slice(report.lines).html { line in
            let device: HTML =
                line.device.map { "<a href=\"/devices/\(percentEncoded($0.rawValue))\">\($0.rawValue)</a>" } ?? "-"
            let person: HTML =
                line.person.map { "<a href=\"/people/\(percentEncoded($0.rawValue))\">\($0.rawValue)</a>" } ?? "-"
            let action: HTML =
                editable && line.device != nil
                ? """
                <td><form method="post" action="/reclaim/marks">\(shell.csrfField)
                <input type="hidden" name="device" value="\(line.device?.rawValue ?? "")">
                <input type="hidden" name="product" value="\(line.product.rawValue)">
                <input type="hidden" name="unused" value="\(String(days))">
                <input type="hidden" name="only" value="\(only ?? "")">
                <button class="edit-control secondary" type="submit">Taken back</button></form></td>
                """ : (editable ? "<td></td>" : "")
            return """
                <tr><td><a href="/products/\(percentEncoded(line.product.rawValue))">\(line.product.rawValue)</a></td>
                <td>\(device)</td><td>\(person)</td><td class="nowrap">\(line.lastUse?.description ?? "-")</td>
                <td>\(line.detail)</td><td class="number">\(line.freed)</td>
                <td class="number">\(line.value.map(PositionTable.money) ?? "-")</td>\(action)</tr>
                """
        }
        let effects = report.effects.html { "<li>\($0.sentence)</li>" }
        let seenAgain = report.taken.filter { $0.seenAgain != nil }
        let flagged = seenAgain.html { item in
            """
            <li><strong class="problem">\(item.mark.product.rawValue) on \(item.mark.device.rawValue)</strong>:
            taken back \(item.mark.day.description) by \(item.mark.actor), seen again by inventory
            \(item.seenAgain?.description ?? "")</li>
            """
        }
        let notice: HTML =
            web.query("marked").map {
                "<p id=\"notice\" class=\"notice\" role=\"status\">Recorded \($0) as taken back.</p>"
            }
            ?? ""
        let windows = [30, 60, 90, 180, 365].map(String.init)
        let csv = "/api/v1/reclaim" + queryString([("unused", String(days)), ("product", only), ("format", "csv")])
        return shell.page(
            "Reclaim", section: "/reclaim",
            """
            <h1>Reclaim</h1>\(notice)
            <form id="reclaim-filter" class="filters" method="get" action="/reclaim">
            <div class="field"><label for="unused">Unused for (days)</label>
            <select id="unused" name="unused">\(Self.options(windows, selected: String(days), any: nil))</select></div>
            <div class="field"><label for="product">Product id</label>
            <input id="product" name="product" value="\(only ?? "")"></div>
            <div class="field"><button type="submit">Show</button></div></form>
            <p id="reclaim-summary">\(report.lines.count) to take back (no use since \(report.since.description)):
            freeing <strong>\(report.freedText)</strong> units worth
            <strong>\(PositionTable.money(report.totalValue)) \(currency)</strong>.
            <a href="\(csv)">Download the list for the service desk (CSV)</a></p>
            \(report.effects.isEmpty ? "" : "<section class=\"card\"><h2>Once reclaimed</h2><ul id=\"reclaim-effects\">\(effects)</ul></section>" as HTML)
            \(seenAgain.isEmpty ? "" : "<section class=\"card\"><h2>Installed again</h2><ul id=\"reclaim-flagged\">\(flagged)</ul></section>" as HTML)
            <div class="scroll"><table id="reclaim"><thead><tr><th scope="col">Product</th><th scope="col">Device</th>
            <th scope="col">User</th><th scope="col">Last use</th><th scope="col">Why</th>
            <th scope="col" class="number">Frees</th><th scope="col" class="number">Value (\(currency))</th>
            \(editable ? "<th scope=\"col\">Done</th>" as HTML : "")</tr></thead>
            <tbody>\(report.lines.isEmpty ? "<tr><td colspan=\"8\">Nothing to take back.</td></tr>" : rows)</tbody>
            </table></div>
            \(pagination.links("/reclaim", [("unused", String(days)), ("product", only)], id: "reclaim-pages"))
            """)
    }
}
