import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyServer
import Testing

/// Every route, called by nobody and by each role: the status each must get. A route added without its row here
/// fails the test, so that no route goes out without its permissions being decided.
@Suite("Routes by role")
struct RouteRoleTests {
    /// A row: the body to send (`{role}` is replaced by the caller's role), then the statuses for nobody, viewer,
    /// auditor, manager and admin.
    private struct Row {
        var body: String?
        var statuses: [Int]
        var query = ""
    }

    private static let callers = ["", "viewer", "auditor", "manager", "admin"]

    private static let matrix: [String: Row] = [
        "GET /health": Row(body: nil, statuses: [200, 200, 200, 200, 200]),
        "GET /api/openapi.json": Row(body: nil, statuses: [200, 200, 200, 200, 200]),
        "GET /metrics": Row(body: nil, statuses: [200, 200, 200, 200, 200]),
        // A server with accounts has no setup form any more.
        "GET /setup": Row(body: nil, statuses: [404, 404, 404, 404, 404]),
        "POST /setup": Row(body: "token=guess&name=x&password=a+long+password", statuses: [404, 404, 404, 404, 404]),
        "POST /api/v1/setup": Row(
            body: #"{"token": "guess", "name": "x{role}", "password": "a long password"}"#,
            statuses: [403, 403, 403, 403, 403]),
        "POST /api/v1/session": Row(
            body: #"{"name": "nobody", "password": "wrong password"}"#, statuses: [401, 401, 401, 401, 401]),
        "DELETE /api/v1/session": Row(body: nil, statuses: [401, 204, 204, 204, 204]),
        "GET /api/v1/me": Row(body: nil, statuses: [401, 200, 200, 200, 200]),
        "GET /api/v1/positions": Row(body: nil, statuses: [401, 200, 200, 200, 200]),
        "GET /api/v1/products/{id}": Row(body: nil, statuses: [401, 200, 200, 200, 200]),
        "GET /api/v1/products/{id}/consumers": Row(body: nil, statuses: [401, 200, 200, 200, 200]),
        "GET /api/v1/entitlements": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "POST /api/v1/entitlements": Row(
            body: #"{"id": "NEW-{role}", "product": "{product}", "quantity": 2}"#, statuses: [401, 403, 403, 201, 201]),
        "GET /api/v1/devices": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/people": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/history": Row(body: nil, statuses: [401, 200, 200, 200, 200]),
        "GET /api/v1/audit": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "POST /api/v1/audit/verify": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/export": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/users": Row(body: nil, statuses: [401, 403, 403, 403, 200]),
        "POST /api/v1/users": Row(
            body: #"{"name": "new-{role}", "role": "viewer"}"#, statuses: [401, 403, 403, 403, 201]),
        "PATCH /api/v1/entitlements/{id}": Row(
            body: #"{"notes": "by {role}"}"#, statuses: [401, 403, 403, 200, 200]),
        "POST /api/v1/entitlements/{id}/retire": Row(
            body: #"{"on": "2026-12-31"}"#, statuses: [401, 403, 403, 200, 200]),
        "POST /api/v1/products": Row(
            body: #"{"id": "new-{role}", "name": "New", "metric": "user"}"#, statuses: [401, 403, 403, 201, 201]),
        "PATCH /api/v1/products/{id}": Row(body: #"{"unitPrice": 12.5}"#, statuses: [401, 403, 403, 200, 200]),
        // The admin, second, repeats the manager's change: a conflict, which still says the role was let through.
        "POST /api/v1/devices/{id}/retire": Row(body: nil, statuses: [401, 403, 403, 200, 409]),
        "POST /api/v1/people/{id}/retire": Row(body: nil, statuses: [401, 403, 403, 200, 409]),
        "POST /api/v1/assignments": Row(
            body: #"{"product": "{product}", "device": "{device}"}"#, statuses: [401, 403, 403, 201, 409]),
        "POST /api/v1/assignments/remove": Row(
            body: #"{"product": "{product}", "device": "{device}"}"#, statuses: [401, 403, 403, 200, 409]),
        "POST /api/v1/imports": Row(
            body: #"{"format": "tally-estate/1", "asOf": "2026-11-29"}"#, statuses: [401, 403, 403, 200, 200],
            query: "?kind=estate&dryRun=true"),
        "GET /api/v1/contracts": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "POST /api/v1/contracts": Row(
            body: #"{"id": "C-{role}", "vendor": "Contoso", "end": "2027-06-30", "noticeDays": 30}"#,
            statuses: [401, 403, 403, 201, 201]),
        "GET /api/v1/contracts/{id}": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "PATCH /api/v1/contracts/{id}": Row(body: #"{"notes": "by {role}"}"#, statuses: [401, 403, 403, 200, 200]),
        "POST /api/v1/contracts/{id}/documents": Row(
            body: "a signed order form", statuses: [401, 403, 403, 201, 201], query: "?name=order.pdf"),
        "GET /api/v1/documents/{id}": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/renewals": Row(body: nil, statuses: [401, 403, 200, 200, 200], query: "?within=120d"),
        "GET /api/v1/rates": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "POST /api/v1/rates": Row(
            body: #"{"currency": "USD", "rate": 0.9, "date": "2026-01-01"}"#, statuses: [401, 403, 403, 201, 201]),
        "GET /api/v1/reclaim": Row(body: nil, statuses: [401, 403, 200, 200, 200], query: "?unused=60d"),
        "GET /api/v1/forecast": Row(body: nil, statuses: [401, 403, 200, 200, 200], query: "?growth=eng%3D%2B10%25"),
        "GET /api/v1/usage/recommendations": Row(
            body: nil, statuses: [401, 403, 200, 200, 200], query: "?unmetShare=0.05"),
        "POST /api/v1/reclaim/marks": Row(
            body: #"{"device": "{device}", "product": "{product}", "note": "by {role}"}"#,
            statuses: [401, 403, 403, 201, 201]),
        "GET /api/v1/alerts": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "POST /api/v1/alerts": Row(
            body: #"{"kind": "renewal", "stages": [30], "email": ["{role}@example.com"]}"#,
            statuses: [401, 403, 403, 201, 201]),
        // The manager removes rule 1; the admin, second, finds it gone: a 404 that still says the role was let through.
        "DELETE /api/v1/alerts/{id}": Row(body: nil, statuses: [401, 403, 403, 204, 404]),
        "GET /api/v1/alerts/log": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/usage": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/denials": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/pools": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/imports": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/catalog/unrecognized": Row(body: nil, statuses: [401, 403, 200, 200, 200]),
        "GET /api/v1/reports/audit": Row(
            body: nil, statuses: [401, 403, 200, 200, 200], query: "?publisher=Oracle&asOf=2026-11-29"),
        "GET /api/v1/reports/chargeback": Row(
            body: nil, statuses: [401, 403, 200, 200, 200], query: "?period=2026&format=xlsx"),
        // No title of the served store has this suggestion: the roles allowed through are told so.
        "POST /api/v1/catalog/accept": Row(
            body: #"{"product": "contoso-nothing"}"#, statuses: [401, 403, 403, 404, 404]),
        "POST /api/v1/catalog/rules": Row(
            body: #"""
                {"names": ["Contoso {role} Suite*"], "product": "contoso-{role}", "productName": "Contoso Suite",
                 "productPublisher": "Contoso"}
                """#,
            statuses: [401, 403, 403, 201, 201]),
    ]

    @Test("Each route gives each role the status its permission decides")
    func matrixHolds() async throws {
        let served = try await ServedStore.make()
        let routes = served.api.routes
        let declared = Set(routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(declared == Set(Self.matrix.keys), "routes and the matrix differ")
        let product = served.product.rawValue
        try await served.application().test(.router) { client in
            for route in routes {
                let key = "\(route.method.rawValue) \(route.path)"
                guard let row = Self.matrix[key] else {
                    Issue.record("\(key) has no row in the matrix")
                    continue
                }
                for (caller, expected) in zip(Self.callers, row.statuses) {
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if !caller.isEmpty { headers = .bearer(served.tokens[caller]!) }
                    let body = row.body.map {
                        ByteBuffer(
                            string: $0.replacingOccurrences(of: "{role}", with: caller.isEmpty ? "nobody" : caller)
                                .replacingOccurrences(of: "{product}", with: product)
                                .replacingOccurrences(of: "{device}", with: served.device.rawValue))
                    }
                    let uri = route.path.replacingOccurrences(of: "{id}", with: served.id(in: route.path)) + row.query
                    let response = try await client.execute(
                        uri: uri, method: route.method, headers: headers, body: body)
                    #expect(
                        response.status.code == expected,
                        "\(key) as \(caller.isEmpty ? "nobody" : caller): \(response.status.code) \(response.body.text)"
                    )
                }
            }
        }
    }
}
