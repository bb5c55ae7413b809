import Foundation
import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Changes to the estate, one operation each, with the same checks as the command line.
extension API {
    var editRoutes: [Route] {
        [
            Route(
                .patch, "/api/v1/entitlements/{id}", .edit, "Change an entitlement; what is not given stays",
                body: .json
            ) {
                request, context, principal in
                let id = try context.parameters.require("id")
                let change = try await decode(EntitlementEdit.self, request).change()
                let item = try await operations.editEntitlement(.init(id), change, by: principal!.caller)
                return record(item) { EstateFile.object($0, into: &$1) }
            },
            Route(
                .post, "/api/v1/entitlements/{id}/retire", .edit, "End an entitlement on a day (default: today)",
                body: .json
            ) {
                request, context, principal in
                try await retiring(request, context, as: "end") { id, day in
                    try await operations.retireEntitlement(.init(id), on: day, by: principal!.caller)
                }
            },
            Route(.post, "/api/v1/products", .edit, "Add a product", body: .json, success: .created) {
                request, _, principal in
                let body = try await decode(ProductEdit.self, request)
                guard let id = body.id else { throw Problem(.badRequest, "the body has no \"id\"", field: "id") }
                let item = try body.change().applied(to: Product(id: .init(id)))
                try await operations.addProduct(item, by: principal!.caller)
                return record(item, status: .created) { EstateFile.object($0, into: &$1) }
            },
            Route(
                .patch, "/api/v1/products/{id}", .edit, "Change a product's publisher, name, metric or price",
                body: .json
            ) {
                request, context, principal in
                let id = try context.parameters.require("id")
                let change = try await decode(ProductEdit.self, request).change()
                let item = try await operations.editProduct(.init(id), change, by: principal!.caller)
                return record(item) { EstateFile.object($0, into: &$1) }
            },
            Route(
                .post, "/api/v1/devices/{id}/retire", .edit, "Retire a device from a day (default: today)", body: .json
            ) {
                request, context, principal in
                try await retiring(request, context, as: "retired") { id, day in
                    try await operations.retireDevice(.init(id), on: day, by: principal!.caller)
                }
            },
            Route(
                .post, "/api/v1/people/{id}/retire", .edit, "Retire a person who left, from a day (default: today)",
                body: .json
            ) {
                request, context, principal in
                try await retiring(request, context, as: "retired") { id, day in
                    try await operations.retirePerson(.init(id), on: day, by: principal!.caller)
                }
            },
            Route(
                .post, "/api/v1/assignments", .edit, "Assign a product to a person or a device", body: .json,
                success: .created
            ) {
                request, _, principal in
                let assignment = try await decode(AssignmentBody.self, request).assignment()
                try await operations.assign(assignment, by: principal!.caller)
                return json(AssignmentBody.json(assignment), status: .created)
            },
            Route(.post, "/api/v1/assignments/remove", .edit, "Take back one assignment of a product", body: .json) {
                request, _, principal in
                let assignment = try await decode(AssignmentBody.self, request).assignment()
                try await operations.unassign(assignment, by: principal!.caller)
                return json(AssignmentBody.json(assignment))
            },
        ]
    }

    /// One record, written by `write` (the estate format's writer for its kind).
    func record<Item>(
        _ item: Item, status: HTTPResponse.Status = .ok, _ write: (Item, inout JSONWriter) -> Void
    ) -> Response {
        var out = JSONWriter(reservingCapacity: 512)
        write(item, &out)
        return json(out.bytes, status: status)
    }

    /// Retires the record the path names from the day the body gives (`{"on": "YYYY-MM-DD"}`; an empty body or no
    /// `on`: today), and answers `{"id", KEY: day}`.
    func retiring(
        _ request: Request, _ context: ServerContext, as key: String,
        _ retire: (String, Day) async throws -> Void
    ) async throws -> Response {
        struct Body: Decodable { var on: String? }
        let id = try context.parameters.require("id")
        let buffer = try await request.body.collect(upTo: 4096)
        var on = operations.clock().day
        if buffer.readableBytes > 0, let text = try decodeBody(Body.self, buffer).on { on = try day(text, field: "on") }
        try await retire(id, on)
        return json(JSONWriter.object([("id", .string(id)), (key, .string(on.description))]))
    }
}

/// A day given in a body, or a 422 naming the field.
func day(_ text: String, field: String) throws -> Day {
    guard let day = Day(text) else { throw Problem(.unprocessableContent, "not a date (YYYY-MM-DD)", field: field) }
    return day
}

/// The values of an entitlement an add or edit may give (an add gives its id too).
struct EntitlementEdit: Decodable {
    var id: String?
    var product: String?
    var quantity: Int?
    var unlimited: Bool?
    var version: String?
    var downgrade: Bool?
    var start: String?
    var end: String?
    var scope: String?
    var unitCost: Double?
    var currency: String?
    var costPeriod: String?
    var vendor: String?
    var contract: String?
    var purchaseOrder: String?
    var notes: String?

    func change() throws -> EntitlementChange {
        var change = EntitlementChange()
        change.product = product.map { .init($0) }
        change.quantity = quantity
        change.unlimited = unlimited
        change.version = version
        change.downgrade = downgrade
        change.start = try start.map { try day($0, field: "start") }
        change.end = try end.map { try day($0, field: "end") }
        change.scope = scope
        change.unitCost = unitCost
        change.currency = currency
        change.costPeriod = try costPeriod.map { text in
            guard let period = Entitlement.CostPeriod(rawValue: text) else {
                throw Problem(.unprocessableContent, "a cost period is once, month or year", field: "costPeriod")
            }
            return period
        }
        change.vendor = vendor
        change.contract = contract
        change.purchaseOrder = purchaseOrder
        change.notes = notes
        return change
    }
}

/// The values of a product an add or edit may give.
struct ProductEdit: Decodable {
    var id: String?
    var publisher: String?
    var name: String?
    var metric: String?
    var rule: String?
    var unitPrice: Double?

    func change() throws -> ProductChange {
        var change = ProductChange()
        change.publisher = publisher
        change.name = name
        change.unitPrice = unitPrice
        change.metric = try metric.map { text in
            guard let metric = License.Metric(rawValue: text) else {
                throw Problem(
                    .unprocessableContent,
                    "a metric is one of " + License.Metric.allCases.map(\.rawValue).joined(separator: ", "),
                    field: "metric")
            }
            return metric
        }
        change.rule = try rule.map { text in
            guard let rule = LicenseRule(rawValue: text) else {
                throw Problem(.unprocessableContent, "there is no rule template \"\(text)\"", field: "rule")
            }
            return rule
        }
        return change
    }
}

/// `{"product", "person"}` or `{"product", "device"}`.
struct AssignmentBody: Decodable {
    var product: String
    var person: String?
    var device: String?

    func assignment() throws -> Assignment {
        switch (person, device) {
        case (let person?, nil): Assignment(product: .init(product), assignee: .person(.init(person)))
        case (nil, let device?): Assignment(product: .init(product), assignee: .device(.init(device)))
        default: throw Problem(.unprocessableContent, "name exactly one of person or device", field: "person")
        }
    }

    static func json(_ assignment: Assignment) -> String {
        switch assignment.assignee {
        case .person(let id):
            JSONWriter.object(["product": .string(assignment.product.rawValue), "person": .string(id.rawValue)])
        case .device(let id):
            JSONWriter.object(["product": .string(assignment.product.rawValue), "device": .string(id.rawValue)])
        }
    }
}
