import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore

/// The evidence pack for a publisher's auditor, as one ZIP: the route, and what the web page's form shares with it.
extension API {
    var auditPackRoutes: [Route] {
        [
            Route(
                .get, "/api/v1/reports/audit", .audit,
                "A publisher's audit evidence pack on a day (`asOf`, today by default), as a ZIP file",
                query: ["publisher", "asOf"], answer: "application/zip"
            ) { request, _, _ in
                let query = request.uri.queryParameters
                return try zipDownload(try await auditPack(publisher: query.get("publisher"), asOf: query.get("asOf")))
            }
        ]
    }

    /// The pack a query asks for: a missing publisher or a date that is not one is a 422 naming its field, a
    /// publisher no product names a 404 that lists those there are.
    func auditPack(publisher: String?, asOf: String?) async throws -> AuditPack {
        guard let publisher = publisher?.trimmingCharacters(in: .whitespacesAndNewlines), !publisher.isEmpty else {
            throw Problem(.unprocessableContent, "give the publisher whose products are audited", field: "publisher")
        }
        let text = asOf?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let date = text.isEmpty ? nil : try day(text, field: "asOf")
        do throws(TallyError) {
            return try await operations.auditPack(publisher: publisher, asOf: date)
        } catch {
            guard case .notFound(kind: "publisher", let name) = error else { throw error }
            let known = try await operations.publishers()
            let those =
                known.isEmpty ? "no product names a publisher" : "the publishers are " + known.joined(separator: ", ")
            throw Problem(.notFound, "no product's publisher is \"\(name)\"; \(those)", field: "publisher")
        }
    }

    /// A pack as a download: `tally-audit-oracle-2026-11-29.zip`, never shown inline.
    func zipDownload(_ pack: AuditPack) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        // The name is ASCII letters, digits and dashes: nothing to quote or encode.
        headers[.contentDisposition] = "attachment; filename=\"\(pack.name).zip\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try pack.zip())))
    }
}
