import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The catalog's review queue, where an unrecognised title becomes a product (or is set aside) in place, and the
/// audit trail with its verification.
extension API {
    var catalogAuditPages: [PageRoute] {
        [
            PageRoute(.get, "/catalog", .readAll) { try await catalogPage($0) },
            PageRoute(.post, "/catalog/accept", .edit) { web in
                guard let product = web.form.text("product") else {
                    return try await catalogPage(web, problem: "Accepting a suggestion needs its product id.")
                }
                do {
                    let accepted = try await operations.acceptSuggestion(
                        Product.ID(product), by: web.principal.caller)
                    return redirect(
                        "/catalog"
                            + queryString([("added", accepted.rule), ("changed", String(accepted.applied.changed))]))
                } catch {
                    return try await catalogPage(web, problem: "\(product): \(Problem(error).detail)")
                }
            },
            PageRoute(.post, "/catalog/rules", .edit) { web in
                guard let name = web.form.text("name") else {
                    return try await catalogPage(web, problem: "A rule needs the title's name pattern.")
                }
                var request = CatalogRuleRequest(names: [name])
                request.publishers = web.form.text("publisher").map { [$0] } ?? []
                request.product = web.form.text("product")
                request.productName = web.form.text("productName")
                request.productPublisher = web.form.text("productPublisher")
                request.version = web.form.text("version")
                request.ignore = web.form.text("ignore")
                do {
                    let id = try await operations.addCatalogRule(request, by: web.principal.caller)
                    let applied = try await operations.applyCatalog(by: web.principal.caller)
                    return redirect(
                        "/catalog" + queryString([("added", id), ("changed", String(applied.changed))]))
                } catch {
                    return try await catalogPage(web, problem: "\(name): \(Problem(error).detail)")
                }
            },
            PageRoute(.get, "/audit", .readAll) { try await auditPage($0) },
            PageRoute(.post, "/audit/verify", .audit) { try await auditPage($0, verify: true) },
        ]
    }

