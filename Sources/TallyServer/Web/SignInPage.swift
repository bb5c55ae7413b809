import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

/// Signing in and out of the web interface: a form that sets the session cookie, and a button that ends it.
extension API {
    func signInPage(_ request: Request, _ context: ServerContext) async -> Response {
        if context.principal != nil { return redirect("/") }
        return signInForm(next: request.uri.queryParameters.get("next"), name: "", problem: nil)
    }

    func signInSubmitted(_ request: Request, _ context: ServerContext) async -> Response {
        let fields: FormFields
        do {
            fields = FormFields(String(buffer: try await request.body.collect(upTo: 16_384)))
        } catch {
            return signInForm(next: nil, name: "", problem: "The form is too large.", status: .contentTooLarge)
        }
        let name = fields["name"] ?? ""
        let next = fields["next"]
        do {
            let grant = try await operations.signIn(
                name: name, password: fields["password"] ?? "", address: context.address)
            var response = redirect(Self.safeReturn(next))
            response.setCookie(sessionCookie(grant.token, maxAge: Int(Operations.sessionLifetime), for: request))
            return response
        } catch {
            let problem = Problem(error)
            return signInForm(next: next, name: name, problem: problem.detail, status: problem.status)
        }
    }

    func signOutSubmitted(_ request: Request, _ context: ServerContext) async -> Response {
        let fields = FormFields(String(buffer: (try? await request.body.collect(upTo: 16_384)) ?? ByteBuffer()))
        if let principal = context.principal, principal.acceptsCSRF(fields["csrf"] ?? ""),
            let token = request.cookies[AuthenticationMiddleware.cookie]?.value
        {
            try? await operations.signOut(session: token)
        }
        var response = redirect("/signin")
        response.setCookie(sessionCookie("", maxAge: 0, for: request))
        return response
    }

    /// Where to go after signing in: a path of this server, never another site (`//host`, `/\host`).
    static func safeReturn(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/" }
        return next
    }

    private func signInForm(
        next: String?, name: String, problem: String?, status: HTTPResponse.Status = .ok
    ) -> Response {
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return PageShell.standalone(
            "Sign in to Tally",
            """
            \(alert)
            <form id="sign-in" method="post" action="/signin">
            <input type="hidden" name="next" value="\(Self.safeReturn(next))">
            <p><label for="name">Account name</label>
            <input id="name" name="name" required maxlength="64" autocomplete="username" value="\(name)"></p>
            <p><label for="password">Password</label>
            <input id="password" name="password" type="password" required maxlength="72"
             autocomplete="current-password"></p>
            <p><button id="sign-in-button" type="submit">Sign in</button></p>
            </form>
            """,
            status: status)
    }
}
