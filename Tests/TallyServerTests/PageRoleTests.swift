import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import Testing

@testable import TallyServer

/// Every page, opened by nobody and by each role: nobody is sent to the sign-in page, a role that may not open it
/// gets a page that says so, and a page that may be opened shows no control its role may not use. A page added
/// without its row here fails the test.
@Suite("Pages by role")
struct PageRoleTests {
    /// The form to send (`{role}` is replaced by the caller's role), then the statuses for nobody, viewer, auditor,
    /// manager and admin.
    private struct Row {
        var form: String?
        var statuses: [Int]
    }

    private static let callers = ["", "viewer", "auditor", "manager", "admin"]

    private static let matrix: [String: Row] = [
        "GET /": Row(statuses: [303, 200, 200, 200, 200]),
        "GET /products": Row(statuses: [303, 200, 200, 200, 200]),
        "GET /products/{id}": Row(statuses: [303, 200, 200, 200, 200]),
        "GET /entitlements": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /entitlements/new": Row(statuses: [303, 403, 403, 200, 200]),
        "POST /entitlements/new": Row(
            form: "id=WEB-{role}&product={product}&quantity=2&costPeriod=once", statuses: [303, 403, 403, 303, 303]),
        "GET /entitlements/{id}/edit": Row(statuses: [303, 403, 403, 200, 200]),
        "POST /entitlements/{id}/edit": Row(
            form: "product={entitlementProduct}&quantity=3&costPeriod=once&notes=by+{role}",
            statuses: [303, 403, 403, 303, 303]),
        "POST /entitlements/{id}/retire": Row(form: "on=2026-12-31", statuses: [303, 403, 403, 303, 303]),
        "GET /contracts": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /contracts/new": Row(statuses: [303, 403, 403, 200, 200]),
        "POST /contracts/new": Row(
            form: "id=C-{role}&vendor=Contoso&noticeDays=30", statuses: [303, 403, 403, 303, 303]),
        "GET /contracts/{id}": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /contracts/{id}/edit": Row(statuses: [303, 403, 403, 200, 200]),
        "POST /contracts/{id}/edit": Row(form: "vendor=Contoso&notes=by+{role}", statuses: [303, 403, 403, 303, 303]),
        // Sent without a file: the page says so.
        "POST /contracts/{id}/documents": Row(form: "name=x", statuses: [303, 403, 403, 400, 400]),
        "GET /documents/{id}": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /renewals": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /rates": Row(statuses: [303, 403, 200, 200, 200]),
        "POST /rates": Row(form: "currency=USD&rate=0.9", statuses: [303, 403, 403, 303, 303]),
        "GET /reclaim": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /pools": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /forecast": Row(statuses: [303, 403, 200, 200, 200]),
        "POST /reclaim/marks": Row(form: "device={device}&product={product}", statuses: [303, 403, 403, 303, 303]),
        "GET /alerts": Row(statuses: [303, 403, 200, 200, 200]),
        "POST /alerts": Row(
            form: "kind=notice&stages=30&email={role}%40example.com", statuses: [303, 403, 403, 303, 303]),
        // The manager removes rule 1; the admin, second, finds it gone.
        "POST /alerts/{id}/remove": Row(form: "", statuses: [303, 403, 403, 303, 404]),
        "GET /devices": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /people": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /devices/{id}": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /people/{id}": Row(statuses: [303, 403, 200, 200, 200]),
        // The admin, second, repeats the manager's retirement: a conflict, which still says the role was let through.
        "POST /devices/{id}/retire": Row(form: "", statuses: [303, 403, 403, 303, 409]),
        "POST /people/{id}/retire": Row(form: "", statuses: [303, 403, 403, 303, 409]),
        "GET /imports": Row(statuses: [303, 403, 200, 200, 200]),
        // Sent without a file: the form says so.
        "POST /imports/preview": Row(form: "kind=estate", statuses: [303, 403, 403, 400, 400]),
        "POST /imports/confirm": Row(form: "upload=none&kind=estate", statuses: [303, 403, 403, 410, 410]),
        "GET /catalog": Row(statuses: [303, 403, 200, 200, 200]),
        "POST /catalog/accept": Row(form: "product=contoso-nothing", statuses: [303, 403, 403, 422, 422]),
        "POST /catalog/rules": Row(
            form:
                "name=Contoso+{role}+Suite*&product=contoso-{role}&productName=Contoso+Suite&productPublisher=Contoso",
            statuses: [303, 403, 403, 303, 303]),
        "GET /audit": Row(statuses: [303, 403, 200, 200, 200]),
        "POST /audit/verify": Row(form: "", statuses: [303, 403, 200, 200, 200]),
        "GET /reports/audit": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /reports/chargeback": Row(statuses: [303, 403, 200, 200, 200]),
        "GET /accounts": Row(statuses: [303, 403, 403, 403, 200]),
        "POST /accounts": Row(form: "name=new-{role}&role=viewer", statuses: [303, 403, 403, 403, 201]),
        "POST /accounts/{name}/role": Row(form: "role=auditor", statuses: [303, 403, 403, 403, 200]),
        "POST /accounts/{name}/password": Row(form: "", statuses: [303, 403, 403, 403, 200]),
        "POST /accounts/{name}/disable": Row(form: "", statuses: [303, 403, 403, 403, 200]),
    ]

