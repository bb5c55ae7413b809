import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TallyApp
import TallyCore
import TallyServer
import TallyStore
import Testing

/// The holes a web API is attacked through: forged requests, guessed ids, fixed sessions, old tokens, large or
/// wrong bodies, markup in names.
@Suite("API security")
struct SecurityTests {
    /// Signs in with a password and returns the session cookie and its CSRF token.
    private func signIn(
        _ client: any TestClientProtocol, _ name: String, _ password: String, cookie: String? = nil
    ) async throws -> (cookie: String, csrf: String) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let cookie { headers[.cookie] = cookie }
        let response = try await client.execute(
            uri: "/api/v1/session", method: .post, headers: headers,
            body: ByteBuffer(string: #"{"name": "\#(name)", "password": "\#(password)"}"#))
        #expect(response.status == .ok)
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        let value = String(setCookie.prefix { $0 != ";" })
        let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        return (value, try #require(body?["csrf"] as? String))
    }

    @Test("A change from a browser session needs its CSRF token; without it nothing is written")
    func csrf() async throws {
        let served = try await ServedStore.make()
        let product = served.product.rawValue
        try await served.application().test(.router) { client in
            let (cookie, csrf) = try await signIn(client, "manager", "password of manager")
            let body = #"{"id": "CSRF-1", "product": "\#(product)", "quantity": 1}"#
            let forged = try await client.execute(
                uri: "/api/v1/entitlements", method: .post,
                headers: [.cookie: cookie, .contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(forged.status == .forbidden)
            let wrong = try await client.execute(
                uri: "/api/v1/entitlements", method: .post,
                headers: [.cookie: cookie, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: "x"],
                body: ByteBuffer(string: body))
            #expect(wrong.status == .forbidden)
            #expect(try await served.operations.entitlements(EntitlementQuery(search: "CSRF-1")).total == 0)
            let sent = try await client.execute(
                uri: "/api/v1/entitlements", method: .post,
                headers: [.cookie: cookie, .contentType: "application/json", HTTPField.Name("X-CSRF-Token")!: csrf],
                body: ByteBuffer(string: body))
            #expect(sent.status == .created)
            let log = try await served.operations.auditLog(entity: "entitlement", id: "CSRF-1")
            #expect(log.map(\.actor) == ["manager"])
        }
    }

    @Test("A viewer of one department cannot read another's consumers or products by guessing their ids")
    func viewerScope() async throws {
        let served = try await ServedStore.make()
        let token = served.tokens["viewer-dept"]!
        try await served.application().test(.router) { client in
            let product = try await client.execute(
                uri: "/api/v1/products/\(served.product.rawValue)", method: .get, headers: .bearer(token))
            #expect(product.status == .notFound)
            let consumers = try await client.execute(
                uri: "/api/v1/products/\(served.product.rawValue)/consumers", method: .get, headers: .bearer(token))
            let body = try JSONSerialization.jsonObject(with: Data(buffer: consumers.body)) as? [String: Any]
            #expect(body?["total"] as? Int == 0)
            let positions = try await client.execute(
                uri: "/api/v1/positions?limit=500", method: .get, headers: .bearer(token))
            #expect(!positions.body.text.contains("\"\(served.product.rawValue)\""))
            let all = try await client.execute(
                uri: "/api/v1/products/\(served.product.rawValue)/consumers", method: .get,
                headers: .bearer(served.tokens["viewer"]!))
            let allBody = try JSONSerialization.jsonObject(with: Data(buffer: all.body)) as? [String: Any]
            #expect((allBody?["total"] as? Int ?? 0) > 0)
        }
    }

    @Test("The cookie is Secure behind a proxy that says the request came over TLS, and not otherwise")
    func secureCookie() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let body = ByteBuffer(string: #"{"name": "viewer", "password": "password of viewer"}"#)
            let plain = try await client.execute(
                uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"], body: body)
            #expect(plain.headers[.setCookie]?.contains("Secure") == false)
            let proxied = try await client.execute(
                uri: "/api/v1/session", method: .post,
                headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-Proto")!: "https"], body: body)
            #expect(proxied.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("A session id planted before sign-in is not the one signed in with, and stays nobody's")
    func sessionFixation() async throws {
        let served = try await ServedStore.make()
        try await served.application().test(.router) { client in
            let planted = "tally_session=planted-by-an-attacker"
            let (cookie, _) = try await signIn(client, "admin", "password of admin", cookie: planted)
            #expect(cookie != planted)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: planted])
            #expect(me.status == .unauthorized)
            let mine = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie])
            #expect(mine.status == .ok)
            let out = try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.cookie: cookie])
            #expect(out.status == .forbidden, "signing out from a browser needs the CSRF token too")
        }
    }

    @Test("Unknown, malformed and expired tokens are refused; a disabled account's token too")
    func tokens() async throws {
        let served = try await ServedStore.make()
        let expiring = try await served.operations.createToken(
            for: "auditor", expires: Day("2026-11-30")!, by: Caller("t"))
        try await served.application().test(.router) { client in
            for header in ["Bearer tally_unknown", "Basic YWRtaW46YWRtaW4=", "Bearer "] {
                let response = try await client.execute(
                    uri: "/api/v1/positions", method: .get, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let fresh = try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(expiring))
            #expect(fresh.status == .ok)
        }
        let later = Operations(
            store: served.operations.store, clock: { Instant("2026-11-30T00:00:01Z")! }, passwordCost: 4)
        _ = try await later.disableAccount("viewer", by: Caller("t"))
        try await WebServer(api: API(operations: later), port: 0).application().test(.router) { client in
            let expired = try await client.execute(uri: "/api/v1/me", method: .get, headers: .bearer(expiring))
            #expect(expired.status == .unauthorized)
            let disabled = try await client.execute(
                uri: "/api/v1/me", method: .get, headers: .bearer(served.tokens["viewer"]!))
            #expect(disabled.status == .unauthorized)
        }
    }

    @Test("Bodies too large, not JSON or of the wrong shape are refused with nothing written, in words")
    func badBodies() async throws {
        let served = try await ServedStore.make()
        let token = served.tokens["admin"]!
        try await served.application().test(.router) { client in
            let large = ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 10)
            let tooLarge = try await client.execute(
                uri: "/api/v1/entitlements", method: .post, headers: .bearer(token), body: large)
            #expect(tooLarge.status == .contentTooLarge)
            for (body, status) in [
                ("not json", HTTPResponse.Status.badRequest), (#"{"id": 1}"#, .badRequest),
                (#"{"id": "X-1", "product": "no-such-product", "quantity": 1}"#, .unprocessableContent),
                (#"{"id": "X-1", "product": "\#(served.product.rawValue)", "quantity": -4}"#, .unprocessableContent),
            ] {
                let response = try await client.execute(
                    uri: "/api/v1/entitlements", method: .post, headers: .bearer(token), body: ByteBuffer(string: body))
                #expect(response.status == status, "\(body): \(response.body.text)")
                #expect(!response.body.text.contains("Swift") && !response.body.text.contains("DecodingError"))
            }
            #expect(try await served.operations.entitlements(EntitlementQuery(search: "X-1")).total == 0)
        }
    }

    @Test("A product named with markup comes back as data: escaped JSON, never sniffed as a page")
    func markup() async throws {
        let served = try await ServedStore.make()
        let name = "<script>alert(1)</script>"
        var change = ProductChange()
        change.name = name
        _ = try await served.operations.editProduct(served.product, change, by: Caller("t"))
        try await served.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/products/\(served.product.rawValue)", method: .get,
                headers: .bearer(served.tokens["admin"]!))
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            #expect((body?["product"] as? [String: Any])?["name"] as? String == name)
        }
    }
}

/// What a viewer of one department reads: its consumers and those of the departments under it, and their figures.
@Suite("A department's view")
struct DepartmentViewTests {
    @Test("A viewer's positions are their department's demand and coverage, sub-departments included")
    func positions() async throws {
        let served = try await ServedStore.make()
        let position = try await served.operations.latestPosition()
        let within = position.consumers.departments(within: served.department)
        #expect(within.count > 1, "the demo's first department has one under it")
        try await served.application().test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/positions?limit=500", method: .get, headers: .bearer(served.tokens["viewer-dept"]!))
            let body = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(!items.isEmpty)
            for item in items {
                let product = Product.ID(try #require(item["product"] as? String))
                let mine = position.consumers.indices(of: product).map { position.consumers[$0] }
                    .filter { $0.department.map(within.contains) ?? false }
                #expect(item["demand"] as? Int == mine.reduce(0) { $0 + $1.units }, "\(product)")
                #expect(item["consumers"] as? Int == mine.count)
                #expect(item["supply"] == nil, "organisation-wide supply is not a department's to see")
            }
            // A consumer of a sub-department is among the viewer's.
            let under = try #require(within.first { $0 != served.department })
            let product = try #require(
                position.positions.first { item in
                    position.consumers.indices(of: item.product).contains { position.consumers[$0].department == under }
                }?.product)
            let consumers = try await client.execute(
                uri: "/api/v1/products/\(product.rawValue)/consumers?limit=500", method: .get,
                headers: .bearer(served.tokens["viewer-dept"]!))
            let page = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: consumers.body)) as? [String: Any])
            let all = position.consumers.indices(of: product).map { position.consumers[$0] }
            #expect(page["total"] as? Int == all.filter { $0.department.map(within.contains) ?? false }.count)
            #expect((page["total"] as? Int ?? 0) > all.filter { $0.department == served.department }.count)
            // Organisation-wide figures are not theirs: no supply in a product's position, no history of totals.
            let own = try #require(items.first?["product"] as? String)
            let productPage = try await client.execute(
                uri: "/api/v1/products/\(own)", method: .get, headers: .bearer(served.tokens["viewer-dept"]!))
            #expect(productPage.status == .ok)
            #expect(!productPage.body.text.contains("\"supply\"") && !productPage.body.text.contains("\"exposure\""))
            let history = try await client.execute(
                uri: "/api/v1/history", method: .get, headers: .bearer(served.tokens["viewer-dept"]!))
            #expect(history.status == .forbidden)
        }
    }
}
