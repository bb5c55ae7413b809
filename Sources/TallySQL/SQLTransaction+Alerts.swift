import TallyCore
import TallyStore

/// Alert rules and the send log.
extension SQLTransaction {
    private static let deliveryColumns =
        "id, rule, subject, stage, key, title, text, channel, target, secret, created, status, attempts, last_error, "
        + "next_attempt, sent"

    func alertRules() throws -> [AlertRule] {
        try SQLRow.fetchAll(
            db, sql: "SELECT id, kind, stages, threshold, channel, target, secret FROM alert_rule ORDER BY id"
        ).map { row in
            AlertRule(
                id: row[0], kind: try Column.choice(row, 1, AlertRule.Kind.self),
                stages: (row[2] as String).split(separator: ",").compactMap { Int($0) }, threshold: row[3],
                channel: try Self.channel(row[4], row[5], row[6]))
        }
    }

    func alertDeliveries(limit: Int) throws -> [AlertDelivery] {
        try SQLRow.fetchAll(
            db, sql: "SELECT \(Self.deliveryColumns) FROM alert_delivery ORDER BY id DESC LIMIT ?",
            arguments: [max(0, limit)]
        ).map(Self.delivery)
    }

    func pendingDeliveries(dueBy now: Instant?) throws -> [AlertDelivery] {
        try SQLRow.fetchAll(
            db,
            sql: "SELECT \(Self.deliveryColumns) FROM alert_delivery WHERE status = 'pending'"
                + (now == nil ? "" : " AND next_attempt <= ?") + " ORDER BY id",
            arguments: SQLArguments(now.map { [$0.secondsSinceEpoch] } ?? [])
        ).map(Self.delivery)
    }

    func insert(_ rule: AlertRule) throws -> Int64 {
        let (channel, target, secret) = Self.columns(rule.channel)
        return try Self.insertedID(
            db,
            sql: "INSERT INTO alert_rule (kind, stages, threshold, channel, target, secret) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                rule.kind.rawValue, rule.stages.map(String.init).joined(separator: ","), rule.threshold, channel,
                target, secret,
            ])
    }

    func deleteAlertRule(_ id: Int64) throws {
        try db.execute(sql: "DELETE FROM alert_rule WHERE id = ?", arguments: [id])
    }

    func insert(_ delivery: AlertDelivery) throws -> Bool {
        let (channel, target, secret) = Self.columns(delivery.channel)
        return try db.execute(
            sql: """
                INSERT INTO alert_delivery (rule, subject, stage, key, title, text, channel, target, secret,
                    created, status, attempts, last_error, next_attempt, sent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, NULL, ?, NULL)
                ON CONFLICT DO NOTHING
                """,
            arguments: [
                delivery.rule, delivery.subject, delivery.stage, delivery.key, delivery.title, delivery.text, channel,
                target, secret, delivery.created.secondsSinceEpoch, delivery.nextAttempt.secondsSinceEpoch,
            ]) > 0
    }

    func recordAttempt(_ id: Int64, sent: Instant?, error: String?, nextAttempt: Instant) throws {
        try db.execute(
            sql: """
                UPDATE alert_delivery SET attempts = attempts + 1, status = ?, sent = ?, last_error = ?,
                    next_attempt = ? WHERE id = ?
                """,
            arguments: [
                sent == nil ? "pending" : "sent", sent?.secondsSinceEpoch, error, nextAttempt.secondsSinceEpoch, id,
            ])
    }

    private static func delivery(_ row: SQLRow) throws -> AlertDelivery {
        AlertDelivery(
            id: row[0], rule: row[1], subject: row[2], stage: row[3], key: row[4], title: row[5], text: row[6],
            channel: try channel(row[7], row[8], row[9]), created: Instant(secondsSinceEpoch: row[10]),
            status: try Column.choice(row, 11, AlertDelivery.Status.self), attempts: row[12], lastError: row[13],
            nextAttempt: Instant(secondsSinceEpoch: row[14]),
            sent: (row[15] as Int64?).map { Instant(secondsSinceEpoch: $0) })
    }

    private static func columns(_ channel: AlertRule.Channel) -> (String, String, String?) {
        switch channel {
        case .webhook(let url, let secret): ("webhook", url, secret)
        case .email(let to): ("email", to.joined(separator: ","), nil)
        }
    }

    private static func channel(_ kind: String, _ target: String, _ secret: String?) throws -> AlertRule.Channel {
        switch kind {
        case "webhook": return .webhook(url: target, secret: secret)
        case "email": return .email(to: target.split(separator: ",").map(String.init))
        default: throw TallyError.failed("an alert channel \"\(kind)\" this Tally does not know")
        }
    }
}
