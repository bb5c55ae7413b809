import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Alert rules and the send log. A webhook's secret is taken, never shown again.
extension API {
    var alertRoutes: [Route] {
        [
            Route(.get, "/api/v1/alerts", .readAll, "The alert rules (a webhook's secret is never shown)") { _, _, _ in
                let rules = try await operations.alertRules()
                return json(#"{"items": ["# + rules.map(Self.rule).joined(separator: ", ") + "]}")
            },
            Route(
                .post, "/api/v1/alerts", .edit,
                "Add an alert rule: kind, stages or threshold, and a webhook (with its secret) or email addresses",
                body: .json, success: .created
            ) { request, _, principal in
                let rule = try await decode(AlertRuleBody.self, request).rule()
                return json(Self.rule(try await operations.addAlertRule(rule, by: principal!.caller)), status: .created)
            },
            Route(
                .delete, "/api/v1/alerts/{id}", .edit, "Remove an alert rule (its send log stays)", success: .noContent
            ) {
                _, context, principal in
                let text = try context.parameters.require("id")
                guard let id = Int64(text) else { throw TallyError.notFound(kind: "alert rule", id: text) }
                try await operations.removeAlertRule(id, by: principal!.caller)
                return Response(status: .noContent)
            },
            Route(
                .get, "/api/v1/alerts/log", .readAll, "The alerts raised, newest first: sent, or waiting and why",
                query: ["limit"]
            ) { request, _, _ in
                let limit = try Paging(request).limit
                let log = try await operations.alertLog(limit: limit)
                return json(#"{"items": ["# + log.map(Self.delivery).joined(separator: ", ") + "]}")
            },
        ]
    }

    static func rule(_ rule: AlertRule) -> String {
        var fields: [(key: String, value: JSONValue)] = [
            ("id", .int(Int(rule.id))), ("kind", .string(rule.kind.rawValue)),
            ("stages", .json("[" + rule.stages.map(String.init).joined(separator: ", ") + "]")),
            ("threshold", rule.threshold.map { .decimal($0) } ?? .string(nil)),
        ]
        switch rule.channel {
        case .webhook(let url, let secret):
            fields += [("webhook", .string(url)), ("signed", .bool(secret != nil))]
        case .email(let to):
            fields.append(("email", .strings(to)))
        }
        return JSONWriter.object(fields)
    }

    static func delivery(_ delivery: AlertDelivery) -> String {
        JSONWriter.object([
            ("id", .string(delivery.key)), ("rule", .int(Int(delivery.rule))), ("subject", .string(delivery.subject)),
            ("stage", .string(delivery.stage)), ("title", .string(delivery.title)), ("text", .string(delivery.text)),
            ("raisedAt", .string(delivery.created.description)), ("status", .string(delivery.status.rawValue)),
            ("attempts", .int(delivery.attempts)), ("lastError", .string(delivery.lastError)),
            ("sentAt", .string(delivery.sent?.description)),
        ])
    }
}

/// An alert rule as a body gives it.
struct AlertRuleBody: Decodable {
    var kind: String
    var stages: [Int]?
    var threshold: Double?
    var webhook: String?
    var secret: String?
    var email: [String]?

    func rule() throws -> AlertRule {
        guard let kind = AlertRule.Kind(rawValue: kind) else {
            throw Problem(
                .unprocessableContent,
                "a kind is one of " + AlertRule.Kind.allCases.map(\.rawValue).joined(separator: ", "), field: "kind")
        }
        let channel: AlertRule.Channel
        switch (webhook, email) {
        case (let url?, nil): channel = .webhook(url: url, secret: secret)
        case (nil, let to?): channel = .email(to: to)
        default: throw Problem(.unprocessableContent, "give either webhook or email", field: "webhook")
        }
        return AlertRule(id: 0, kind: kind, stages: stages ?? [], threshold: threshold, channel: channel)
    }
}
