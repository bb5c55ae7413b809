import Foundation
import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The REST API under `/api/v1`, and the web pages over it: each route parses its request, calls one operation and
/// writes what comes back.
public struct API: Sendable {
    let operations: Operations
    /// Whether the session cookie is marked Secure (served over TLS, or behind a proxy that terminates it).
    let secureCookies: Bool
    /// The one-time token that creates the first account, while there is none.
    let setup: SetupToken?
    let metrics = ServerMetrics()
    let scopes = DepartmentScopes()
    let useCache = LicenseUseCache()
    let pendingUploads = PendingUploads()

    public init(operations: Operations, secureCookies: Bool = false, setup: SetupToken? = nil) {
        self.operations = operations
        self.secureCookies = secureCookies
        self.setup = setup
    }

    /// Every route, in the order the OpenAPI document lists them.
    public var routes: [Route] {
        baseRoutes + editRoutes + rateRoutes + contractRoutes + optimiseRoutes + alertRoutes + importRoutes
            + licenseUseRoutes
            + auditPackRoutes + chargebackRoutes
            + setupRoutes
    }

    private var baseRoutes: [Route] {
        [
            Route(.get, "/health", nil, "Whether the server can read its store") { _, _, _ in
                _ = try await operations.hasAccounts()
                return json(#"{"status": "ok"}"#)
            },
            Route(.get, "/api/openapi.json", nil, "This document: the API in OpenAPI 3.1") { _, _, _ in
                json(OpenAPIDocument.json(routes))
            },
            Route(.get, "/metrics", nil, "Requests, latency, rows imported and positions computed, for Prometheus") {
                _, _, _ in
                let text = metrics.exposition(positions: await operations.positionComputations())
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                    body: .init(byteBuffer: ByteBuffer(bytes: text)))
            },
            Route(
                .post, "/api/v1/setup", nil, "Create the first admin account with the one-time setup token",
                body: .json, success: .created
            ) {
                request, context, _ in try await createFirstAccount(request, context)
            },
            Route(
                .post, "/api/v1/session", nil, "Sign in with a name and password; sets the session cookie", body: .json
            ) {
                request, context, _ in try await signIn(request, context)
            },
            Route(.delete, "/api/v1/session", .read, "Sign out", success: .noContent) { request, _, _ in
                if let token = request.cookies[AuthenticationMiddleware.cookie]?.value {
                    try await operations.signOut(session: token)
                }
                var response = Response(status: .noContent)
                response.setCookie(sessionCookie("", maxAge: 0, for: request))
                return response
            },
            Route(.get, "/api/v1/me", .read, "The signed-in account") { _, _, principal in
                json(Self.account(principal!.account, csrf: principal!.csrf))
            },
            Route(
                .get, "/api/v1/positions", .read, "The latest position per product, filtered, sorted and paged",
                query: ["status", "publisher", "metric", "sort", "limit", "cursor"]
            ) {
                request, _, principal in try await positions(request, principal!)
            },
            Route(.get, "/api/v1/products/{id}", .read, "A product with its position and entitlements") {
                _, context, principal in try await product(context, principal!)
            },
            Route(
                .get, "/api/v1/products/{id}/consumers", .read, "A product's consumers with their why, paged",
                query: ["search", "limit", "cursor"]
            ) {
                request, context, principal in try await consumers(request, context, principal!)
            },
            Route(
                .get, "/api/v1/entitlements", .readAll, "Entitlements, searched and paged",
                query: ["search", "product", "limit", "cursor"]
            ) { request, _, _ in
                try await entitlements(request)
            },
            Route(.post, "/api/v1/entitlements", .edit, "Add an entitlement", body: .json, success: .created) {
                request, context, principal in
                try await addEntitlement(request, context, principal!)
            },
            Route(
                .get, "/api/v1/devices", .readAll, "Devices, searched and paged", query: ["search", "limit", "cursor"]
            ) { request, _, _ in
                try await records(request, operations.devices) { EstateFile.object($0, into: &$1) }
            },
            Route(
                .get, "/api/v1/people", .readAll, "People, searched and paged", query: ["search", "limit", "cursor"]
            ) { request, _, _ in
                try await records(request, operations.people) { EstateFile.object($0, into: &$1) }
            },
            Route(.get, "/api/v1/history", .read, "The positions kept, oldest first, with their totals") {
                _, _, principal in
                // The totals are the organisation's: not a department's viewer's to see.
                guard principal?.department == nil else { throw Problem.forbidden("read the organisation's totals") }
                return try await history()
            },
            Route(
                .get, "/api/v1/audit", .readAll, "The audit trail, oldest first, of one entity or record",
                query: ["entity", "id", "limit", "cursor"]
            ) {
                request, _, _ in try await audit(request)
            },
            Route(.post, "/api/v1/audit/verify", .audit, "Verify the audit trail's chain and the data it describes") {
                _, _, _ in try await verify()
            },
            Route(.get, "/api/v1/export", .audit, "The whole estate as an estate file (tally-estate/1)") { _, _, _ in
                let estate = try await operations.exportEstate()
                var response = json(EstateFile.encode(estate))
                response.headers[.contentDisposition] = #"attachment; filename="estate.json""#
                return response
            },
            Route(.get, "/api/v1/users", .manageAccounts, "The accounts") { _, _, _ in
                let accounts = try await operations.accounts()
                return json("[" + accounts.map { Self.account($0, csrf: nil) }.joined(separator: ", ") + "]")
            },
            Route(
                .post, "/api/v1/users", .manageAccounts, "Add an account; its password is returned once", body: .json,
                success: .created
            ) {
                request, context, principal in try await addAccount(request, context, principal!)
            },
        ]
    }

    /// A router serving every route, errors as problem documents.
    public func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: AuthenticationMiddleware(operations: operations))
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                let principal = try route.authorize(request, context)
                return try await route.handler(request, context, principal)
            }
        }
        addPages(to: router)
        return router
    }

    /// The session cookie: HttpOnly, SameSite=Strict, and Secure when the server is told it is reached over TLS
    /// (`--secure-cookies`) or a proxy in front says the request came so (`X-Forwarded-Proto: https`).
    func sessionCookie(_ value: String, maxAge: Int, for request: Request) -> Cookie {
        let overTLS = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(
            name: AuthenticationMiddleware.cookie, value: value, maxAge: maxAge, path: "/",
            secure: secureCookies || overTLS, httpOnly: true, sameSite: .strict)
    }
}

/// The token printed when a server starts with no account: whoever holds it creates the first admin, once.
public actor SetupToken {
    public nonisolated let value: String
    private var used = false

    public init(value: String) {
        self.value = value
    }

    /// Takes the token when `offered` is it and it was not taken yet.
    func take(_ offered: String) -> Bool {
        guard !used, constantTimeEqual(offered, value) else { return false }
        used = true
        return true
    }

    /// Makes the token usable again: the account it was taken for could not be created (a password too short).
    func giveBack() {
        used = false
    }

    /// The link that opens the setup form on a server at `base` (`http://127.0.0.1:8080`).
    public nonisolated func link(at base: String) -> String { base + "/setup?token=" + value }
}

/// A JSON response.
func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    json(Array(text.utf8), status: status)
}

func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}
