import TallyCore
import TallyFormats
import TallyStore

/// Alert rules, and the alerts they raise: each recorded in the send log before it is sent, once per rule, subject
/// and stage, with the key every attempt carries. Sending is the caller's (`TallyAlerts`); this decides what to send.
extension Operations {
    public func alertRules() async throws(TallyError) -> [AlertRule] {
        try await reading { try $0.alertRules() }
    }

    /// Adds a rule, checked: stages of 1 to 3650 days (renewal and notice rules default to 90, 60, 30, 7), a
    /// threshold of 0 or more where the kind needs one, an http(s) address or email addresses to send to.
    public func addAlertRule(_ rule: AlertRule, by caller: Caller) async throws(TallyError) -> AlertRule {
        var rule = rule
        switch rule.kind {
        case .renewal, .notice:
            if rule.stages.isEmpty { rule.stages = AlertRule.defaultStages }
            guard rule.stages.allSatisfy({ (1...3650).contains($0) }), rule.stages.count <= 12 else {
                throw .invalid(path: "stages", reason: "up to 12 stages, each 1 to 3650 days")
            }
            rule.stages = Array(Set(rule.stages)).sorted(by: >)
        case .exposure, .denials:
            guard let threshold = rule.threshold, threshold.isFinite, threshold >= 0, threshold <= 1e12 else {
                throw .invalid(path: "threshold", reason: "this kind of rule needs a threshold of 0 or more")
            }
            rule.stages = []
        case .shortfall, .unlicensed, .expired:
            rule.stages = []
        }
        try Self.check(rule.channel)
        let added = rule
        let at = now
        let signing = signing
        return try await writing { writer in
            var stored = added
            stored.id = try writer.insert(added)
            let state = try signing.lastState(in: writer, asOf: at.day)
            try signing.append(
                AuditChange(
                    entity: "alert", id: String(stored.id), action: "add", before: nil,
                    after: Self.describe(stored)),
                actor: caller.name, at: at, state: state, in: writer)
            return stored
        }
    }

    public func removeAlertRule(_ id: Int64, by caller: Caller) async throws(TallyError) {
        let at = now
        let signing = signing
        try await writing { writer in
            guard let rule = try writer.alertRules().first(where: { $0.id == id }) else {
                throw TallyError.notFound(kind: "alert rule", id: String(id))
            }
            try writer.deleteAlertRule(id)
            let state = try signing.lastState(in: writer, asOf: at.day)
            try signing.append(
                AuditChange(
                    entity: "alert", id: String(id), action: "remove", before: Self.describe(rule), after: nil),
                actor: caller.name, at: at, state: state, in: writer)
        }
    }

    /// The send log, newest first.
    public func alertLog(limit: Int = 200) async throws(TallyError) -> [AlertDelivery] {
        try await reading { try $0.alertDeliveries(limit: limit) }
    }

    /// Evaluates every rule against the store as it is now and records the alerts not raised before (pending);
    /// returns those recorded now. Recording comes before any sending, so that a process stopped mid-way loses none.
    @discardableResult
    public func raiseAlerts() async throws(TallyError) -> [AlertDelivery] {
        let rules = try await alertRules()
        guard !rules.isEmpty else { return [] }
        let facts = try await alertFacts(for: rules)
        let at = now
        var deliveries: [AlertDelivery] = []
        for rule in rules {
            for event in AlertEvaluation.events(rule, facts) {
                deliveries.append(
                    AlertDelivery(
                        id: 0, rule: rule.id, subject: event.subject, stage: event.stage,
                        key: Self.idempotencyKey(event), title: event.title, text: event.text, channel: rule.channel,
                        created: at, nextAttempt: at))
            }
        }
        let candidates = deliveries
        return try await writing { writer in
            var recorded: [AlertDelivery] = []
            for delivery in candidates where try writer.insert(delivery) { recorded.append(delivery) }
            return recorded
        }
    }

    /// The alerts waiting to be sent whose next attempt is due; with `waiting`, those waiting for a later attempt
    /// too (a run asked for by hand sends every alert not sent yet).
    public func dueAlerts(waiting: Bool = false) async throws(TallyError) -> [AlertDelivery] {
        let at = waiting ? nil : now
        return try await reading { try $0.pendingDeliveries(dueBy: at) }
    }

