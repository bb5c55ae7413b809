import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The accounts, for admins: add one, disable one, reset a password, set a role and a department. A password made
/// here is shown once, on the page that answers the form, and kept only as its hash.
extension API {
    var accountPages: [PageRoute] {
        [
            PageRoute(.get, "/accounts", .manageAccounts) { try await accountsPage($0) },
            PageRoute(.post, "/accounts", .manageAccounts) { web in
                let name = web.form.text("name") ?? ""
                guard let role = web.form.text("role").flatMap(Role.init(rawValue:)) else {
                    return try await accountsPage(web, problem: "Choose a role.", status: .unprocessableContent)
                }
                do {
                    let (account, password) = try await operations.addAccount(
                        name, role: role, department: web.form.text("department").map { .init($0) },
                        password: web.form.text("password"), by: web.principal.caller)
                    let shown = web.form.text("password") == nil ? password : nil
                    return try await accountsPage(
                        web, notice: "The account \(account.name) was added.", password: shown, status: .created)
                } catch {
                    let problem = Problem(error)
                    return try await accountsPage(web, problem: "\(name): \(problem.detail)", status: problem.status)
                }
            },
            PageRoute(.post, "/accounts/{name}/role", .manageAccounts) { web in
                let name = try web.parameter("name")
                guard let role = web.form.text("role").flatMap(Role.init(rawValue:)) else {
                    return try await accountsPage(web, problem: "Choose a role.", status: .unprocessableContent)
                }
                let department = web.form.text("department").map { Department.ID($0) }
                return try await changingAccount(web, name, done: "\(name) is now \(role.rawValue).") {
                    _ = try await operations.setRole(name, role: role, department: department, by: web.principal.caller)
                    return nil
                }
            },
            PageRoute(.post, "/accounts/{name}/password", .manageAccounts) { web in
                let name = try web.parameter("name")
                return try await changingAccount(web, name, done: "The password of \(name) is reset.") {
                    try await operations.setPassword(name, by: web.principal.caller)
                }
            },
            PageRoute(.post, "/accounts/{name}/disable", .manageAccounts) { web in
                let name = try web.parameter("name")
                return try await changingAccount(web, name, done: "\(name) is disabled; its sessions and tokens end.") {
                    _ = try await operations.disableAccount(name, by: web.principal.caller)
                    return nil
                }
            },
        ]
    }

    /// Runs an account change; the page then says what was done (with the new password, where one was made), or
    /// what was wrong.
    private func changingAccount(
        _ web: WebRequest, _ name: String, done: String, _ change: () async throws -> String?
    ) async throws -> Response {
        do {
            let password = try await change()
            return try await accountsPage(web, notice: done, password: password)
        } catch {
            let problem = Problem(error)
            return try await accountsPage(web, problem: "\(name): \(problem.detail)", status: problem.status)
        }
    }

    func accountsPage(
        _ web: WebRequest, notice: String? = nil, password: String? = nil, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let accounts = try await operations.accounts()
        let roles = Role.allCases.map(\.rawValue)
        let rows = accounts.html { account in
            let path = "/accounts/" + percentEncoded(account.name)
            let controls: HTML =
                account.disabled
                ? "<td>disabled</td>"
                : """
                <td><form class="inline" method="post" action="\(path)/role">\(shell.csrfField)
                <div class="field"><label for="role-\(account.name)">Role</label>
                <select id="role-\(account.name)" name="role">\(Self.options(roles, selected: account.role.rawValue, any: nil))</select></div>
                <div class="field"><label for="department-\(account.name)">Department <span class="muted">(viewers)</span></label>
                <input id="department-\(account.name)" name="department" size="10" value="\(account.department?.rawValue ?? "")"></div>
                <button class="edit-control secondary" type="submit">Set</button></form>
                <form class="inline" method="post" action="\(path)/password">\(shell.csrfField)
                <button class="edit-control secondary" type="submit">Reset password</button></form>
                <form class="inline" method="post" action="\(path)/disable">\(shell.csrfField)
                <button class="edit-control danger" type="submit">Disable</button></form></td>
                """
            return """
                <tr><td>\(account.name)</td><td>\(account.role.rawValue)</td><td>\(account.department?.rawValue ?? "")</td>
                <td>\(account.created.description)</td>\(controls)</tr>
                """
        }
        let noticeHTML: HTML = notice.map { "<p id=\"notice\" class=\"notice\" role=\"status\">\($0)</p>" } ?? ""
        let passwordHTML: HTML =
            password.map {
                """
                <p class="card">The new password, shown this once: <code id="new-password">\($0)</code></p>
                """
            } ?? ""
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return shell.page(
            "Accounts", section: "/accounts", status: status,
            """
            <h1>Accounts</h1>\(noticeHTML)\(passwordHTML)\(alert)
            <section class="card"><h2>Add an account</h2>
            <form id="add-account" class="record" method="post" action="/accounts">\(shell.csrfField)
            <div class="field"><label for="new-name">Name</label>
            <input id="new-name" name="name" required maxlength="64" autocomplete="off"></div>
            <div class="field"><label for="new-role">Role</label>
            <select id="new-role" name="role">\(Self.options(roles, selected: "viewer", any: nil))</select></div>
            <div class="field"><label for="new-department">Department <span class="muted">(a viewer sees only its own)</span></label>
            <input id="new-department" name="department"></div>
            <div class="field"><label for="new-password-field">Password <span class="muted">(blank: one is made and shown once)</span></label>
            <input id="new-password-field" name="password" type="password" minlength="12" maxlength="72" autocomplete="new-password"></div>
            <div class="field wide"><button id="add-account-button" class="edit-control" type="submit">Add the account</button></div>
            </form></section>
            <div class="scroll"><table id="accounts"><thead><tr><th scope="col">Name</th><th scope="col">Role</th>
            <th scope="col">Department</th><th scope="col">Created</th><th scope="col">Change</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
    }
}