    func catalogPage(_ web: WebRequest, problem: String? = nil) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let titles = try await operations.unrecognizedTitles(limit: 200)
        let editable = web.principal.may(.edit)
        let rows = titles.enumerated().html { index, title in
            let suggestion = title.suggestion ?? ProductSuggestion(publisher: title.publisher ?? "", title: title.name)
            let accept: HTML =
                editable && title.probablyLicensable
                ? """
                <form class="inline" method="post" action="/catalog/accept">\(shell.csrfField)
                <input type="hidden" name="product" value="\(suggestion.id.rawValue)">
                <button class="edit-control" type="submit">Accept as \(suggestion.name) (\(suggestion.publisher))</button></form>
                """ : ""
            let rule: HTML =
                editable
                ? """
                <td>\(accept)<form class="inline" method="post" action="/catalog/rules">\(shell.csrfField)
                <input type="hidden" name="name" value="\(suggestion.namePattern)">
                <input type="hidden" name="publisher" value="\(title.publisher.map(Self.pattern) ?? "")">
                <div class="field"><label for="product-\(index)">Product id</label>
                <input id="product-\(index)" name="product" size="14" value="\(suggestion.id.rawValue)"></div>
                <div class="field"><label for="product-name-\(index)">Name</label>
                <input id="product-name-\(index)" name="productName" size="18" value="\(suggestion.name)"></div>
                <input type="hidden" name="productPublisher" value="\(title.knownPublisher?.name ?? title.publisher ?? "")">
                <div class="field"><label for="version-\(index)">Version</label>
                <input id="version-\(index)" name="version" size="6"></div>
                <button class="edit-control" type="submit">Make it a product</button></form>
                <form class="inline" method="post" action="/catalog/rules">\(shell.csrfField)
                <input type="hidden" name="name" value="\(Self.pattern(title.name))">
                <input type="hidden" name="publisher" value="\(title.publisher.map(Self.pattern) ?? "")">
                <div class="field"><label for="ignore-\(index)">Reason</label>
                <select id="ignore-\(index)" name="ignore"><option>free</option><option>os</option><option>driver</option>
                <option>runtime</option><option>update</option></select></div>
                <button class="edit-control secondary" type="submit">Set it aside</button></form></td>
                """ : ""
            let mark: HTML =
                title.probablyLicensable ? " <span class=\"status status-under\">probably licensable</span>" : ""
            return """
                <tr><td>\(title.name)\(mark)</td><td>\(title.publisher ?? "")</td><td class="number">\(title.devices)</td>
                <td class="number">\(title.versions)</td>\(rule)</tr>
                """
        }
        let notice: HTML =
            web.query("added").map { id in
                "<p id=\"notice\" class=\"notice\" role=\"status\">Rule \(id) added; \(web.query("changed") ?? "0") titles changed.</p>"
            } ?? ""
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return shell.page(
            "Catalog review", section: "/catalog", status: problem == nil ? .ok : .unprocessableContent,
            """
            <h1>Catalog review</h1>\(notice)\(alert)
            <p>Titles that inventories reported and no catalog rule recognises: first those of publishers that sell
            commercial software (probably licensable, each with the product it probably is), then the rest, most
            widespread first. Accept a suggestion, make a title a product, or set it aside; the rule applies at once to
            every title kept.</p>
            <div class="scroll"><table id="unrecognized"><thead><tr><th scope="col">Title</th><th scope="col">Publisher</th>
            <th scope="col" class="number">Devices</th><th scope="col" class="number">Versions</th>
            \(editable ? "<th scope=\"col\">Add a rule</th>" as HTML : "")</tr></thead>
            <tbody>\(titles.isEmpty ? "<tr><td colspan=\"5\">Every title is recognised.</td></tr>" : rows)</tbody></table></div>
            """)
    }

    /// A catalog pattern that matches `text` exactly: its glob characters escaped.
    static func pattern(_ text: String) -> String {
        var out = ""
        for character in text {
            if "*?[{\\".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    func auditPage(_ web: WebRequest, verify: Bool = false) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let entity = web.query("entity") ?? web.form.text("entity")
        let id = web.query("id") ?? web.form.text("id")
        let entries = try await operations.auditLog(entity: entity, id: id)
        let newestFirst = Array(entries.reversed())
        let pagination = Pagination(number: web.pageNumber, size: 50, total: newestFirst.count)
        let rows = pagination.slice(newestFirst).html { entry in
            """
            <tr><td class="number">\(Int(entry.sequence))</td><td>\(entry.at)</td><td>\(entry.actor)</td>
            <td>\(entry.action)</td><td>\(entry.entity)</td><td>\(entry.entityID)</td>
            <td><span class="digest" title="\(entry.hash)">\(String(entry.hash.prefix(12)))…</span></td></tr>
            """
        }
        var result: HTML = ""
        if verify {
            let outcome: String
            switch try await operations.verifyAuditTrail() {
            case .intact(let count):
                outcome =
                    "The trail is intact: \(count) entries, each chained to the one before, and the data matches it."
            case .broken(let sequence, let reason):
                outcome = "The trail is broken at entry \(sequence): \(reason)."
            case .dataDiffers(let collections):
                outcome = "The data differs from what the trail records in: \(collections.joined(separator: ", "))."
            }
            result = "<p id=\"verify-result\" role=\"status\" class=\"card\"><strong>\(outcome)</strong></p>"
        }
        let verifyForm: HTML =
            web.principal.may(.audit)
            ? """
            <form id="verify-form" method="post" action="/audit/verify">\(shell.csrfField)
            <button id="verify" type="submit">Verify the trail</button></form>
            """ : ""
        return shell.page(
            "Audit trail", section: "/audit",
            """
            <h1>Audit trail</h1>
            \(result)\(verifyForm)
            <form id="audit-filter" class="filters" method="get" action="/audit" role="search">
            <div class="field"><label for="entity">Kind of record</label>
            <select id="entity" name="entity">\(Self.options(["entitlement", "product", "device", "person", "assignment", "account", "catalog", "import"], selected: entity, any: "Any"))</select></div>
            <div class="field"><label for="record-id">Record id</label><input id="record-id" name="id" value="\(id ?? "")"></div>
            <div class="field"><button type="submit">Show</button></div></form>
            <div class="scroll"><table id="audit"><thead><tr><th scope="col" class="number">Entry</th><th scope="col">At</th>
            <th scope="col">By</th><th scope="col">Action</th><th scope="col">Kind</th><th scope="col">Record</th>
            <th scope="col">Hash</th></tr></thead>
            <tbody>\(newestFirst.isEmpty ? "<tr><td colspan=\"7\">No entry.</td></tr>" : rows)</tbody></table></div>
            \(pagination.links("/audit", [("entity", entity), ("id", id)]))
            """)
    }
}
