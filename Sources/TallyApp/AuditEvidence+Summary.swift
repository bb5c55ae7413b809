import TallyCore
import TallyFormats
import TallyStore

/// The pack's summary: one standalone HTML page to read and print, without script, its style in the page.
extension AuditEvidence {
    /// The summary, listing the SHA-256 of `files` (every file but itself and SHA256SUMS).
    func summaryHTML(listing files: [AuditPack.File]) -> String {
        let positions = positions
        let money = { (value: Double) in PositionTable.money(value) }
        let rows: [HTML] = positions.map { position in
            let name = position.name.map { $0 + " (" + position.product.rawValue + ")" } ?? position.product.rawValue
            return """
                <tr><th scope="row">\(name)</th><td>\(LicenseTerms.per(position.metric))</td>
                <td class="n">\(position.demand)</td><td class="n">\(position.covered)</td>
                <td class="n">\(position.shortfall)</td>
                <td class="n">\(position.supply.map { PositionTable.grouped($0) } ?? "unlimited")</td>
                <td class="n">\(position.surplus)</td><td class="n">\(position.price.map(money) ?? "unknown")</td>
                <td class="n">\(position.exposure.map(money) ?? "unknown")</td>
                <td class="n">\(money(position.surplusValue))</td>
                <td class="status-\(position.status.rawValue)">\(position.status.rawValue)</td></tr>
                """
        }
        let exposure = Money.cents(positions.reduce(0) { $0 + ($1.exposure ?? 0) })
        let surplusValue = Money.cents(positions.reduce(0) { $0 + $1.surplusValue })
        let unpriced = positions.filter { $0.exposure == nil }.count
        let count = { (status: ComplianceStatus) in positions.filter { $0.status == status }.count }
        let without = products.filter { product in !positions.contains { $0.product == product.id } }
        let terms: [HTML] = products.map { product in
            let position = positions.first { $0.product == product.id }
            let note: HTML = position?.why.map { "<p class=\"note\">\($0)</p>" } ?? ""
            let items: [HTML] = LicenseTerms.describe(product.license).map { "<li>\($0.name): \($0.value)</li>" }
            let parts = product.components.map(\.rawValue).joined(separator: ", ")
            let suite: HTML = parts.isEmpty ? "" : "<p>A suite of \(parts): their installations count as its own.</p>"
            return """
                <dt>\(product.name ?? product.id.rawValue) (\(product.id.rawValue))</dt>
                <dd><ul>\(items)</ul>\(suite)\(note)</dd>
                """
        }
        let listed: [HTML] = files.map { file in
            "<tr><td>\(file.path)</td><td class=\"n\">\(file.bytes.count)</td><td class=\"digest\">\(file.sha256)</td></tr>"
        }
        let none: HTML = "<tr><td colspan=\"11\">No product of this publisher has a position on this day.</td></tr>"
        let unpricedNote: HTML =
            unpriced == 0
            ? "" : "<p>\(unpriced) product(s) in shortfall have no known price: their exposure is not in the total.</p>"
        let withoutNote: HTML =
            without.isEmpty
            ? ""
            : """
            <p>No position on this day (no demand, no active entitlement of its own): \
            \(without.map(\.id.rawValue).joined(separator: ", ")).</p>
            """
        let rates: [HTML] = reconciliation.rates.map { "<p>Converted at \($0.described(into: currency)).</p>" }
        let head = audit.head.map { "\($0.sequence) \($0.hash)" } ?? "none: no change recorded yet"
        let title = "License audit evidence: \(publisher), as of \(asOf)"
        let page: HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(Self.style)</style>
            </head><body><main>
            <h1>\(title)</h1>
            <dl class="facts"><dt>Publisher</dt><dd id="publisher">\(publisher)</dd>
            <dt>Position as of</dt><dd id="as-of">\(asOf.description)</dd>
            <dt>Currency</dt><dd id="currency">\(currency ?? "none set")</dd>
            <dt>Made</dt><dd>\(madeAt.description) by Tally \(TallyRelease.version)</dd></dl>
            <h2>Position per product</h2>
            <p>\(positions.count) products: \(count(.under)) under-licensed, \(count(.over)) over-licensed, \
            \(count(.compliant)) compliant. Units of different metrics are never added together.</p>
            <table id="positions"><thead><tr><th scope="col">Product</th><th scope="col">Counted</th>
            <th scope="col" class="n">Demand</th><th scope="col" class="n">Covered</th>
            <th scope="col" class="n">Shortfall</th><th scope="col" class="n">Supply</th>
            <th scope="col" class="n">Surplus</th><th scope="col" class="n">Unit price</th>
            <th scope="col" class="n">Exposure</th><th scope="col" class="n">Surplus value</th>
            <th scope="col">Status</th></tr></thead>
            <tbody>\(rows.isEmpty ? [none] : rows)</tbody>
            <tfoot><tr><th scope="row" colspan="8">Totals (\(currency ?? "no currency set"))</th>
            <td class="n" id="total-exposure">\(money(exposure))</td>
            <td class="n" id="total-surplus-value">\(money(surplusValue))</td><td></td></tr></tfoot></table>
            \(unpricedNote)\(withoutNote)\(rates)
            <p>Exposure is the shortfall at the unit price (the product's audit price, else the cost of its latest \
            purchase); surplus value is what the units bought and left unused cost. consumers.csv gives every unit \
            of demand and the entitlements that cover it; evidence.csv and usage.csv the records it is counted from.</p>
            <h2>How each product is counted</h2>
            <dl class="terms">\(terms)</dl>
            <h2>Audit trail</h2>
            <dl class="facts"><dt>Entries</dt><dd id="audit-entries">\(audit.entries)</dd>
            <dt>Head hash</dt><dd class="digest" id="audit-head">\(head)</dd>
            <dt>Verification</dt><dd id="audit-verify">\(audit.verification.sentence)</dd></dl>
            <h2>Files of this pack</h2>
            <p>SHA-256 of each file. SHA256SUMS lists them all, and this page's own: check them with \
            <code>sha256sum -c SHA256SUMS</code> in the pack's folder.</p>
            <table id="files"><thead><tr><th scope="col">File</th><th scope="col" class="n">Bytes</th>
            <th scope="col">SHA-256</th></tr></thead><tbody>\(listed)</tbody></table>
            </main></body></html>

            """
        return page.text
    }

    /// Plain, print-friendly: black on white, ruled tables that fit a landscape page, digests that wrap.
    private static let style: HTML = """
        body{font:10pt/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#fff;margin:0}
        main{max-width:80rem;margin:0 auto;padding:1.5rem}h1{font-size:1.4rem;margin:0 0 1rem}
        h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.2rem .4rem;\
        text-align:left;vertical-align:top}thead th{background:#eee}.n{text-align:right;white-space:nowrap}
        tfoot th,tfoot td{font-weight:700}.digest{font-family:ui-monospace,Menlo,Consolas,monospace;\
        word-break:break-all}.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
        .facts dt{font-weight:700}.facts dd{margin:0}.terms dt{font-weight:700;margin-top:.5rem}
        .terms ul{margin:.2rem 0;padding-left:1.2rem}.note{font-style:italic}.status-under{font-weight:700}
        @media print{@page{size:A4 landscape;margin:12mm}main{max-width:none;padding:0}thead{display:table-header-group}
        tr,dt,dd{break-inside:avoid}h2{break-after:avoid}}
        """
}
