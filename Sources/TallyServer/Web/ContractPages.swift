import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Contracts: the list with their renewal and notice dates, one contract with its entitlements and documents, the
/// forms that add and edit one, attaching a document, and downloading one (always as an attachment).
extension API {
    var contractPages: [PageRoute] {
        [
            PageRoute(.get, "/contracts", .readAll) { try await contractsPage($0) },
            PageRoute(.get, "/contracts/new", .edit) { web in contractFormPage(web, ContractForm(), isNew: true) },
            PageRoute(.post, "/contracts/new", .edit) { web in
                var form = ContractForm(web.form)
                let change = form.change()
                if form.values["id"] == nil { form.errors["id"] = "an id is needed" }
                guard form.errors.isEmpty, let id = form.values["id"] else {
                    return contractFormPage(web, form, isNew: true)
                }
                do {
                    try await operations.addContract(
                        change.applied(to: Contract(id: .init(id))), by: web.principal.caller)
                } catch {
                    form.refused(error)
                    return contractFormPage(web, form, isNew: true)
                }
                return redirect("/contracts/\(percentEncoded(id))?saved=1")
            },
            PageRoute(.get, "/contracts/{id}", .readAll) { try await contractPage($0) },
            PageRoute(.get, "/contracts/{id}/edit", .edit) { web in
                let id = try web.parameter("id")
                guard let item = try await operations.contract(.init(id)) else {
                    throw TallyError.notFound(kind: "contract", id: id)
                }
                return contractFormPage(web, ContractForm(item), isNew: false)
            },
            PageRoute(.post, "/contracts/{id}/edit", .edit) { web in
                let id = try web.parameter("id")
                var form = ContractForm(web.form)
                form.values["id"] = id
                let change = form.change()
                guard form.errors.isEmpty else { return contractFormPage(web, form, isNew: false) }
                do {
                    try await operations.editContract(.init(id), change, by: web.principal.caller)
                } catch {
                    form.refused(error)
                    return contractFormPage(web, form, isNew: false)
                }
                return redirect("/contracts/\(percentEncoded(id))?saved=1")
            },
            PageRoute(.post, "/contracts/{id}/documents", .edit) { web in
                let id = try web.parameter("id")
                guard let file = web.file, !file.body.isEmpty else {
                    return try await contractPage(web, problem: "Choose the file to attach.", status: .badRequest)
                }
                let name = web.form.text("name") ?? file.filename ?? "document"
                do {
                    let document = try await operations.attachDocument(
                        to: .init(id), Upload(name: name, bytes: file.body), by: web.principal.caller)
                    return redirect("/contracts/\(percentEncoded(id))?attached=\(document.id)")
                } catch {
                    let problem = Problem(error)
                    return try await contractPage(web, problem: problem.detail, status: problem.status)
                }
            },
            PageRoute(.get, "/documents/{id}", .readAll) { web in try await documentDownload(try web.parameter("id")) },
        ]
    }

