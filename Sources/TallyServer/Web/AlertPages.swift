import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// The alert rules, the form that adds one, and the send log: what was raised, sent, or waits and why.
extension API {
    var alertPages: [PageRoute] {
        [
            PageRoute(.get, "/alerts", .readAll) { try await alertsPage($0) },
            PageRoute(.post, "/alerts", .edit) { web in
                do {
                    let rule = try Self.alertRule(web.form)
                    let added = try await operations.addAlertRule(rule, by: web.principal.caller)
                    return redirect("/alerts?added=\(added.id)")
                } catch {
                    let problem = Problem(error)
                    return try await alertsPage(web, problem: problem.detail, status: problem.status)
                }
            },
            PageRoute(.post, "/alerts/{id}/remove", .edit) { web in
                let text = try web.parameter("id")
                guard let id = Int64(text) else { throw TallyError.notFound(kind: "alert rule", id: text) }
                try await operations.removeAlertRule(id, by: web.principal.caller)
                return redirect("/alerts?removed=\(id)")
            },
        ]
    }

    /// A rule from the form: kind, stages (days, comma-separated), threshold, and a webhook or email addresses.
    static func alertRule(_ form: FormFields) throws -> AlertRule {
        guard let kind = form.text("kind").flatMap(AlertRule.Kind.init(rawValue:)) else {
            throw Problem(.unprocessableContent, "Choose what the rule watches.", field: "kind")
        }
        var stages: [Int] = []
        if let text = form.text("stages") {
            let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.allSatisfy({ Int($0) != nil }) else {
                throw Problem(.unprocessableContent, "Stages are days separated by commas: 90, 60, 30, 7.")
            }
            stages = parts.compactMap { Int($0) }
        }
        var threshold: Double?
        if let text = form.text("threshold") {
            guard let value = Double(text) else {
                throw Problem(.unprocessableContent, "The threshold is a number.")
            }
            threshold = value
        }
        let channel: AlertRule.Channel
        switch (form.text("webhook"), form.text("email")) {
        case (let url?, nil): channel = .webhook(url: url, secret: form.text("secret"))
        case (nil, let to?):
            channel = .email(to: to.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        default: throw Problem(.unprocessableContent, "Give either a webhook address or email addresses.")
        }
        return AlertRule(id: 0, kind: kind, stages: stages, threshold: threshold, channel: channel)
    }

    func alertsPage(
        _ web: WebRequest, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shell = PageShell(principal: web.principal)
        let rules = try await operations.alertRules()
        let log = try await operations.alertLog(limit: 100)
        let editable = web.principal.may(.edit)
        let ruleRows = rules.html { rule in
            let to: String =
                switch rule.channel {
                case .webhook(let url, let secret): url + (secret == nil ? "" : " (signed)")
                case .email(let to): to.joined(separator: ", ")
                }
            let remove: HTML =
                editable
                ? """
                <td><form method="post" action="/alerts/\(String(rule.id))/remove">\(shell.csrfField)
                <button class="edit-control secondary" type="submit">Remove</button></form></td>
                """ : ""
            return """
                <tr><td class="number">\(Int(rule.id))</td><td>\(rule.kind.rawValue)</td>
                <td>\(rule.stages.map(String.init).joined(separator: ", "))</td>
                <td>\(rule.threshold.map { String($0) } ?? "")</td><td>\(to)</td>\(remove)</tr>
                """
        }
        let logRows = log.html { delivery in
            let state: HTML =
                delivery.status == .sent
                ? "sent \(delivery.sent?.description ?? "")"
                : "<strong class=\"problem\">waiting</strong> (\(delivery.attempts) attempts)\(delivery.lastError.map { ": " + $0 } ?? "")"
            return """
                <tr><td class="nowrap">\(delivery.created.description)</td><td class="number">\(Int(delivery.rule))</td>
                <td>\(delivery.title)</td><td>\(state)</td><td><span class="digest">\(delivery.key)</span></td></tr>
                """
        }
        let kinds = AlertRule.Kind.allCases.map(\.rawValue)
        let form: HTML =
            editable
            ? """
            <section class="card"><h2>Add a rule</h2>
            <form id="alert-form" class="record" method="post" action="/alerts">\(shell.csrfField)
            <div class="field"><label for="kind">Watch</label>
            <select id="kind" name="kind">\(Self.options(kinds, selected: "renewal", any: nil))</select></div>
            <div class="field"><label for="stages">Stages in days <span class="muted">(renewal, notice; blank: 90, 60, 30, 7)</span></label>
            <input id="stages" name="stages" placeholder="90, 60, 30, 7"></div>
            <div class="field"><label for="threshold">Threshold <span class="muted">(exposure amount, denials count)</span></label>
            <input id="threshold" name="threshold" inputmode="decimal"></div>
            <div class="field"><label for="webhook">Webhook address</label><input id="webhook" name="webhook" type="url"></div>
            <div class="field"><label for="secret">Webhook secret <span class="muted">(signs each body)</span></label>
            <input id="secret" name="secret" type="password" autocomplete="off"></div>
            <div class="field"><label for="email">Or email addresses <span class="muted">(comma-separated)</span></label>
            <input id="email" name="email"></div>
            <div class="field wide"><button id="add-alert" class="edit-control" type="submit">Add the rule</button></div>
            </form></section>
            """ : ""
        let notice: HTML =
            web.query("added").map { "<p id=\"notice\" class=\"notice\" role=\"status\">Rule \($0) added.</p>" }
            ?? web.query("removed").map { "<p id=\"notice\" class=\"notice\" role=\"status\">Rule \($0) removed.</p>" }
            ?? ""
        let alert: HTML = problem.map { "<p role=\"alert\" class=\"problem\">\($0)</p>" } ?? ""
        return shell.page(
            "Alerts", section: "/alerts", status: status,
            """
            <h1>Alerts</h1>\(notice)\(alert)
            <p>Each alert is sent once per rule, subject and stage, recorded before it is sent; one that cannot be
            delivered waits and is tried again. <code>tally serve</code> runs the rules every 15 minutes.</p>
            <section class="card"><h2>Rules</h2><div class="scroll"><table id="alert-rules"><thead><tr>
            <th scope="col" class="number">#</th><th scope="col">Watches</th><th scope="col">Stages</th>
            <th scope="col">Threshold</th><th scope="col">To</th>\(editable ? "<th scope=\"col\">Change</th>" as HTML : "")</tr></thead>
            <tbody>\(rules.isEmpty ? "<tr><td colspan=\"6\">No rule yet.</td></tr>" : ruleRows)</tbody></table></div></section>
            \(form)
            <section class="card"><h2>Send log</h2><div class="scroll"><table id="alert-log"><thead><tr>
            <th scope="col">Raised</th><th scope="col" class="number">Rule</th><th scope="col">Alert</th>
            <th scope="col">State</th><th scope="col">Idempotency key</th></tr></thead>
            <tbody>\(log.isEmpty ? "<tr><td colspan=\"5\">Nothing raised yet.</td></tr>" : logRows)</tbody></table></div></section>
            """)
    }
}
