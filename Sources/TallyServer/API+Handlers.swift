import Foundation
import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

extension API {
    // MARK: Accounts and sessions

    struct Credentials: Decodable {
        var name: String
        var password: String
    }

    struct FirstAccount: Decodable {
        var token: String
        var name: String
        var password: String
    }

    struct NewAccount: Decodable {
        var name: String
        var role: Role
        var department: String?
        var password: String?
    }

    func createFirstAccount(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await decode(FirstAccount.self, request)
        try await createFirstAdmin(token: body.token, name: body.name, password: body.password)
        let accounts = try await operations.accounts()
        return json(Self.account(accounts[0], csrf: nil), status: .created)
    }

    func signIn(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await decode(Credentials.self, request)
        let grant = try await operations.signIn(name: body.name, password: body.password, address: context.address)
        var response = json(Self.account(grant.account, csrf: grant.csrf))
        response.setCookie(sessionCookie(grant.token, maxAge: Int(Operations.sessionLifetime), for: request))
        return response
    }

    func addAccount(_ request: Request, _ context: ServerContext, _ principal: Principal) async throws -> Response {
        let body = try await decode(NewAccount.self, request)
        let (account, password) = try await operations.addAccount(
            body.name, role: body.role, department: body.department.map { .init($0) }, password: body.password,
            by: principal.caller)
        var out = JSONWriter(reservingCapacity: 256)
        out.raw(#"{"account": "#)
        out.raw(Self.account(account, csrf: nil))
        out.raw(#", "password": "#)
        out.string(password)
        out.raw("}")
        return json(out.bytes, status: .created)
    }

    static func account(_ account: Account, csrf: String?) -> String {
        var fields: [(key: String, value: JSONValue)] = [
            ("name", .string(account.name)), ("role", .string(account.role.rawValue)),
            ("department", .string(account.department?.rawValue)), ("disabled", .bool(account.disabled)),
        ]
        if let csrf { fields.append(("csrf", .string(csrf))) }
        return JSONWriter.object(fields)
    }

    // MARK: Positions

    func positions(_ request: Request, _ principal: Principal) async throws -> Response {
        let query = request.uri.queryParameters
        let status = try query.get("status").map { text in
            guard let status = ComplianceStatus(rawValue: text) else { throw invalid("status", text) }
            return status
        }
        let metric = try query.get("metric").map { text in
            guard let metric = License.Metric(rawValue: text) else { throw invalid("metric", text) }
            return metric
        }
        let order = try query.get("sort").map { text in
            guard let order = ProductQuery.Order(rawValue: text) else { throw invalid("sort", text) }
            return order
        }
        let publisher = query.get("publisher")
        let reconciliation = try await operations.latestPosition()
        let paging = try Paging(request)
        let header = { (out: inout JSONWriter) in
            out.raw(#""asOf": "#)
            out.string(reconciliation.asOf.description)
            out.raw(#", "currency": "#)
            out.optionalString(reconciliation.currency)
            out.raw(", ")
        }
        if let department = principal.department {
            // A viewer of one department: its consumers' demand and coverage, organisation-wide supply not shown.
            let scope = await scopes.scope(of: department, in: reconciliation)
            var shares = reconciliation.positions.compactMap { position -> (Position, DepartmentShare)? in
                guard let share = scope.shares[position.product],
                    status == nil || (share.shortfall > 0 ? ComplianceStatus.under : .compliant) == status,
                    metric == nil || position.metric == metric,
                    publisher == nil || position.publisher?.lowercased() == publisher?.lowercased()
                else { return nil }
                return (position, share)
            }
            if order == .shortfall { shares.sort { ($0.1.shortfall, $1.0.product) > ($1.1.shortfall, $0.0.product) } }
            let page = Page(items: Array(shares.dropFirst(paging.offset).prefix(paging.limit)), total: shares.count)
            return paging.response(page, header: header) { item, out in
                out.raw(Self.share(item.1, of: item.0, in: department))
            }
        }
        var positions = reconciliation.positions.filter { position in
            (status == nil || position.status == status) && (metric == nil || position.metric == metric)
                && (publisher == nil || position.publisher?.lowercased() == publisher?.lowercased())
        }
        switch order ?? .name {
        case .name: break
        case .exposure: positions.sort { ($0.exposure ?? 0, $1.product) > ($1.exposure ?? 0, $0.product) }
        case .shortfall: positions.sort { ($0.shortfall, $1.product) > ($1.shortfall, $0.product) }
        }
        let page = Page(items: Array(positions.dropFirst(paging.offset).prefix(paging.limit)), total: positions.count)
        return paging.response(page, header: header) { position, out in PositionJSON.position(position, into: &out) }
    }

    func product(_ context: ServerContext, _ principal: Principal) async throws -> Response {
        let id = try context.parameters.require("id")
        let reconciliation = try await operations.latestPosition()
        var share: DepartmentShare?
        if let department = principal.department {
            share = await scopes.scope(of: department, in: reconciliation).shares[Product.ID(id)]
        }
        guard let position = reconciliation.positions.first(where: { $0.product.rawValue == id }),
            principal.department == nil || share != nil
        else { throw TallyError.notFound(kind: "product", id: id) }
        let listing = try await operations.products(ProductQuery(search: id, page: PageRequest(limit: 500)))
        var out = JSONWriter(reservingCapacity: 4096)
        out.raw(#"{"product": "#)
        if let product = listing.items.first(where: { $0.product.id == position.product })?.product {
            EstateFile.object(product, into: &out)
        } else {
            out.raw("null")
        }
        out.raw(#", "position": "#)
        if let share, let department = principal.department {
            out.raw(Self.share(share, of: position, in: department))
        } else {
            PositionJSON.position(position, into: &out)
        }
        out.raw(#", "entitlements": ["#)
        if principal.department == nil {
            for (i, use) in reconciliation.entitlements.filter({ $0.product == position.product }).enumerated() {
                if i > 0 { out.raw(", ") }
                PositionJSON.entitlement(use, into: &out)
            }
        }
        out.raw("]}")
        return json(out.bytes)
    }

    /// A department's share of a product's position: its consumers' demand and coverage, not the organisation's
    /// supply, surplus or exposure.
    static func share(_ share: DepartmentShare, of position: Position, in department: Department.ID) -> String {
        JSONWriter.object([
            "product": .string(position.product.rawValue), "metric": .string(position.metric.rawValue),
            "department": .string(department.rawValue), "consumers": .int(share.consumers),
            "demand": .int(share.demand), "covered": .int(share.covered), "shortfall": .int(share.shortfall),
            "status": .string(share.shortfall > 0 ? "under" : "compliant"),
        ])
    }

    func consumers(_ request: Request, _ context: ServerContext, _ principal: Principal) async throws -> Response {
        let id = try context.parameters.require("id")
        let reconciliation = try await operations.latestPosition()
        guard reconciliation.positions.contains(where: { $0.product.rawValue == id }) else {
            throw TallyError.notFound(kind: "product", id: id)
        }
        let search = request.uri.queryParameters.get("search")?.lowercased()
        let all = reconciliation.consumers
        var departments: Set<Department.ID>?
        if let department = principal.department {
            departments = await scopes.scope(of: department, in: reconciliation).departments
        }
        var indices = Array(all.indices(of: Product.ID(id)))
        if departments != nil || search != nil {
            indices = indices.filter { index in
                let consumer = all[index]
                return (departments.map { consumer.department.map($0.contains) ?? false } ?? true)
                    && (search.map { consumer.key.lowercased().contains($0) } ?? true)
            }
        }
        let paging = try Paging(request)
        let shown = Array(indices.dropFirst(paging.offset).prefix(paging.limit)).map { all[$0] }
        return paging.response(Page(items: shown, total: indices.count)) { consumer, out in
            PositionJSON.consumer(consumer, into: &out)
        }
    }

    // MARK: Records

    func entitlements(_ request: Request) async throws -> Response {
        let paging = try Paging(request)
        let query = EntitlementQuery(
            search: request.uri.queryParameters.get("search"),
            product: request.uri.queryParameters.get("product").map { .init($0) }, page: paging.page)
        let page = try await operations.entitlements(query)
        return paging.response(page) { item, out in EstateFile.object(item, into: &out) }
    }

    /// Adds an entitlement from the same values an edit takes, with its id and product.
    func addEntitlement(_ request: Request, _ context: ServerContext, _ principal: Principal) async throws -> Response {
        let body = try await decode(EntitlementEdit.self, request)
        guard let id = body.id else { throw Problem(.badRequest, "the body has no \"id\"", field: "id") }
        guard body.product != nil else { throw Problem(.badRequest, "the body has no \"product\"", field: "product") }
        let item = try body.change().applied(to: Entitlement(id: .init(id), product: "", quantity: nil))
        try await operations.addEntitlement(item, by: principal.caller)
        return record(item, status: .created) { EstateFile.object($0, into: &$1) }
    }

    /// A page of records searched by `search`, each written as the estate format writes it.
    func records<Item: Sendable>(
        _ request: Request, _ list: (RecordQuery) async throws(TallyError) -> Page<Item>,
        _ write: (Item, inout JSONWriter) -> Void
    ) async throws -> Response {
        let paging = try Paging(request)
        let page = try await list(RecordQuery(search: request.uri.queryParameters.get("search"), page: paging.page))
        return paging.response(page, write)
    }

    // MARK: History and audit

    func history() async throws -> Response {
        let snapshots = try await operations.history()
        let items = snapshots.map { snapshot in
            JSONWriter.object([
                "id": .int(Int(snapshot.id)), "asOf": .string(snapshot.asOf.description),
                "takenAt": .string(snapshot.takenAt.description), "exposure": .decimal(snapshot.exposure),
                "surplusValue": .decimal(snapshot.surplusValue), "productsUnder": .int(snapshot.productsUnder),
                "automatic": .bool(snapshot.automatic),
            ])
        }
        return json("[" + items.joined(separator: ", ") + "]")
    }

    func audit(_ request: Request) async throws -> Response {
        let entries = try await operations.auditLog(
            entity: request.uri.queryParameters.get("entity"), id: request.uri.queryParameters.get("id"))
        let paging = try Paging(request)
        let page = Page(items: Array(entries.dropFirst(paging.offset).prefix(paging.limit)), total: entries.count)
        return paging.response(page) { entry, out in
            out.raw(
                JSONWriter.object([
                    "sequence": .int(Int(entry.sequence)), "at": .string(entry.at), "actor": .string(entry.actor),
                    "entity": .string(entry.entity), "id": .string(entry.entityID), "action": .string(entry.action),
                    "before": entry.before.map { .json($0) } ?? .string(nil),
                    "after": entry.after.map { .json($0) } ?? .string(nil), "hash": .string(entry.hash),
                ]))
        }
    }

    func verify() async throws -> Response {
        let result = try await operations.verifyAuditTrail()
        switch result {
        case .intact(let entries):
            return json(JSONWriter.object(["intact": .bool(true), "entries": .int(entries)]))
        case .broken(let sequence, let reason):
            return json(
                JSONWriter.object([
                    "intact": .bool(false), "brokenAt": .int(Int(sequence)), "reason": .string(reason),
                ]))
        case .dataDiffers(let collections):
            return json(
                JSONWriter.object([
                    "intact": .bool(false), "reason": .string("the data differs from what the trail records"),
                    "collections": .strings(collections),
                ]))
        }
    }

    // MARK: Requests

    /// The JSON body as `T`: at most 1 MB, and a 400 that names the field at fault.
    func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        try decodeBody(T.self, try await request.body.collect(upTo: 1 << 20))
    }

    /// A body already read, as `T`.
    func decodeBody<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let DecodingError.keyNotFound(key, _) {
            throw Problem(.badRequest, "the body has no \"\(key.stringValue)\"", field: key.stringValue)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Problem(.badRequest, "\"\(field)\" has a value of the wrong kind", field: field)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw Problem(.badRequest, "\"\(field)\" has a value this route does not know", field: field)
        } catch {
            throw Problem(.badRequest, "the body is not a JSON object")
        }
    }

    func invalid(_ parameter: String, _ value: String) -> Problem {
        Problem(.badRequest, "\"\(value)\" is not a value \(parameter) takes", field: parameter)
    }
}