    func contractsPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let contracts = try await operations.contracts()
        let today = operations.clock().day
        let rows = contracts.html { contract in
            let passed = contract.noticeDeadline.map { $0 < today } ?? false
            let notice: HTML =
                contract.noticeDeadline.map { day in
                    passed ? "<strong class=\"problem\">\(day.description) (passed)</strong>" : "\(day.description)"
                } ?? ""
            return """
                <tr><td><a href="/contracts/\(percentEncoded(contract.id.rawValue))">\(contract.id.rawValue)</a></td>
                <td>\(contract.vendor ?? "")</td><td>\(contract.number ?? "")</td>
                <td class="nowrap">\(contract.renewsOn?.description ?? "")</td><td class="nowrap">\(notice)</td>
                <td>\(contract.autoRenew ? "yes" : "no")</td><td>\(contract.owner ?? "")</td></tr>
                """
        }
        let add: HTML =
            web.principal.may(.edit)
            ? "<p><a id=\"add-contract\" class=\"edit-control button\" href=\"/contracts/new\">Add a contract</a></p>"
            : ""
        return shell.page(
            "Contracts", section: "/contracts",
            """
            <h1>Contracts</h1>
            \(add)
            <div class="scroll"><table id="contracts"><thead><tr><th scope="col">Id</th><th scope="col">Vendor</th>
            <th scope="col">Number</th><th scope="col">Renews</th><th scope="col">Notice by</th>
            <th scope="col">Renews by itself</th><th scope="col">Owner</th></tr></thead>
            <tbody>\(contracts.isEmpty ? "<tr><td colspan=\"7\">No contract recorded yet.</td></tr>" : rows)</tbody></table></div>
            """)
    }

    func contractPage(
        _ web: WebRequest, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let id = Contract.ID(try web.parameter("id"))
        guard let contract = try await operations.contract(id) else {
            throw TallyError.notFound(kind: "contract", id: id.rawValue)
        }
        let entitlements = try await operations.entitlements(of: id)
        let documents = try await operations.documents(of: id)
        let today = operations.clock().day
        let facts: [(String, String?)] = [
            ("Vendor", contract.vendor), ("Number", contract.number), ("Start", contract.start?.description),
            ("End", contract.end?.description), ("Renews", contract.renewsOn?.description),
            ("Notice period", contract.noticeDays.map { "\($0) days" }),
            ("Notice by", contract.noticeDeadline.map { $0.description + ($0 < today ? " (passed)" : "") }),
            ("Renews by itself", contract.autoRenew ? "yes" : "no"), ("Owner", contract.owner),
            ("Notes", contract.notes),
        ]
        let factRows = facts.compactMap { name, value in value.map { (name, $0) } }.html { name, value in
            "<tr><th scope=\"row\">\(name)</th><td>\(value)</td></tr>"
        }
        let entitlementRows = entitlements.html { item in
            let annual = item.unitCost.map { cost in
                PositionTable.money(cost * Double(item.costPeriod.perYear) * Double(item.quantity ?? 0))
            }
            return """
                <tr><td>\(item.id.rawValue)</td>
                <td><a href="/products/\(percentEncoded(item.product.rawValue))">\(item.product.rawValue)</a></td>
                <td class="number">\(item.unlimited ? "unlimited" : item.quantity.map { PositionTable.grouped($0) } ?? "")</td>
                <td class="nowrap">\(item.end?.description ?? "with the contract")</td>
                <td>\(item.costPeriod == .once ? "one-off" : "subscription (\(item.costPeriod.rawValue))")</td>
                <td class="number">\(annual ?? "")</td></tr>
                """
        }
        let documentRows = documents.html { document in
            """
            <tr><td><a href="/documents/\(String(document.id))" download>\(document.name)</a></td>
            <td class="number">\(document.size)</td><td>\(document.added.description)</td><td>\(document.actor)</td>
            <td><span class="digest">\(document.sha256)</span></td></tr>
            """
        }
        let editable = web.principal.may(.edit)
        let path = "/contracts/" + percentEncoded(id.rawValue)
        let edit: HTML =
            editable ? "<p><a class=\"edit-control button secondary\" href=\"\(path)/edit\">Edit</a></p>" : ""
        let attach: HTML =
            editable
            ? """
            <form id="attach-form" class="record" method="post" action="\(path)/documents" enctype="multipart/form-data">
            \(shell.csrfField)<div class="field"><label for="file">File (PDF or any file, up to 64 MB)</label>
            <input id="file" name="file" type="file" required></div>
            <div class="field"><label for="document-name">Name <span class="muted">(blank: the file's)</span></label>
            <input id="document-name" name="name"></div>
            <div class="field"><button class="edit-control" type="submit">Attach</button></div></form>
            """ : ""
        let notice: HTML =
            web.query("saved") != nil
            ? "<p id=\"notice\" class=\"notice\" role=\"status\">Saved.</p>"
            : web.query("attached") != nil
                ? "<p id=\"notice\" class=\"notice\" role=\"status\">Attached.</p>" : ""
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return shell.page(
            "Contract \(id.rawValue)", section: "/contracts", status: status,
            """
            <h1>Contract \(id.rawValue)</h1>\(notice)\(alert)
            <div class="columns"><section class="card"><h2>Terms</h2>
            <table id="contract"><tbody>\(factRows)</tbody></table>\(edit)</section>
            <section class="card"><h2>Documents</h2><div class="scroll"><table id="documents">
            <thead><tr><th scope="col">Name</th><th scope="col" class="number">Bytes</th><th scope="col">Attached</th>
            <th scope="col">By</th><th scope="col">SHA-256</th></tr></thead>
            <tbody>\(documents.isEmpty ? "<tr><td colspan=\"5\">None yet.</td></tr>" : documentRows)</tbody></table></div>
            \(attach)</section></div>
            <section class="card"><h2>Entitlements</h2><div class="scroll"><table id="contract-entitlements">
            <thead><tr><th scope="col">Entitlement</th><th scope="col">Product</th><th scope="col" class="number">Units</th>
            <th scope="col">Ends</th><th scope="col">Paid</th><th scope="col" class="number">A year</th></tr></thead>
            <tbody>\(entitlements.isEmpty ? "<tr><td colspan=\"6\">None names this contract.</td></tr>" : entitlementRows)</tbody>
            </table></div></section>
            """)
    }

    private func contractFormPage(_ web: WebRequest, _ form: ContractForm, isNew: Bool) -> Response {
        let shell = PageShell(principal: web.principal)
        let id = form.values["id"] ?? ""
        let title = isNew ? "Add a contract" : "Edit contract \(id)"
        let action = isNew ? "/contracts/new" : "/contracts/\(percentEncoded(id))/edit"
        return shell.page(
            title, section: "/contracts", status: form.errors.isEmpty ? .ok : .unprocessableContent,
            """
            <h1>\(title)</h1>
            <section class="card">\(form.html(action: action, isNew: isNew, shell: shell))</section>
            """)
    }
}
