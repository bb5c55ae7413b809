import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// The audit evidence pack from the browser: a form that picks the publisher and the day, and downloads the ZIP the
/// API serves; the page says what the pack holds.
extension API {
    var auditPackPages: [PageRoute] {
        [PageRoute(.get, "/reports/audit", .audit) { try await auditPackPage($0) }]
    }

    /// The form; sent (it is a GET: nothing changes), the pack itself, or the form again with the error beside
    /// its field.
    func auditPackPage(_ web: WebRequest) async throws -> Response {
        let publishers = try await operations.publishers()
        var form = AuditPackForm(
            values: ["publisher": web.query("publisher") ?? "", "asOf": web.query("asOf") ?? ""])
        var status = HTTPResponse.Status.ok
        if web.query("publisher") != nil || web.query("asOf") != nil {
            do {
                return try zipDownload(try await auditPack(publisher: web.query("publisher"), asOf: web.query("asOf")))
            } catch let problem as Problem where problem.field != nil {
                form.errors[problem.field ?? "form"] = problem.detail
                status = problem.status
            }
        }
        if form.values["asOf", default: ""].isEmpty { form.values["asOf"] = operations.clock().day.description }
        let contents = AuditPack.contents.html { item in "<dt>\(item.path)</dt><dd>\(item.holds)</dd>" }
        let chooser: HTML =
            publishers.isEmpty
            ? "<p>No product names a publisher yet: give products their publisher, then make the pack.</p>"
            : """
            <form id="audit-pack" class="filters" method="get" action="/reports/audit">
            \(form.select("publisher", "Publisher", publishers))
            \(form.field("asOf", "Position as of", type: "date"))
            <div class="field"><button type="submit">Download the pack (ZIP)</button></div></form>
            """
        let alert: HTML =
            form.errors.isEmpty
            ? "" : "<p role=\"alert\" class=\"problem\">The pack was not made: correct the value shown below.</p>"
        return PageShell(principal: web.principal).page(
            "Audit evidence pack", section: "/reports/audit", status: status,
            """
            <h1>Audit evidence pack</h1>
            <p>Everything a publisher's auditor needs to check the position of its products on a day, each figure \
            traced to the records and files it comes from, in one ZIP file. The command line writes the same pack: \
            <code>tally report audit --publisher NAME --out FOLDER-OR-FILE.zip</code>.</p>
            \(alert)\(chooser)
            <section class="card"><h2>What the pack holds</h2><dl id="pack-contents">\(contents)</dl></section>
            """)
    }
}

/// The pack's form: the publisher and the day as sent, and what is wrong with them.
struct AuditPackForm: RecordForm {
    var values: [String: String]
    var checked: Set<String> = []
    var errors: [String: String] = [:]
}
