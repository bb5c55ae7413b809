import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import Testing

@testable import TallyServer

/// The audit evidence pack over HTTP: a ZIP download for the roles that may audit, refusals that name their field.
@Suite("Audit pack route")
struct AuditPackRouteTests {
    @Test("An auditor downloads the pack as a ZIP named after the publisher and the day; a viewer may not")
    func download() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let uri = "/api/v1/reports/audit?publisher=oracle&asOf=2026-11-29"
            let response = try await client.execute(
                uri: uri, method: .get, headers: .bearer(served.tokens["auditor"]!))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/zip")
            #expect(
                response.headers[.contentDisposition]
                    == #"attachment; filename="tally-audit-oracle-2026-11-29.zip""#)
            let bytes = Array(buffer: response.body)
            // A ZIP archive's local file header, and the pack's names in its directory.
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let text = String(decoding: bytes, as: UTF8.self)
            for name in ["README.txt", "summary.html", "evidence.csv", "SHA256SUMS"] {
                #expect(text.contains(name), "\(name) is in the ZIP")
            }
            let pack = try await served.operations.auditPack(publisher: "Oracle", asOf: ServedStore.asOf)
            #expect(bytes == (try pack.zip()), "the route serves the operation's pack")

            let viewer = try await client.execute(uri: uri, method: .get, headers: .bearer(served.tokens["viewer"]!))
            #expect(viewer.status == .forbidden)
        }
    }

    @Test("A publisher no product names is a 404 listing those there are; a bad date a 422 naming asOf")
    func refusals() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let headers = HTTPFields.bearer(served.tokens["auditor"]!)
            let unknown = try await client.execute(
                uri: "/api/v1/reports/audit?publisher=Orcle", method: .get, headers: headers)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            #expect(unknown.body.text.contains(#"no product's publisher is \"Orcle\"; the publishers are Adobe,"#))
            #expect(unknown.body.text.contains(#""field": "publisher""#))
            let date = try await client.execute(
                uri: "/api/v1/reports/audit?publisher=Oracle&asOf=2026-02-30", method: .get, headers: headers)
            #expect(date.status == .unprocessableContent && date.body.text.contains(#""field": "asOf""#))
            let none = try await client.execute(uri: "/api/v1/reports/audit", method: .get, headers: headers)
            #expect(none.status == .unprocessableContent && none.body.text.contains(#""field": "publisher""#))
        }
    }

    @Test("The page offers the estate's publishers, downloads the same pack, and puts a bad date beside its field")
    func page() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(served.tokens["auditor"]!)"]
            let form = try await client.execute(uri: "/reports/audit", method: .get, headers: headers)
            #expect(form.status == .ok)
            let page = form.body.text
            #expect(page.contains(#"<option value="Oracle">Oracle</option>"#))
            #expect(page.contains(#"<a href="/reports/audit" aria-current="page">"#))
            #expect(page.contains("<dt>SHA256SUMS</dt>") && !page.contains("<script"))
            let download = try await client.execute(
                uri: "/reports/audit?publisher=Oracle&asOf=2026-11-29", method: .get, headers: headers)
            #expect(download.status == .ok && download.headers[.contentType] == "application/zip")
            let wrong = try await client.execute(
                uri: "/reports/audit?publisher=Oracle&asOf=soon", method: .get, headers: headers)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.text.contains(#"aria-invalid="true" aria-describedby="asOf-error""#))
        }
    }
}
