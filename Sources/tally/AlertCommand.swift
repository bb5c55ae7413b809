import ArgumentParser
import Foundation
import TallyAlerts
import TallyApp
import TallyCore
import TallyStore

/// `tally alert add|list|remove|log`: the rules that tell someone when something needs acting on.
struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "Keep the alert rules, and see what they sent.",
        discussion: """
            Kinds: renewal (a contract or entitlement renews or ends within a stage), notice (a contract's notice \
            deadline is within a stage, or has passed), shortfall (a product becomes short), exposure (the exposure \
            rose by more than --threshold), unlicensed (a product is used and nobody owns a license), denials (more \
            than --threshold denials of a product in 30 days), expired (an entitlement ended while its product is \
            used). Each alert is sent once per rule, subject and stage; `tally alerts run` sends them.
            """,
        subcommands: [Add.self, List.self, Remove.self, Log.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an alert rule.")

        @Argument(help: "renewal, notice, shortfall, exposure, unlicensed, denials or expired.") var kind:
            AlertRule.Kind
        @Option(help: "Days ahead to alert at, for renewal and notice (default 90,60,30,7).") var stages: String?
        @Option(parsing: .unconditional, help: "The amount (exposure) or count (denials) to alert past.")
        var threshold: Double?
        @Option(help: "Send to this webhook (an http:// or https:// address).") var webhook: String?
        @Option(help: "The webhook's shared secret, to sign each body (X-Tally-Signature).") var secret: String?
        @Option(help: "Send to this email address (repeat for several).") var email: [String] = []
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func validate() throws {
            guard (webhook == nil) != email.isEmpty else {
                throw ValidationError("Give either --webhook or --email.")
            }
            if secret != nil, webhook == nil { throw ValidationError("--secret goes with --webhook.") }
            if let stages, stages.split(separator: ",").contains(where: { Int($0) == nil }) {
                throw ValidationError("--stages is days separated by commas: 90,60,30,7.")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let channel: AlertRule.Channel =
                    webhook.map { .webhook(url: $0, secret: secret) } ?? .email(to: email)
                let rule = AlertRule(
                    id: 0, kind: kind, stages: stages?.split(separator: ",").compactMap { Int($0) } ?? [],
                    threshold: threshold, channel: channel)
                let operations = try store.operations()
                let added: AlertRule
                do throws(TallyError) {
                    added = try await operations.addAlertRule(rule, by: who.caller)
                } catch {
                    throw store.failure(error)
                }
                Terminal.write("Added alert rule \(added.id): \(AlertText.rule(added)).\n")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the alert rules.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.reading()
                let rules: [AlertRule]
                do throws(TallyError) { rules = try await operations.alertRules() } catch {
                    throw store.failure(error)
                }
                guard !rules.isEmpty else {
                    Terminal.write("No alert rule yet: `tally alert add renewal --email you@example.com`.\n")
                    return
                }
                Terminal.write(rules.map { "\($0.id)  \(AlertText.rule($0))" }.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an alert rule (its send log stays).")
        @Argument(help: "The rule's number.") var id: Int64
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Removed alert rule \(id).") { operations, caller throws(TallyError) in
                    try await operations.removeAlertRule(id, by: caller)
                }
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The alerts raised, newest first: sent or waiting.")
        @Option(help: "How many (default 50).") var limit: Int = 50
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.reading()
                let log: [AlertDelivery]
                do throws(TallyError) { log = try await operations.alertLog(limit: max(1, min(limit, 10_000))) } catch {
                    throw store.failure(error)
                }
                guard !log.isEmpty else {
                    Terminal.write("No alert raised yet.\n")
                    return
                }
                Terminal.write(log.map(AlertText.delivery).joined(separator: "\n") + "\n")
            }
        }
    }
}

/// `tally alerts run`: raise and send the alerts once (for cron; `tally serve` does it on a schedule).
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Raise and send the alerts once (for cron).", subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate every alert rule, record what is new, and send every alert due.",
            discussion: """
                Each alert is recorded before it is sent and marked sent once delivered; one that fails is tried again \
                by the next run (this command sends every alert not sent yet; `tally serve` waits 1, 2, 4... minutes, \
                at most a day, between attempts) and carries the same idempotency key each time.
                """)
        @OptionGroup var smtp: SMTPOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let runner = AlertRunner(operations: try store.operations(), smtp: try smtp.settings())
                let summary: AlertRunSummary
                do throws(TallyError) { summary = try await runner.run(waiting: true) } catch {
                    throw store.failure(error)
                }
                guard !summary.elsewhere else {
                    Terminal.write("Another server sharing the store is running the alerts now; nothing was sent.\n")
                    return
                }
                var text = "Raised \(summary.raised) new alerts; sent \(summary.sent)."
                if !summary.failed.isEmpty {
                    text += " \(summary.failed.count) could not be sent and will be tried again:\n"
                    text += summary.failed.map { "  \($0.title): \($0.reason)" }.joined(separator: "\n")
                }
                Terminal.write(text + "\n")
                if !summary.failed.isEmpty { throw ExitCode(3) }
            }
        }
    }
}

/// The SMTP server alert emails go through: `--smtp URL`, else `TALLY_SMTP`.
struct SMTPOptions: ParsableArguments {
    @Option(
        name: .customLong("smtp"),
        help: "smtp://USER:PASSWORD@HOST:PORT?from=ADDRESS[&starttls=required|optional|off][&ca=PEM] (or TALLY_SMTP).")
    var url: String?

    func settings() throws(CommandError) -> SMTPSettings? {
        guard let text = url ?? ProcessInfo.processInfo.environment["TALLY_SMTP"] else { return nil }
        do throws(SMTPSettingsError) {
            return try SMTPSettings(url: text)
        } catch {
            throw .input("--smtp", reason: error.description)
        }
    }
}

/// Rules and alerts in words for the terminal.
enum AlertText {
    static func rule(_ rule: AlertRule) -> String {
        var what = rule.kind.rawValue
        if !rule.stages.isEmpty { what += " at " + rule.stages.map { "\($0)" }.joined(separator: ", ") + " days" }
        if let threshold = rule.threshold { what += " past \(threshold)" }
        switch rule.channel {
        case .webhook(let url, let secret): return what + " to \(url)" + (secret == nil ? "" : " (signed)")
        case .email(let to): return what + " to " + to.joined(separator: ", ")
        }
    }

    static func delivery(_ delivery: AlertDelivery) -> String {
        let state =
            delivery.status == .sent
            ? "sent \(delivery.sent?.description ?? "")"
            : "waiting (\(delivery.attempts) attempts\(delivery.lastError.map { ": " + $0 } ?? ""))"
        return "\(delivery.created)  rule \(delivery.rule)  \(delivery.title)  [\(state)]"
    }
}

extension AlertRule.Kind: ExpressibleByArgument {}
