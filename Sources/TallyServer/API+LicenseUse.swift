import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// What license servers and inventories tell: usage, denials, pools, import batches, and the catalog's review.
extension API {
    var licenseUseRoutes: [Route] {
        [
            Route(
                .get, "/api/v1/usage", .readAll, "Concurrent use per product: peaks, hours, by day, week or month",
                query: ["product", "from", "to", "by"]
            ) {
                request, _, _ in
                let selection = try usageSelection(request)
                let period = try request.uri.queryParameters.get("by").map { text in
                    guard let period = UsagePeriod(rawValue: text) else { throw invalid("by", text) }
                    return period
                }
                guard let usage = try await operations.usage(selection, by: period) else {
                    return json(#"{"products": []}"#)
                }
                return json(UsageOutput.json(usage.report, by: period))
            },
            Route(
                .get, "/api/v1/denials", .readAll, "Denied checkouts per product, user and host",
                query: ["product", "from", "to"]
            ) { request, _, _ in
                let groups = try await operations.denials(try usageSelection(request)) ?? []
                return json(DenialOutput.json(groups))
            },
            Route(
                .get, "/api/v1/pools", .readAll, "The license servers' pools as last sampled, against ownership",
                query: ["product"]
            ) {
                request, _, _ in
                let product = request.uri.queryParameters.get("product").map { Product.ID($0) }
                return json(PoolOutput.json(try await operations.pools(product: product)))
            },
            Route(
                .get, "/api/v1/imports", .readAll, "Import batches, newest first: file, digest, who, when, counts",
                query: ["limit", "cursor"]
            ) {
                request, _, _ in
                let paging = try Paging(request)
                let page = try await operations.batches(paging.page)
                return paging.response(page) { batch, out in
                    out.raw(
                        JSONWriter.object([
                            "id": .int(Int(batch.id)), "source": .string(batch.source), "digest": .string(batch.digest),
                            "at": .string(batch.at), "actor": .string(batch.actor), "mode": .string(batch.mode),
                            "inserted": .int(batch.counts.inserted), "updated": .int(batch.counts.updated),
                            "unchanged": .int(batch.counts.unchanged), "removed": .int(batch.counts.removed),
                            "origin": .string(batch.origin),
                        ]))
                }
            },
            Route(
                .get, "/api/v1/catalog/unrecognized", .readAll, "Unrecognised titles, by the number of devices",
                query: ["limit"]
            ) {
                request, _, _ in
                let limit = try Paging(request).limit
                let titles = try await operations.unrecognizedTitles(limit: limit)
                return json(CatalogOutput.json(titles))
            },
            Route(
                .post, "/api/v1/catalog/accept", .edit,
                "Make a probably licensable title the product the review queue suggests, and apply it",
                body: .json,
                success: .created
            ) {
                request, _, principal in
                let body = try await decode(CatalogAcceptBody.self, request)
                let accepted = try await operations.acceptSuggestion(Product.ID(body.product), by: principal!.caller)
                let applied = accepted.applied
                return json(
                    JSONWriter.object([
                        "rule": .string(accepted.rule), "product": .string(body.product),
                        "titles": .int(applied.titles), "changed": .int(applied.changed),
                        "productsAdded": .int(applied.productsAdded),
                        "installationsBefore": .int(applied.installationsBefore),
                        "installationsAfter": .int(applied.installationsAfter),
                    ]), status: .created)
            },
            Route(
                .post, "/api/v1/catalog/rules", .edit, "Add a catalog rule and apply it to the titles kept",
                body: .json,
                success: .created
            ) {
                request, _, principal in
                let body = try await decode(CatalogRuleBody.self, request)
                let id = try await operations.addCatalogRule(body.request(), by: principal!.caller)
                let applied = try await operations.applyCatalog(by: principal!.caller)
                return json(
                    JSONWriter.object([
                        "rule": .string(id), "titles": .int(applied.titles), "changed": .int(applied.changed),
                        "productsAdded": .int(applied.productsAdded),
                        "installationsBefore": .int(applied.installationsBefore),
                        "installationsAfter": .int(applied.installationsAfter),
                    ]), status: .created)
            },
        ]
    }

    /// `product`, `from` and `to` (YYYY-MM-DD) from the query.
    func usageSelection(_ request: Request) throws -> UsageSelection {
        let query = request.uri.queryParameters
        func day(_ name: String) throws -> Day? {
            try query.get(name).map { text in
                guard let day = Day(text) else { throw Problem(.badRequest, "not a date (YYYY-MM-DD)", field: name) }
                return day
            }
        }
        return UsageSelection(product: query.get("product").map { .init($0) }, from: try day("from"), to: try day("to"))
    }
}

/// A catalog rule as a body gives it.
/// The suggested product of the review queue to accept.
struct CatalogAcceptBody: Decodable {
    var product: String
}

struct CatalogRuleBody: Decodable {
    var names: [String]
    var publishers: [String]?
    var product: String?
    var productName: String?
    var productPublisher: String?
    var version: String?
    var ignore: String?
    var componentOf: String?

    func request() -> CatalogRuleRequest {
        var request = CatalogRuleRequest(names: names)
        request.publishers = publishers ?? []
        request.product = product
        request.productName = productName
        request.productPublisher = productPublisher
        request.version = version
        request.ignore = ignore
        request.componentOf = componentOf
        return request
    }
}
