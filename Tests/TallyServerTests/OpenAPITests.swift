import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyServer
import Testing

/// The OpenAPI document and the server agree: every documented operation is served, every route is documented,
/// with its path parameters, and its answers are the documented ones.
@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("Every route is in the document and every documented operation is served, with the same parameters")
    func documentMatchesRoutes() async throws {
        let served = try await ServedStore.make()
        let routes = served.api.routes
        try await served.application().test(.router) { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get)
            #expect(response.status == .ok)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, operations) in paths {
                for (method, operation) in operations {
                    documented.insert("\(method.uppercased()) \(path)")
                    let parameters = (operation as? [String: Any])?["parameters"] as? [[String: Any]] ?? []
                    let inPath = parameters.filter { $0["in"] as? String == "path" }.compactMap {
                        $0["name"] as? String
                    }
                    let route = routes.first { $0.path == path && $0.method.rawValue == method.uppercased() }
                    #expect(route?.pathParameters == inPath, "\(method) \(path): path parameters")
                    // The router serves it: no "no such route" answer, whatever the record named.
                    let uri = path.replacingOccurrences(of: "{id}", with: served.id(in: path))
                    let answer = try await client.execute(
                        uri: uri, method: HTTPRequest.Method(method.uppercased())!,
                        headers: .bearer(served.tokens["admin"]!))
                    #expect(
                        !(answer.status == .notFound && answer.body.text.contains(#""detail": "Not Found""#))
                            && answer.status != .methodNotAllowed,
                        "\(method) \(path) is documented but not served")
                }
            }
            #expect(documented == Set(routes.map { "\($0.method.rawValue) \($0.path)" }))
        }
    }

    @Test("A path the document does not have is a 404 problem, not a crash or an empty answer")
    func unknownPath() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/nothing-here", method: .get, headers: .bearer(served.tokens["admin"]!))
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            // The words the route check above tells "no such route" by.
            #expect(response.body.text.contains(#""detail": "Not Found""#))
        }
    }
}

/// `/metrics` in the Prometheus text format.
@Suite("Metrics")
struct MetricsTests {
    @Test("Requests are counted by route template and status, and computed positions are told")
    func counted() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            for _ in 0..<3 {
                _ = try await client.execute(
                    uri: "/api/v1/products/\(served.product.rawValue)", method: .get,
                    headers: .bearer(served.tokens["admin"]!))
            }
            _ = try await client.execute(uri: "/api/v1/positions", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            let text = metrics.body.text
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(
                text.contains(#"tally_http_requests_total{route="/api/v1/products/{id}",method="GET",status="200"} 3"#),
                "\(text.prefix(2000))")
            #expect(text.contains(#"tally_http_requests_total{route="/api/v1/positions",method="GET",status="401"} 1"#))
            #expect(text.contains("tally_http_request_duration_seconds_bucket"))
            #expect(text.contains("tally_positions_computed_count 1"))
        }
    }
}
