import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Imports from the browser: upload a file with its kind and options, read the preview (what would change, the
/// warnings, the rows left out and why), then confirm; and the batches imported so far.
extension API {
    /// The options the form sends, carried from the preview to the confirmation as they were.
    static let importOptionNames = [
        "kind", "mode", "device", "server", "timeZone", "at", "preset", "map", "csvKind", "dates", "skipInvalid",
    ]

    var importPages: [PageRoute] {
        [
            PageRoute(.get, "/imports", .readAll) { try await importsPage($0) },
            PageRoute(.post, "/imports/preview", .edit) { web in
                guard let file = web.file, !file.body.isEmpty else {
                    return try await importsPage(web, problem: "Choose the file to import.", status: .badRequest)
                }
                let upload = Upload(name: file.filename ?? "upload", bytes: file.body)
                let options: ImportOptions
                let outcome: ImportOutcome
                do {
                    var form = web.form
                    form.set("dryRun", "true")
                    options = try ImportOptions { form[$0] }
                    outcome = try await runImport(upload, options, by: web.principal.caller)
                } catch {
                    let problem = Problem(error)
                    return try await importsPage(
                        web, problem: "\(upload.name): \(problem.detail)", status: problem.status)
                }
                let token = await pendingUploads.keep(upload, for: web.principal.account.name, at: operations.clock())
                return importPreview(web, upload, options, outcome, token: token)
            },
            PageRoute(.post, "/imports/confirm", .edit) { web in
                guard let token = web.form.text("upload"),
                    let upload = await pendingUploads.take(
                        token, for: web.principal.account.name, at: operations.clock())
                else {
                    return try await importsPage(
                        web,
                        problem: "That preview has expired (an hour) or was confirmed already. Upload the file again.",
                        status: .gone)
                }
                let options = try ImportOptions { web.form[$0] }
                let outcome: ImportOutcome
                do {
                    outcome = try await runImport(upload, options, by: web.principal.caller)
                } catch {
                    let problem = Problem(error)
                    return try await importsPage(
                        web, problem: "\(upload.name): \(problem.detail) Nothing was imported.", status: problem.status)
                }
                return redirect("/imports" + queryString([("done", outcome.batch.map { String($0) } ?? "0")]))
            },
        ]
    }

    func importsPage(
        _ web: WebRequest, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let size = 25
        let number = web.pageNumber
        let page = try await operations.batches(PageRequest(offset: (number - 1) * size, limit: size))
        let rows = page.items.html { batch in
            """
            <tr><td class="number">\(Int(batch.id))</td><td>\(batch.source)</td>
            <td><span class="digest" title="\(batch.digest)">\(String(batch.digest.prefix(16)))…</span></td>
            <td>\(batch.actor)</td><td>\(batch.at)</td><td>\(batch.mode)</td>
            <td class="number">\(batch.counts.inserted)</td><td class="number">\(batch.counts.updated)</td>
            <td class="number">\(batch.counts.unchanged)</td><td class="number">\(batch.counts.removed)</td></tr>
            """
        }
        let notice: HTML =
            web.query("done").map {
                "<p id=\"notice\" class=\"notice\" role=\"status\">Imported as batch \($0); the position counts it.</p>"
            } ?? ""
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\" id=\"import-error\">\($0)</p>" } ?? ""
        let form: HTML = web.principal.may(.edit) ? importForm(shell, web.form) : ""
        return shell.page(
            "Imports", section: "/imports", status: status,
            """
            <h1>Imports</h1>\(notice)\(alert)
            \(form)
            <section class="card"><h2>Import batches</h2><div class="scroll"><table id="batches">
            <thead><tr><th scope="col" class="number">Batch</th><th scope="col">File</th><th scope="col">SHA-256</th>
            <th scope="col">By</th><th scope="col">At</th><th scope="col">Mode</th><th scope="col" class="number">Added</th>
            <th scope="col" class="number">Updated</th><th scope="col" class="number">Unchanged</th>
            <th scope="col" class="number">Removed</th></tr></thead>
            <tbody>\(page.items.isEmpty ? "<tr><td colspan=\"10\">Nothing imported yet.</td></tr>" : rows)</tbody></table></div>
            \(Pagination(number: number, size: size, total: page.total).links("/imports", []))</section>
            """)
    }

    private func importForm(_ shell: PageShell, _ sent: FormFields) -> HTML {
        func text(_ name: String, _ label: String, _ hint: String) -> HTML {
            """
            <div class="field"><label for="\(name)">\(label) <span class="muted">(\(hint))</span></label>
            <input id="\(name)" name="\(name)" value="\(sent[name] ?? "")"></div>
            """
        }
        func select(_ name: String, _ label: String, _ values: [String], any: String?) -> HTML {
            """
            <div class="field"><label for="\(name)">\(label)</label>
            <select id="\(name)" name="\(name)">\(Self.options(values, selected: sent[name], any: any))</select></div>
            """
        }
        return """
            <section class="card"><h2>Upload a file</h2>
            <p>Nothing is written until you confirm the preview.</p>
            <form id="import-form" class="record" method="post" action="/imports/preview" enctype="multipart/form-data">
            \(shell.csrfField)
            \(select("kind", "Kind of file", ImportOptions.kinds, any: nil))
            <div class="field"><label for="file">File (up to 64 MB)</label><input id="file" name="file" type="file" required></div>
            \(select("mode", "Estate: merge into the store, or replace it", ImportMode.allCases.map(\.rawValue), any: nil))
            \(text("device", "Device", "registry export or SWID tags: the device's id; osquery: if the file does not name it"))
            \(text("server", "License server", "FlexLM log, lmstat, rlmstat: its name when the file does not tell"))
            \(text("timeZone", "Time zone of the log", "e.g. Europe/Paris; default UTC"))
            \(text("at", "Sampled at", "lmstat, rlmstat: ISO 8601 when the file does not tell"))
            \(select("preset", "CSV preset", ColumnMap.presets.map(\.origin), any: "None: use a map"))
            \(text("map", "CSV column map", "e.g. device=Computer,name=Title,version=Version"))
            \(select("csvKind", "CSV rows are", ColumnMap.Kind.allCases.map(\.rawValue), any: "Default (installations)"))
            \(select("dates", "CSV dates", CellValue.DateOrder.allCases.map(\.rawValue), any: "Default (month first)"))
            <div class="field"><label><input id="skipInvalid" name="skipInvalid" type="checkbox" value="true"\(sent["skipInvalid"] != nil ? " checked" : "")>
            Skip rows that cannot be read (they are listed)</label></div>
            <div class="field wide"><button id="preview-button" class="edit-control" type="submit">Preview</button></div>
            </form></section>
            """
    }

    private func importPreview(
        _ web: WebRequest, _ upload: Upload, _ options: ImportOptions, _ outcome: ImportOutcome, token: String
    ) -> Response {
        let shell = PageShell(principal: web.principal)
        let preview = ImportPreview(outcome)
        let counts = preview.counts.html { label, value in
            "<tr><th scope=\"row\">\(label)</th><td class=\"number\">\(value)</td></tr>"
        }
        func list(_ id: String, _ title: String, _ items: [String]) -> HTML {
            guard !items.isEmpty else { return "" }
            let shown = items.prefix(200).html { "<li>\($0)</li>" }
            let more: HTML = items.count > 200 ? "<p class=\"muted\">\(items.count - 200) more.</p>" : ""
            return
                "<section class=\"card\" id=\"\(id)\"><h2>\(title) (\(items.count))</h2><ul>\(shown)</ul>\(more)</section>"
        }
        let blocked = !preview.invalid.isEmpty && !options.skipInvalid
        let hidden = Self.importOptionNames.html { name in
            guard let value = web.form[name] else { return "" }
            return "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">"
        }
        let confirm: HTML =
            blocked
            ? """
            <p role="alert" class="problem">\(preview.invalid.count) rows cannot be read, so this file cannot be imported
            as it is. Correct them, or upload it again with "Skip rows that cannot be read" ticked.</p>
            """
            : """
            <form id="confirm-form" method="post" action="/imports/confirm">\(shell.csrfField)
            <input type="hidden" name="upload" value="\(token)">\(hidden)
            <button id="confirm" class="edit-control" type="submit">Confirm the import</button> <a href="/imports">Cancel</a>
            </form>
            """
        return shell.page(
            "Import preview", section: "/imports",
            """
            <h1>Import preview: \(upload.name)</h1>
            <p class="muted">\(options.kind) file, \(upload.bytes.count) bytes, SHA-256 <span class="digest">\(upload.digest)</span>.
            \(preview.note)</p>
            <section class="card"><h2>What the import would do</h2>
            <table id="preview-counts"><tbody>\(counts)</tbody></table></section>
            \(list("warnings", "Warnings", preview.warnings))
            \(list("invalid", "Rows that cannot be read", preview.invalid))
            \(list("skipped", "Rows left out, with the reason", preview.skipped))
            <section class="card">\(confirm)</section>
            """)
    }
}

