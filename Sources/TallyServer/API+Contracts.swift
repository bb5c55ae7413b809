import Foundation
import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Contracts, their documents, and the renewals coming up.
extension API {
    var contractRoutes: [Route] {
        [
            Route(.get, "/api/v1/contracts", .readAll, "The contracts, by id") { _, _, _ in
                let contracts = try await operations.contracts()
                var out = JSONWriter(reservingCapacity: 4096)
                out.raw(#"{"items": ["#)
                for (i, contract) in contracts.enumerated() {
                    if i > 0 { out.raw(", ") }
                    EstateFile.object(contract, into: &out)
                }
                out.raw("]}")
                return json(out.bytes)
            },
            Route(.post, "/api/v1/contracts", .edit, "Add a contract", body: .json, success: .created) {
                request, _, principal in
                let body = try await decode(ContractEdit.self, request)
                guard let id = body.id else { throw Problem(.badRequest, "the body has no \"id\"", field: "id") }
                let item = try body.change().applied(to: Contract(id: .init(id)))
                try await operations.addContract(item, by: principal!.caller)
                return record(item, status: .created) { EstateFile.object($0, into: &$1) }
            },
            Route(.get, "/api/v1/contracts/{id}", .readAll, "A contract with its entitlements and documents") {
                _, context, _ in
                let id = Contract.ID(try context.parameters.require("id"))
                guard let contract = try await operations.contract(id) else {
                    throw TallyError.notFound(kind: "contract", id: id.rawValue)
                }
                let entitlements = try await operations.entitlements(of: id)
                let documents = try await operations.documents(of: id)
                var out = JSONWriter(reservingCapacity: 4096)
                out.raw(#"{"contract": "#)
                EstateFile.object(contract, into: &out)
                out.raw(#", "entitlements": ["#)
                for (i, item) in entitlements.enumerated() {
                    if i > 0 { out.raw(", ") }
                    EstateFile.object(item, into: &out)
                }
                out.raw(#"], "documents": ["#)
                out.raw(documents.map(Self.document).joined(separator: ", "))
                out.raw("]}")
                return json(out.bytes)
            },
            Route(.patch, "/api/v1/contracts/{id}", .edit, "Change a contract; what is not given stays", body: .json) {
                request, context, principal in
                let id = try context.parameters.require("id")
                let change = try await decode(ContractEdit.self, request).change()
                let item = try await operations.editContract(.init(id), change, by: principal!.caller)
                return record(item) { EstateFile.object($0, into: &$1) }
            },
            Route(
                .post, "/api/v1/contracts/{id}/documents", .edit,
                "Attach a document to a contract (the file is the body, its name the query)", query: ["name"],
                body: .file, success: .created
            ) { request, context, principal in
                let id = try context.parameters.require("id")
                let buffer = try await request.body.collect(upTo: context.maxUploadSize)
                let file = Upload(
                    name: request.uri.queryParameters.get("name") ?? "document", bytes: Array(buffer: buffer))
                let document = try await operations.attachDocument(to: .init(id), file, by: principal!.caller)
                return json(Self.document(document), status: .created)
            },
            Route(
                .get, "/api/v1/documents/{id}", .readAll,
                "Download a contract's document, as an attachment (never shown inline)"
            ) { _, context, _ in
                try await documentDownload(try context.parameters.require("id"))
            },
            Route(
                .get, "/api/v1/renewals", .readAll,
                "Contracts and entitlements ending or renewing within `within` days (default 90), with advice",
                query: ["within"]
            ) { request, _, _ in
                let days = try dayCount(request.uri.queryParameters.get("within"), field: "within", default: 90)
                let (renewals, currency) = try await operations.renewals(within: days)
                return json(RenewalOutput.json(renewals, currency: currency, within: days))
            },
        ]
    }

    /// A document's bytes as a download: an attachment of no type a browser would run or show.
    func documentDownload(_ text: String) async throws -> Response {
        guard let id = Int64(text) else { throw TallyError.notFound(kind: "document", id: text) }
        let (document, bytes) = try await operations.document(id)
        var headers = HTTPFields()
        headers[.contentType] = "application/octet-stream"
        headers[.contentDisposition] = "attachment; filename*=UTF-8''" + percentEncoded(document.name)
        headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func document(_ document: ContractDocument) -> String {
        JSONWriter.object([
            "id": .int(Int(document.id)), "contract": .string(document.contract.rawValue),
            "name": .string(document.name), "sha256": .string(document.sha256), "size": .int(document.size),
            "added": .string(document.added.description), "by": .string(document.actor),
            "download": .string("/api/v1/documents/\(document.id)"),
        ])
    }
}

/// The values of a contract an add or edit may give (an add gives its id too); `""` clears a text.
struct ContractEdit: Decodable {
    var id: String?
    var vendor: String?
    var number: String?
    var start: String?
    var end: String?
    var renewal: String?
    var noticeDays: Int?
    var autoRenew: Bool?
    var owner: String?
    var notes: String?

    func change() throws -> ContractChange {
        var change = ContractChange()
        change.vendor = vendor
        change.number = number
        change.owner = owner
        change.notes = notes
        change.start = try start.map { try day($0, field: "start") }
        change.end = try end.map { try day($0, field: "end") }
        change.renewal = try renewal.map { try day($0, field: "renewal") }
        change.noticeDays = noticeDays
        change.autoRenew = autoRenew
        return change
    }
}
