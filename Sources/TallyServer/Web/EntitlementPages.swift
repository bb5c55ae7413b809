import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The entitlements: a list with filters, and the forms that add, edit and retire one, with the command line's
/// checks. A save goes back to the product, whose position now counts it.
extension API {
    var entitlementPages: [PageRoute] {
        [
            PageRoute(.get, "/entitlements", .readAll) { try await entitlementsPage($0) },
            PageRoute(.get, "/entitlements/new", .edit) { web in
                entitlementFormPage(web, EntitlementForm(product: web.query("product")), isNew: true)
            },
            PageRoute(.post, "/entitlements/new", .edit) { web in
                var form = EntitlementForm(web.form)
                let change = form.change()
                if form.values["id"] == nil { form.errors["id"] = "an id is needed" }
                if form.values["product"] == nil { form.errors["product"] = "a product id is needed" }
                guard form.errors.isEmpty, let id = form.values["id"] else {
                    return entitlementFormPage(web, form, isNew: true)
                }
                let item = change.applied(to: Entitlement(id: .init(id), product: "", quantity: nil))
                do {
                    try await operations.addEntitlement(item, by: web.principal.caller)
                } catch {
                    form.refused(error)
                    return entitlementFormPage(web, form, isNew: true)
                }
                return saved(item)
            },
            PageRoute(.get, "/entitlements/{id}/edit", .edit) { web in
                let id = try web.parameter("id")
                guard let item = try await operations.entitlement(.init(id)) else {
                    throw TallyError.notFound(kind: "entitlement", id: id)
                }
                return entitlementFormPage(web, EntitlementForm(item), isNew: false)
            },
            PageRoute(.post, "/entitlements/{id}/edit", .edit) { web in
                let id = try web.parameter("id")
                var form = EntitlementForm(web.form)
                form.values["id"] = id
                let change = form.change()
                if form.values["product"] == nil { form.errors["product"] = "a product id is needed" }
                guard form.errors.isEmpty else { return entitlementFormPage(web, form, isNew: false) }
                do {
                    return saved(try await operations.editEntitlement(.init(id), change, by: web.principal.caller))
                } catch {
                    form.refused(error)
                    return entitlementFormPage(web, form, isNew: false)
                }
            },
            PageRoute(.post, "/entitlements/{id}/retire", .edit) { web in
                let id = try web.parameter("id")
                guard let item = try await operations.entitlement(.init(id)) else {
                    throw TallyError.notFound(kind: "entitlement", id: id)
                }
                let text = web.form.text("on")
                guard let day = text.map(Day.init) ?? operations.clock().day else {
                    throw Problem(.unprocessableContent, "The day to retire it on is not a date (YYYY-MM-DD).")
                }
                try await operations.retireEntitlement(item.id, on: day, by: web.principal.caller)
                return redirect("/products/\(percentEncoded(item.product.rawValue))?saved=\(percentEncoded(id))")
            },
        ]
    }

    private func saved(_ item: Entitlement) -> Response {
        redirect("/products/\(percentEncoded(item.product.rawValue))?saved=\(percentEncoded(item.id.rawValue))")
    }

    private func entitlementFormPage(_ web: WebRequest, _ form: EntitlementForm, isNew: Bool) -> Response {
        let shell = PageShell(principal: web.principal)
        let id = form.values["id"] ?? ""
        let title = isNew ? "Add an entitlement" : "Edit entitlement \(id)"
        let action = isNew ? "/entitlements/new" : "/entitlements/\(percentEncoded(id))/edit"
        let retire: HTML =
            isNew
            ? ""
            : """
            <section class="card"><h2>Retire</h2>
            <p>Ends its term on a day (its last day); it stays on record, and the position stops counting it after.</p>
            <form id="retire-form" class="inline" method="post" action="/entitlements/\(percentEncoded(id))/retire">
            \(shell.csrfField)<div class="field"><label for="retire-on">Last day</label>
            <input id="retire-on" name="on" type="date" value="\(operations.clock().day.description)"></div>
            <button class="edit-control danger" type="submit">Retire</button></form></section>
            """
        return shell.page(
            title, section: "/entitlements", status: form.errors.isEmpty ? .ok : .unprocessableContent,
            """
            <h1>\(title)</h1>
            <section class="card">\(form.html(action: action, isNew: isNew, shell: shell))</section>
            \(retire)
            """)
    }

    func entitlementsPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let size = 50
        let number = web.pageNumber
        let product = web.query("product")
        let page = try await operations.entitlements(
            EntitlementQuery(
                search: web.query("search"), product: product.map { .init($0) },
                page: PageRequest(offset: (number - 1) * size, limit: size)))
        let uses = Dictionary(
            try await operations.latestPosition().entitlements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let editable = web.principal.may(.edit)
        let rows = page.items.html { item in
            let use = uses[item.id]
            let edit: HTML =
                editable
                ? "<td><a class=\"edit-control\" href=\"/entitlements/\(percentEncoded(item.id.rawValue))/edit\">Edit</a></td>"
                : ""
            return """
                <tr><td>\(item.id.rawValue)</td>
                <td><a href="/products/\(percentEncoded(item.product.rawValue))">\(item.product.rawValue)</a></td>
                <td class="number">\(item.unlimited ? "unlimited" : item.quantity.map { PositionTable.grouped($0) } ?? "")</td>
                <td class="number">\(use.map { "\($0.used)" } ?? "")</td><td class="number">\(use.map { "\($0.unused)" } ?? "")</td>
                <td>\(item.start?.description ?? "")</td><td>\(item.end?.description ?? "")</td>
                <td>\(item.vendor ?? "")</td><td>\(item.contract ?? "")</td>\(edit)</tr>
                """
        }
        let pagination = Pagination(number: number, size: size, total: page.total)
        let add: HTML =
            editable
            ? "<p><a id=\"add-entitlement\" class=\"edit-control button\" href=\"/entitlements/new\">Add an entitlement</a></p>"
            : ""
        return shell.page(
            "Entitlements", section: "/entitlements",
            """
            <h1>Entitlements</h1>
            \(add)
            <p><a id="rates-link" href="/rates">Exchange rates</a> convert entitlements priced in other currencies.</p>
            <form id="entitlement-filter" class="filters" method="get" action="/entitlements" role="search">
            <div class="field"><label for="search">Search</label>
            <input id="search" name="search" type="search" value="\(web.query("search") ?? "")" placeholder="Id, vendor, contract, order"></div>
            <div class="field"><label for="product">Product id</label>
            <input id="product" name="product" value="\(product ?? "")"></div>
            <div class="field"><button type="submit">Show</button></div></form>
            <div class="scroll"><table id="entitlements"><thead><tr><th scope="col">Id</th><th scope="col">Product</th>
            <th scope="col" class="number">Units</th><th scope="col" class="number">Used</th><th scope="col" class="number">Unused</th>
            <th scope="col">Start</th><th scope="col">End</th><th scope="col">Vendor</th><th scope="col">Contract</th>
            \(editable ? "<th scope=\"col\">Change</th>" as HTML : "")</tr></thead>
            <tbody>\(page.items.isEmpty ? "<tr><td colspan=\"10\">No entitlement matches.</td></tr>" : rows)</tbody></table></div>
            \(pagination.links("/entitlements", [("search", web.query("search")), ("product", product)]))
            """)
    }
}
