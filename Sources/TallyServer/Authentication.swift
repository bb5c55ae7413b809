import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore

/// Finds who makes a request: an API token (`Authorization: Bearer`), else the session cookie. A token that is
/// given but not valid is refused at once rather than passed over for the cookie.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let operations: Operations

    static let cookie = "tally_session"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                let principal = try await operations.principal(apiToken: String(authorization.dropFirst(7)))
            else {
                throw Problem(.unauthorized, "the API token is unknown, expired or of a disabled account")
            }
            context.principal = principal
        } else if let session = request.cookies[Self.cookie]?.value, !session.isEmpty {
            context.principal = try await operations.principal(session: session)
        }
        return try await next(request, context)
    }
}

extension Route {
    /// Refuses the request unless its account may use this route: authenticated (401), of a role that allows it
    /// (403), and, for a change made from a browser session, carrying the session's CSRF token (403).
    func authorize(_ request: Request, _ context: ServerContext) throws -> Principal? {
        guard let permission else { return context.principal }
        guard let principal = context.principal else { throw Problem.unauthenticated }
        guard principal.may(permission) else { throw Problem.forbidden(permission.verb) }
        if request.method != .get, request.method != .head, principal.csrf != nil {
            guard let sent = request.headers[.csrfToken], principal.acceptsCSRF(sent) else { throw Problem.csrf }
        }
        return principal
    }
}

extension HTTPField.Name {
    /// The header a page's script (or a form's hidden field, read by the page handlers) sends the CSRF token in.
    static let csrfToken = HTTPField.Name("X-CSRF-Token")!
}

extension Permission {
    /// What the permission lets one do, for the refusal's words.
    var verb: String {
        switch self {
        case .read: "read positions"
        case .readAll: "read this"
        case .audit: "verify the audit trail or export"
        case .edit: "change the estate"
        case .manageAccounts: "manage accounts"
        }
    }
}
