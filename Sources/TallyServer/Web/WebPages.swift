import Hummingbird
import TallyApp

/// The web interface: server-rendered pages over the same operations as the API, for people in a browser.
extension API {
    /// Every page, each with the permission it needs.
    var pages: [PageRoute] {
        [
            PageRoute(.get, "/", .read) { try await dashboard($0) },
            PageRoute(.get, "/products", .read) { try await productsPage($0) },
            PageRoute(.get, "/products/{id}", .read) { try await productPage($0) },
        ] + entitlementPages + ratePages + contractPages + [
            PageRoute(.get, "/renewals", .readAll) { try await renewalsPage($0) },
            PageRoute(.get, "/pools", .readAll) { try await poolsPage($0) },
            PageRoute(.get, "/forecast", .readAll) { try await forecastPage($0) },
        ]
            + reclaimPages + alertPages + recordPages + importPages + catalogAuditPages + auditPackPages
            + chargebackPages
            + accountPages
    }

    /// Adds the pages, the sign-in and sign-out forms and the assets to `router`.
    func addPages(to router: Router<ServerContext>) {
        router.get("/assets/{name}") { request, _ in
            guard let response = Assets.response(request.uri.path) else { throw Problem(.notFound, "no such file") }
            return response
        }
        router.get("/signin") { request, context in await signInPage(request, context) }
        router.post("/signin") { request, context in await signInSubmitted(request, context) }
        router.post("/signout") { request, context in await signOutSubmitted(request, context) }
        for page in pages {
            router.on(RouterPath(page.path), method: page.method) { request, context in
                await serve(page, request, context)
            }
        }
    }
}