    /// The words of a page's alert, for a failure's message.
    static func alert(_ page: String) -> String {
        guard let start = page.range(of: "role=\"alert\"") else { return "" }
        return String(page[start.upperBound...].prefix(200))
    }

    @Test("Each page gives each role the status its permission decides, and no control it may not use")
    func matrixHolds() async throws {
        let served = try await ServedStore.make()
        _ = try await served.operations.addAccount("someone", role: .viewer, by: Caller("t"))
        let entitlement = try #require(await served.operations.entitlement(served.entitlement))
        _ = try await served.operations.attachDocument(
            to: served.contract, Upload(name: "order.pdf", bytes: Array("%PDF-1.7".utf8)), by: Caller("t"))
        let pages = served.api.pages
        #expect(Set(pages.map { "\($0.method.rawValue) \($0.path)" }) == Set(Self.matrix.keys))
        try await served.application().test(.router) { client in
            for page in pages {
                let key = "\(page.method.rawValue) \(page.path)"
                guard let row = Self.matrix[key] else {
                    Issue.record("\(key) has no row in the matrix")
                    continue
                }
                for (caller, expected) in zip(Self.callers, row.statuses) {
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    if !caller.isEmpty { headers[.authorization] = "Bearer \(served.tokens[caller]!)" }
                    let body = row.form.map {
                        ByteBuffer(
                            string: $0.replacingOccurrences(of: "{role}", with: caller.isEmpty ? "nobody" : caller)
                                .replacingOccurrences(of: "{product}", with: served.product.rawValue)
                                .replacingOccurrences(of: "{entitlementProduct}", with: entitlement.product.rawValue)
                                .replacingOccurrences(of: "{device}", with: served.device.rawValue))
                    }
                    let id = page.path.hasPrefix("/accounts/") ? "someone" : served.id(in: "/api/v1" + page.path)
                    let uri = page.path.replacingOccurrences(of: "{id}", with: id)
                        .replacingOccurrences(of: "{name}", with: id)
                    let response = try await client.execute(uri: uri, method: page.method, headers: headers, body: body)
                    let who = caller.isEmpty ? "nobody" : caller
                    #expect(
                        response.status.code == expected,
                        "\(key) as \(who): \(response.status.code) \(Self.alert(response.body.text))")
                    if caller.isEmpty {
                        #expect(response.headers[.location]?.hasPrefix("/signin") == true, "\(key) as nobody")
                    }
                    let text = response.body.text
                    if caller == "viewer" || caller == "auditor" {
                        #expect(!text.contains("edit-control"), "\(key) as \(who) offers a change")
                    }
                    if caller == "viewer" {
                        #expect(!text.contains("href=\"/entitlements\""), "\(key) as viewer links to entitlements")
                    }
                }
            }
        }
    }
}
