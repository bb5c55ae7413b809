import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyCore
import TallyFormats
import Testing

@testable import TallyServer

/// The chargeback over HTTP: JSON, CSV and the workbook for the roles that read everything, refusals that name their
/// field, and the page with its downloads.
@Suite("Chargeback route")
struct ChargebackRouteTests {
    @Test("A manager downloads the workbook of 2026; a viewer may not")
    func workbook() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let uri = "/api/v1/reports/chargeback?period=2026&format=xlsx"
            let response = try await client.execute(
                uri: uri, method: .get, headers: .bearer(served.tokens["manager"]!))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == API.xlsxType)
            #expect(
                response.headers[.contentDisposition] == #"attachment; filename="tally-chargeback-2026.xlsx""#)
            let bytes = Array(buffer: response.body)
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            let report = try await served.operations.chargeback(period: ChargebackPeriod(year: 2026))
            #expect(bytes == (try ChargebackOutput.xlsx(report)), "the route serves the operation's report")

            let viewer = try await client.execute(uri: uri, method: .get, headers: .bearer(served.tokens["viewer"]!))
            #expect(viewer.status == .forbidden)
        }
    }

    @Test("JSON by default, CSV as an attachment, rolled up on request; a bad period is a 422 naming it")
    func formats() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let headers = HTTPFields.bearer(served.tokens["auditor"]!)
            let json = try await client.execute(
                uri: "/api/v1/reports/chargeback?rollup=true", method: .get, headers: headers)
            #expect(json.status == .ok && json.headers[.contentType] == "application/json")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any])
            // The current year by default, seen from the server's day (2026-11-29), departments rolled up.
            #expect(object["period"] as? String == "2026" && object["positionDay"] as? String == "2026-11-29")
            let rows = try #require(object["rows"] as? [[String: Any]])
            #expect(!rows.contains { $0["department"] as? String == "eng-platform" })
            #expect(rows.contains { $0["row"] as? String == "(unused)" })

            let csv = try await client.execute(
                uri: "/api/v1/reports/chargeback?period=2026-11&format=csv", method: .get, headers: headers)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv")
            #expect(csv.headers[.contentDisposition] == #"attachment; filename="tally-chargeback-2026-11.csv""#)
            #expect(csv.body.text.hasPrefix("department,name,costCenter,parent,oneOff,recurring,total,units\r\n"))

            let bad = try await client.execute(
                uri: "/api/v1/reports/chargeback?period=2026-13", method: .get, headers: headers)
            #expect(bad.status == .unprocessableContent && bad.body.text.contains(#""field": "period""#))
            let format = try await client.execute(
                uri: "/api/v1/reports/chargeback?format=pdf", method: .get, headers: headers)
            #expect(format.status == .badRequest && format.body.text.contains(#""field": "format""#))
        }
    }

    @Test("The page shows the rows and the total, offers the downloads, and puts a bad period beside its field")
    func page() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(served.tokens["auditor"]!)"]
            let response = try await client.execute(
                uri: "/reports/chargeback?period=2026&rollup=on", method: .get, headers: headers)
            #expect(response.status == .ok)
            let page = response.body.text
            #expect(page.contains(#"<a href="/reports/chargeback" aria-current="page">Chargeback</a>"#))
            #expect(page.contains(#"<th scope="row">(unused)</th>"#) && page.contains("<tfoot>"))
            #expect(page.contains("/api/v1/reports/chargeback?period=2026&amp;rollup=true&amp;format=xlsx"))
            #expect(page.contains(#"id="rollup" name="rollup" type="checkbox" value="on" checked"#))
            #expect(!page.contains("<script"))
            let wrong = try await client.execute(
                uri: "/reports/chargeback?period=soon", method: .get, headers: headers)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.text.contains(#"aria-invalid="true" aria-describedby="period-error""#))
        }
    }
}