    /// Records an attempt to send: sent, or failed with its reason and tried again later (after 1, 2, 4... minutes,
    /// at most a day, counted from the attempts made).
    public func recordAlertAttempt(_ delivery: AlertDelivery, error: String?) async throws(TallyError) {
        let at = now
        let wait = Int64(60) << Int64(min(delivery.attempts, 10))
        let next = error == nil ? at : Instant(secondsSinceEpoch: at.secondsSinceEpoch + min(wait, 86_400))
        try await writing { writer in
            try writer.recordAttempt(
                delivery.id, sent: error == nil ? at : nil, error: error.map { String($0.prefix(500)) },
                nextAttempt: next)
        }
    }

    /// What the rules are judged against, read once for all of them.
    private func alertFacts(for rules: [AlertRule]) async throws(TallyError) -> AlertFacts {
        let today = self.today
        let position = try await latestPosition()
        let history = try await history()
        let (contracts, entitlements) = try await contractsAndEntitlements()
        let renewals = renewals(
            within: rules.flatMap(\.stages).max() ?? 0, contracts: contracts, entitlements: entitlements,
            position: position)
        var shortSince: [Product.ID: Day] = [:]
        if rules.contains(where: { $0.kind == .shortfall }) {
            for item in position.positions where item.shortfall > 0 {
                let snapshots = try await self.history(product: item.product)
                // The first snapshot of the current run of shortfall: the day it became short.
                var since = position.asOf
                for snapshot in snapshots.reversed() {
                    guard let figures = snapshot.position, figures.shortfall > 0 else { break }
                    since = snapshot.asOf
                }
                shortSince[item.product] = since
            }
        }
        var denials: [Product.ID: Int] = [:]
        if rules.contains(where: { $0.kind == .denials }) {
            let groups = try await self.denials(UsageSelection(from: today.adding(days: -29), to: today)) ?? []
            for group in groups { denials[group.product, default: 0] += group.count }
        }
        let latest = history.last
        let previous = history.dropLast().last
        return AlertFacts(
            today: today, currency: position.currency, position: position, renewals: renewals, contracts: contracts,
            entitlements: entitlements, shortSince: shortSince,
            exposureRise: latest.flatMap { latest in
                previous.map { (rise: latest.exposure - $0.exposure, since: $0.asOf, snapshot: latest.id) }
            }, denials: denials)
    }

    /// The same key for the same rule, subject and stage: what a receiver drops a repeat by.
    static func idempotencyKey(_ event: AlertEvent) -> String {
        "tally-" + AuditChain.digest(Array("\(event.rule)|\(event.subject)|\(event.stage)".utf8)).prefix(32)
    }

    /// Refuses a channel that cannot be sent to: a webhook not on http(s), email addresses that are not ones.
    static func check(_ channel: AlertRule.Channel) throws(TallyError) {
        switch channel {
        case .webhook(let url, let secret):
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.count <= 2048,
                !url.contains(where: { $0.isWhitespace })
            else { throw .invalid(path: "webhook", reason: "an http:// or https:// address, without spaces") }
            if let secret, secret.count > 512 { throw .invalid(path: "secret", reason: "at most 512 characters") }
        case .email(let to):
            guard !to.isEmpty, to.count <= 20 else { throw .invalid(path: "email", reason: "1 to 20 addresses") }
            for address in to {
                let parts = address.split(separator: "@", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), address.count <= 254,
                    !address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
                else { throw .invalid(path: "email", reason: "\"\(address)\" is not an email address") }
            }
        }
    }

    /// A rule in words for the audit trail: never its webhook secret.
    static func describe(_ rule: AlertRule) -> String {
        let target: JSONValue
        switch rule.channel {
        case .webhook(let url, _): target = .string("webhook " + url)
        case .email(let to): target = .string("email " + to.joined(separator: ", "))
        }
        return JSONWriter.object([
            ("kind", .string(rule.kind.rawValue)), ("stages", .strings(rule.stages.map(String.init))),
            ("threshold", rule.threshold.map { .decimal($0) } ?? .string(nil)), ("to", target),
        ])
    }
}
