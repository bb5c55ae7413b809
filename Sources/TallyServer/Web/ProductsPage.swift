import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The products with their positions: searched, filtered by status, publisher, metric and department, sorted by
/// exposure, shortfall or name, fifty to a page.
extension API {
    func productsPage(_ web: WebRequest) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let reconciliation = try await operations.latestPosition()
        let search = web.query("search")?.lowercased()
        let status = web.query("status").flatMap(ComplianceStatus.init(rawValue:))
        let metric = web.query("metric").flatMap(License.Metric.init(rawValue:))
        let publisher = web.query("publisher")?.lowercased()
        let order = web.query("sort").flatMap(ProductQuery.Order.init(rawValue:)) ?? .name
        // A viewer of one department sees its share alone; others may narrow the list to a department's share.
        let department = web.principal.department ?? web.query("department").map { Department.ID($0) }
        var shares: [Product.ID: DepartmentShare]?
        if let department { shares = await scopes.scope(of: department, in: reconciliation).shares }

        var rows: [(position: Position, share: DepartmentShare?)] = []
        for position in reconciliation.positions {
            let share = shares?[position.product]
            if shares != nil, share == nil { continue }
            let shownStatus = share.map { $0.shortfall > 0 ? ComplianceStatus.under : .compliant } ?? position.status
            guard status == nil || shownStatus == status, metric == nil || position.metric == metric,
                publisher.map({ position.publisher?.lowercased().contains($0) == true }) ?? true,
                search.map({ Self.matches(position, $0) }) ?? true
            else { continue }
            rows.append((position, share))
        }
        switch order {
        case .name:
            rows.sort {
                ($0.position.name ?? $0.position.product.rawValue).lowercased()
                    < ($1.position.name ?? $1.position.product.rawValue).lowercased()
            }
        case .exposure:
            rows.sort {
                ($0.position.exposure ?? 0, $1.position.product) > ($1.position.exposure ?? 0, $0.position.product)
            }
        case .shortfall:
            rows.sort {
                ($0.share?.shortfall ?? $0.position.shortfall, $1.position.product)
                    > ($1.share?.shortfall ?? $1.position.shortfall, $0.position.product)
            }
        }
        let pagination = Pagination(number: web.pageNumber, size: 50, total: rows.count)
        let kept: [(String, String?)] = [
            ("search", web.query("search")), ("status", status?.rawValue), ("publisher", web.query("publisher")),
            ("metric", metric?.rawValue), ("department", web.principal.department == nil ? department?.rawValue : nil),
            ("sort", order.rawValue),
        ]
        let currency = reconciliation.currency
        let showMoney = shares == nil
        let body = pagination.slice(rows).html { row in
            let position = row.position
            let status = row.share.map { $0.shortfall > 0 ? ComplianceStatus.under : .compliant } ?? position.status
            let money: HTML =
                showMoney
                ? """
                <td class="number">\(position.exposure.map { PositionTable.money($0) } ?? "no price")</td>
                <td class="number">\(PositionTable.money(position.surplusValue))</td>
                """ : ""
            return """
                <tr><td><a class="product-link" href="/products/\(percentEncoded(position.product.rawValue))">\(position.name ?? position.product.rawValue)</a>
                <br><span class="muted">\(position.product.rawValue)</span></td>
                <td>\(position.publisher ?? "")</td><td>\(position.metric.rawValue)</td>
                <td class="number">\(row.share?.demand ?? position.demand)</td>
                <td class="number">\(row.share?.covered ?? position.covered)</td>
                <td class="number">\(row.share?.shortfall ?? position.shortfall)</td>\(money)
                <td>\(Self.statusBadge(status))</td></tr>
                """
        }
        let moneyHeads: HTML =
            showMoney
            ? "<th scope=\"col\" class=\"number\">Exposure (\(currency ?? "-"))</th><th scope=\"col\" class=\"number\">Surplus value</th>"
            : ""
        let heading: HTML = department.map { "Products used in \($0.rawValue)" } ?? "Products"
        return shell.page(
            "Products", section: "/products",
            """
            <h1>\(heading)</h1>
            \(productFilters(web, status: status, metric: metric, order: order, department: department))
            <div class="scroll"><table id="products">
            <caption>\(rows.count) products</caption>
            <thead><tr><th scope="col">Product</th><th scope="col">Publisher</th><th scope="col">Metric</th>
            <th scope="col" class="number">Demand</th><th scope="col" class="number">Covered</th>
            <th scope="col" class="number">Shortfall</th>\(moneyHeads)<th scope="col">Status</th></tr></thead>
            <tbody>\(rows.isEmpty ? "<tr><td colspan=\"9\">No product matches.</td></tr>" : body)</tbody></table></div>
            \(pagination.links("/products", kept))
            """)
    }

    private func productFilters(
        _ web: WebRequest, status: ComplianceStatus?, metric: License.Metric?, order: ProductQuery.Order,
        department: Department.ID?
    ) -> HTML {
        let statuses = Self.options(ComplianceStatus.allCases.map(\.rawValue), selected: status?.rawValue, any: "Any")
        let metrics = Self.options(License.Metric.allCases.map(\.rawValue), selected: metric?.rawValue, any: "Any")
        let orders = Self.options(ProductQuery.Order.allCases.map(\.rawValue), selected: order.rawValue, any: nil)
        let departmentField: HTML =
            web.principal.department == nil
            ? """
            <div class="field"><label for="department">Department</label>
            <input id="department" name="department" value="\(department?.rawValue ?? "")" size="12"></div>
            """ : ""
        return """
            <form id="product-filter" class="filters" method="get" action="/products" role="search">
            <div class="field"><label for="search">Search</label>
            <input id="search" name="search" type="search" value="\(web.query("search") ?? "")" placeholder="Name or id"></div>
            <div class="field"><label for="status">Status</label><select id="status" name="status">\(statuses)</select></div>
            <div class="field"><label for="publisher">Publisher</label>
            <input id="publisher" name="publisher" value="\(web.query("publisher") ?? "")" size="14"></div>
            <div class="field"><label for="metric">Metric</label><select id="metric" name="metric">\(metrics)</select></div>
            \(departmentField)
            <div class="field"><label for="sort">Sort by</label><select id="sort" name="sort">\(orders)</select></div>
            <div class="field"><button id="filter-button" type="submit">Show</button></div>
            </form>
            """
    }

    static func matches(_ position: Position, _ search: String) -> Bool {
        position.product.rawValue.lowercased().contains(search)
            || position.name?.lowercased().contains(search) == true
            || position.publisher?.lowercased().contains(search) == true
    }

    /// `<option>`s of `values`, `selected` marked, with a first empty option named `any` where one is given.
    static func options(_ values: [String], selected: String?, any: String?) -> HTML {
        let first: HTML = any.map { "<option value=\"\">\($0)</option>" } ?? ""
        return first
            + values.html { value in
                "<option value=\"\(value)\"\(value == selected ? " selected" : "")>\(value)</option>"
            }
    }

    static func statusBadge(_ status: ComplianceStatus) -> HTML {
        "<span class=\"status status-\(status.rawValue)\">\(status.rawValue)</span>"
    }
}
