import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// One product: its position and license model, the entitlements and how much of each is used, every consumer
/// with why it is covered or not, its concurrent use against what is owned, its denials and its history.
extension API {
    static let consumersPerPage = 25

    func productPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let id = Product.ID(try web.parameter("id"))
        let reconciliation = try await operations.latestPosition()
        var share: DepartmentShare?
        var departments: Set<Department.ID>?
        if let department = web.principal.department {
            let scope = await scopes.scope(of: department, in: reconciliation)
            share = scope.shares[id]
            departments = scope.departments
        }
        guard let position = reconciliation.positions.first(where: { $0.product == id }),
            web.principal.department == nil || share != nil
        else { throw TallyError.notFound(kind: "product", id: id.rawValue) }
        let product = try await operations.product(id)
        let orgWide = web.principal.department == nil
        var content: HTML = """
            <h1>\(position.name ?? id.rawValue)</h1>
            <p class="muted">\(id.rawValue)\(position.publisher.map { " · " + $0 } ?? "") · licensed \(LicenseTerms.per(position.metric))</p>
            \(web.query("saved").map { "<p id=\"notice\" class=\"notice\" role=\"status\">Entitlement \($0) saved; the position below includes it.</p>" as HTML } ?? "")
            \(figures(position, share: share, currency: reconciliation.currency))
            """
        if let why = position.why, orgWide { content += "<p class=\"muted\">\(why)</p>" }
        if orgWide {
            content += "<div class=\"columns\">"
            content += licenseModel(product)
            content += entitlementUses(reconciliation.entitlements.filter { $0.product == id }, of: id, web.principal)
            content += "</div>"
        }
        content += consumers(web, id, reconciliation.consumers, departments)
        if web.principal.may(.readAll) {
            content += try await usage(id, reconciliation)
        }
        if orgWide { content += try await productHistory(id) }
        return shell.page(position.name ?? id.rawValue, section: "/products", content)
    }

    private func figures(_ position: Position, share: DepartmentShare?, currency: String?) -> HTML {
        func item(_ id: String, _ label: String, _ value: HTML) -> HTML {
            "<div class=\"figure\"><dt>\(label)</dt><dd id=\"\(id)\">\(value)</dd></div>"
        }
        if let share {
            return """
                <dl class="figures">\(item("demand", "Demand in the department", "\(share.demand)"))
                \(item("covered", "Covered", "\(share.covered)"))\(item("shortfall", "Shortfall", "\(share.shortfall)"))
                \(item("status", "Status", Self.statusBadge(share.shortfall > 0 ? .under : .compliant)))</dl>
                """
        }
        let supply: HTML = position.supply.map { "\($0)" } ?? "unlimited"
        return """
            <dl class="figures">\(item("demand", "Demand", "\(position.demand)"))
            \(item("covered", "Covered", "\(position.covered)"))\(item("shortfall", "Shortfall", "\(position.shortfall)"))
            \(item("supply", "Owned (active)", supply))\(item("surplus", "Unused", "\(position.surplus)"))
            \(item("exposure", "Exposure", "\(position.exposure.map { PositionTable.money($0, currency) } ?? "no price known")"))
            \(item("status", "Status", Self.statusBadge(position.status)))</dl>
            """
    }

    private func licenseModel(_ product: Product?) -> HTML {
        guard let product else { return "" }
        let rows = LicenseTerms.describe(product.license).html { term in
            "<tr><th scope=\"row\">\(term.name)</th><td>\(term.value)</td></tr>"
        }
        let price: HTML =
            product.unitPrice.map { "<tr><th scope=\"row\">Unit price</th><td>\(PositionTable.money($0))</td></tr>" }
            ?? ""
        let parts: HTML =
            product.components.isEmpty
            ? ""
            : "<tr><th scope=\"row\">Suite of</th><td>\(product.components.map(\.rawValue).joined(separator: ", "))</td></tr>"
        return """
            <section class="card"><h2>License model</h2><table id="license-model"><tbody>\(rows)\(price)\(parts)</tbody></table></section>
            """
    }

    private func entitlementUses(_ uses: [EntitlementUse], of product: Product.ID, _ principal: Principal) -> HTML {
        let editable = principal.may(.edit)
        let rows = uses.html { use in
            let edit: HTML =
                editable
                ? "<td><a class=\"edit-control\" href=\"/entitlements/\(percentEncoded(use.id.rawValue))/edit\">Edit</a></td>"
                : ""
            return """
                <tr><td>\(use.id.rawValue)</td><td>\(use.active ? "active" : "not active")</td>
                <td class="number">\(use.quantity.map { PositionTable.grouped($0) } ?? "unlimited")</td>
                <td class="number">\(use.used)</td><td class="number">\(use.unused)</td>\(edit)</tr>
                """
        }
        let add: HTML =
            editable
            ? "<p><a id=\"add-product-entitlement\" class=\"edit-control button secondary\" href=\"/entitlements/new?product=\(percentEncoded(product.rawValue))\">Add an entitlement</a></p>"
            : ""
        return """
            <section class="card"><h2>Entitlements</h2><div class="scroll"><table id="entitlements">
            <thead><tr><th scope="col">Entitlement</th><th scope="col">Term</th><th scope="col" class="number">Units</th>
            <th scope="col" class="number">Used</th><th scope="col" class="number">Unused</th>\(editable ? "<th scope=\"col\">Change</th>" as HTML : "")</tr></thead>
            <tbody>\(uses.isEmpty ? "<tr><td colspan=\"6\">None: every consumer is short.</td></tr>" : rows)</tbody></table></div>\(add)</section>
            """
    }

    private func consumers(
        _ web: WebRequest, _ product: Product.ID, _ all: ConsumerList, _ departments: Set<Department.ID>?
    ) -> HTML {
        let search = web.query("consumer")
        let needle = search?.lowercased()
        var indices = Array(all.indices(of: product))
        if departments != nil || needle != nil {
            indices = indices.filter { index in
                let consumer = all[index]
                return (departments.map { consumer.department.map($0.contains) ?? false } ?? true)
                    && (needle.map { consumer.key.lowercased().contains($0) } ?? true)
            }
        }
        let pagination = Pagination(number: web.pageNumber, size: Self.consumersPerPage, total: indices.count)
        let linked = web.principal.may(.readAll)
        let rows = pagination.slice(indices).html { index in
            let consumer = all[index]
            let allocated = consumer.allocated.map { "\($0.entitlement.rawValue) × \($0.units)" }.joined(
                separator: ", ")
            return """
                <tr><td class="nowrap">\(Self.consumerLink(consumer.key, linked: linked))</td><td class="number">\(consumer.units)</td>
                <td>\(consumer.department?.rawValue ?? "")</td><td class="nowrap">\(allocated.isEmpty ? "none" : allocated)</td>
                <td>\(consumer.why)</td></tr>
                """
        }
        let path = "/products/" + percentEncoded(product.rawValue)
        return """
            <section class="card"><h2 id="consumers-heading">Consumers</h2>
            <form id="consumer-search" class="filters" method="get" action="\(path)" role="search">
            <div class="field"><label for="consumer">Device or person</label>
            <input id="consumer" name="consumer" type="search" value="\(search ?? "")"></div>
            <div class="field"><button type="submit">Search</button></div></form>
            <p class="muted">Consumers: <span id="consumer-total">\(indices.count)</span>,
            <span id="consumer-page-size">\(Self.consumersPerPage)</span> to a page.</p>
            <div class="scroll"><table id="consumers" aria-labelledby="consumers-heading">
            <thead><tr><th scope="col">Consumer</th><th scope="col" class="number">Units</th><th scope="col">Department</th>
            <th scope="col">Covered by</th><th scope="col">Why</th></tr></thead>
            <tbody>\(indices.isEmpty ? "<tr><td colspan=\"5\">No consumer.</td></tr>" : rows)</tbody></table></div>
            \(pagination.links(path, [("consumer", search)], id: "consumer-pages", label: "Consumer pages"))
            </section>
            """
    }

    /// A consumer's key (`device:PC-1`, `person:ada`) linked to its record where the reader may open it.
    static func consumerLink(_ key: String, linked: Bool) -> HTML {
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        guard linked, parts.count == 2 else { return "\(key)" }
        switch parts[0] {
        case "device", "host": return "<a href=\"/devices/\(percentEncoded(parts[1]))\">\(key)</a>"
        case "person": return "<a href=\"/people/\(percentEncoded(parts[1]))\">\(key)</a>"
        default: return "\(key)"
        }
    }

    private func usage(_ product: Product.ID, _ reconciliation: Reconciliation) async throws -> HTML {
        let days = try await useCache.dailyFigures(of: product, operations, in: reconciliation)
        guard !days.isEmpty else { return "" }
        let chart = SVGChart(
            title: "Daily peak of concurrent use against licenses owned",
            labels: days.map(\.from.day.description),
            series: [
                .init(name: "Daily peak in use", values: days.map { Double($0.peak) }, color: "#174ea6"),
                .init(
                    name: "Licenses owned", values: days.map { $0.owned.map(Double.init) }, color: "#a3120b",
                    dashed: true, stepped: true),
            ])
        let denials = try await useCache.denials(operations, in: reconciliation, today: operations.clock().day)
            .filter { $0.product == product }
        let rows = denials.html { group in
            let users = group.users.prefix(3).map { "\($0.user) (\($0.count))" }.joined(separator: ", ")
            return """
                <tr><td>\(group.reason ?? "not given")</td><td class="number">\(group.count)</td><td>\(users)</td>
                <td class="number">\(group.hosts)</td><td>\(group.last.description)</td></tr>
                """
        }
        let denied = days.reduce(0) { $0 + $1.denials }
        return """
            <section class="card"><h2>Concurrent use</h2>
            <p class="muted">The last \(days.count) days with license-server records; \(denied) checkouts denied in them.</p>
            <div class="chart">\(HTML(trusted: chart.svg(id: "usage")))</div>
            <h3>Denials in the last 30 days</h3><div class="scroll"><table id="product-denials">
            <thead><tr><th scope="col">Reason</th><th scope="col" class="number">Denials</th><th scope="col">Users most denied</th>
            <th scope="col" class="number">Hosts</th><th scope="col">Last</th></tr></thead>
            <tbody>\(denials.isEmpty ? "<tr><td colspan=\"5\">None.</td></tr>" : rows)</tbody></table></div></section>
            """
    }

    private func productHistory(_ product: Product.ID) async throws -> HTML {
        let snapshots = try await operations.history(product: product).reversed().prefix(30)
        let rows = snapshots.html { snapshot in
            guard let position = snapshot.position else { return "" }
            return """
                <tr><td>\(snapshot.asOf.description)</td><td>\(snapshot.takenAt.description)</td>
                <td class="number">\(position.demand)</td><td class="number">\(position.covered)</td>
                <td class="number">\(position.shortfall)</td><td>\(position.status)</td></tr>
                """
        }
        return """
            <section class="card"><h2>History</h2><div class="scroll"><table id="history">
            <thead><tr><th scope="col">As of</th><th scope="col">Computed</th><th scope="col" class="number">Demand</th>
            <th scope="col" class="number">Covered</th><th scope="col" class="number">Shortfall</th><th scope="col">Status</th></tr></thead>
            <tbody>\(snapshots.isEmpty ? "<tr><td colspan=\"6\">No snapshot yet.</td></tr>" : rows)</tbody></table></div></section>
            """
    }
}