/// What a preview shows of an outcome: its counts, warnings, and the rows left out or unreadable with why.
struct ImportPreview {
    var counts: [(String, Int)] = []
    var warnings: [String] = []
    var invalid: [String] = []
    var skipped: [String] = []
    var note = ""

    init(_ outcome: ImportOutcome) {
        switch outcome {
        case .estate(let summary):
            counts = Self.collections(summary)
        case .flexLM(let imported):
            counts = Self.collections(imported.summary)
        case .purchases(let imported):
            counts = [("Rows read", imported.rows)] + Self.collections(imported.summary)
            warnings = imported.made.map { "The product \($0) will be made: no product has this id yet." }
            invalid = imported.invalid.map(\.description)
        case .flexLMPreview(let report):
            counts = [
                ("Checkouts", report.checkouts.count), ("Denials", report.denials.count),
                ("Server restarts", report.restarts),
            ]
            warnings = report.ignoredLines.sorted { $0.key < $1.key }.map { "\($1) lines ignored: \($0)" }
            note =
                "A license-server log is previewed by what it holds\(report.vendor.map { " (vendor daemon \($0))" } ?? "")."
        case .statusPreview(let report):
            counts = [
                ("Checkouts in use", report.checkouts.count), ("Features", report.features.count),
                ("Servers", report.servers.count),
            ]
            warnings = report.servers.filter { !$0.up }.map { "The server \($0.name) was down: \($0.detail ?? "")" }
            note = "A status report is previewed by what it holds."
        case .status(let imported):
            counts = Self.collections(imported.summary)
        case .inventory(let imported):
            let summary = imported.summary
            counts = [
                ("Devices added", summary.devicesAdded), ("Devices updated", summary.devicesUpdated),
                ("Devices unchanged", summary.devicesUnchanged), ("Software titles added", summary.softwareAdded),
                ("Software titles seen again", summary.softwareSeen),
                ("Software titles removed", summary.softwareRemoved),
                ("Titles recognised as products", summary.titlesRecognized),
                ("Titles set aside", summary.titlesIgnored),
                ("Titles not recognised", summary.titlesUnrecognized), ("Installations", summary.installations),
                ("Products added", summary.productsAdded),
            ]
            skipped = imported.skipped.map(\.description)
            invalid = imported.invalid.map(\.description)
        }
    }

    private static func collections(_ summary: ImportSummary) -> [(String, Int)] {
        summary.collections.flatMap { name, counts in
            [
                ("\(name): added", counts.inserted), ("\(name): updated", counts.updated),
                ("\(name): unchanged", counts.unchanged), ("\(name): removed", counts.removed),
            ].filter { $0.1 > 0 || $0.0.hasSuffix("unchanged") }
        }
    }
}
