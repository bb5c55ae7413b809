import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore

/// The one page a server with no account serves: the form behind the one-time setup link, which creates the first
/// admin. It works without JavaScript; its values are escaped; the token in the link is what allows it.
extension API {
    var setupRoutes: [Route] {
        [
            Route(
                .get, "/setup", nil, "The form that creates the first admin account (the one-time setup link)",
                query: ["token"]
            ) { request, _, _ in
                try await setupForm(token: request.uri.queryParameters.get("token") ?? "", problem: nil)
            },
            Route(
                .post, "/setup", nil, "Create the first admin account from the setup form", body: .form,
                success: .created
            ) { request, _, _ in
                let buffer = try await request.body.collect(upTo: 16_384)
                let fields = FormFields(String(buffer: buffer))
                let token = fields["token"] ?? ""
                do {
                    try await createFirstAdmin(
                        token: token, name: fields["name"] ?? "", password: fields["password"] ?? "")
                } catch let problem as Problem {
                    return try await setupForm(token: token, problem: problem.detail, status: problem.status)
                } catch let error as TallyError {
                    return try await setupForm(token: token, problem: error.description, status: Problem(error).status)
                }
                return html(
                    page(
                        title: "Tally is set up",
                        body:
                            "<h1>Tally is set up</h1><p>The account <strong>\(escaped(fields["name"] ?? ""))</strong> "
                            + "is the administrator. Sign in with it (<code>POST /api/v1/session</code>), and add the "
                            + "others' accounts with <code>tally user add</code> or <code>POST /api/v1/users</code>.</p>"
                    ),
                    status: .created)
            },
        ]
    }

    /// Creates the first admin when the token is the setup link's and no account exists yet.
    func createFirstAdmin(token: String, name: String, password: String) async throws {
        guard let setup, try await !operations.hasAccounts(), await setup.take(token) else {
            throw Problem(.forbidden, "this setup link is wrong or used already; add accounts with `tally user add`")
        }
        do {
            _ = try await operations.addAccount(name, role: .admin, password: password, by: Caller(name))
        } catch {
            await setup.giveBack()
            throw error
        }
    }

    private func setupForm(token: String, problem: String?, status: HTTPResponse.Status = .ok) async throws -> Response
    {
        guard setup != nil, try await !operations.hasAccounts() else {
            return html(
                page(title: "Tally", body: "<h1>Tally</h1><p>This server is set up already.</p>"), status: .notFound)
        }
        let error = problem.map { #"<p role="alert" class="problem">\#(escaped($0))</p>"# } ?? ""
        return html(
            page(
                title: "Set up Tally",
                body: """
                    <h1>Set up Tally</h1>
                    <p>Create the administrator's account. This link works once.</p>
                    \(error)
                    <form method="post" action="/setup">
                    <input type="hidden" name="token" value="\(escaped(token))">
                    <p><label for="name">Account name</label><br>
                    <input id="name" name="name" required maxlength="64" autocomplete="username"></p>
                    <p><label for="password">Password (12 characters or more)</label><br>
                    <input id="password" name="password" type="password" required minlength="12" maxlength="72"
                     autocomplete="new-password"></p>
                    <p><button type="submit">Create the account</button></p>
                    </form>
                    """),
            status: status)
    }

    private func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escaped(title))</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
        input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}button{font:inherit;padding:.5rem 1rem}
        .problem{color:#8b0000;font-weight:600}</style></head>
        <body><main>\(body)</main></body></html>
        """
    }

    private func html(_ text: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
