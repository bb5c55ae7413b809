import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats

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
                return PageShell.standalone(
                    "Tally is set up",
                    """
                    <p>The account <strong>\(fields["name"] ?? "")</strong> is the administrator.
                    <a href="/signin">Sign in</a> with it, and add the others' accounts on the Accounts page (or with
                    <code>tally user add</code>).</p>
                    """, status: .created)
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
            return PageShell.standalone("Tally", "<p>This server is set up already.</p>", status: .notFound)
        }
        let error: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return PageShell.standalone(
            "Set up Tally",
            """
            <p>Create the administrator's account. This link works once.</p>
            \(error)
            <form method="post" action="/setup">
            <input type="hidden" name="token" value="\(token)">
            <p><label for="name">Account name</label>
            <input id="name" name="name" required maxlength="64" autocomplete="username"></p>
            <p><label for="password">Password (12 characters or more)</label>
            <input id="password" name="password" type="password" required minlength="12" maxlength="72"
             autocomplete="new-password"></p>
            <p><button type="submit">Create the account</button></p>
            </form>
            """, status: status)
    }
}
