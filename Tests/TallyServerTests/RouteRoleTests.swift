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
    }

    private static let callers = ["", "viewer", "auditor", "manager", "admin"]

    private static let matrix: [String: Row] = [
        "GET /health": Row(body: nil, statuses: [200, 200, 200, 200, 200]),
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
        "GET /api/v1/users": Row(body: nil, statuses: [401, 403, 403, 403, 200]),
        "POST /api/v1/users": Row(
            body: #"{"name": "new-{role}", "role": "viewer"}"#, statuses: [401, 403, 403, 403, 201]),
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
                                .replacingOccurrences(of: "{product}", with: product))
                    }
                    let uri = route.path.replacingOccurrences(of: "{id}", with: product)
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
