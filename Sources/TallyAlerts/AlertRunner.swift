import Foundation
import Logging
import ServiceLifecycle
import TallyApp
import TallyCore
import TallyStore

/// What one run of the alerts did.
public struct AlertRunSummary: Sendable {
    /// Alerts the rules raised that were not raised before.
    public var raised: Int
    public var sent: Int
    /// Alerts that could not be delivered this time, with why; they are tried again on a later run.
    public var failed: [(title: String, reason: String)]
    /// Whether another server sharing the store was running the alerts, so that this run did nothing.
    public var elsewhere = false
}

/// Runs the alerts once: raises what the rules find (recorded before anything is sent), then sends every alert due,
/// each tried three times before it waits for a later run. An alert is marked sent only once delivered.
public struct AlertRunner: Sendable {
    public var operations: Operations
    /// The SMTP server for email rules; without one, email alerts wait (and say why in the send log).
    public var smtp: SMTPSettings?

    public init(operations: Operations, smtp: SMTPSettings?) {
        self.operations = operations
        self.smtp = smtp
    }

    /// One run; `waiting` sends the alerts still waiting for a later attempt too (a run asked for by hand).
    /// Another server sharing the store may be running them: then this run does nothing (`elsewhere`), so that no
    /// alert is sent twice.
    public func run(waiting: Bool = false) async throws(TallyError) -> AlertRunSummary {
        let summary = try await operations.exclusively(.alerts) { () async throws -> AlertRunSummary in
            try await self.runHere(waiting: waiting)
        }
        return summary ?? AlertRunSummary(raised: 0, sent: 0, failed: [], elsewhere: true)
    }

    private func runHere(waiting: Bool) async throws(TallyError) -> AlertRunSummary {
        let raised = try await operations.raiseAlerts()
        var summary = AlertRunSummary(raised: raised.count, sent: 0, failed: [])
        for delivery in try await operations.dueAlerts(waiting: waiting) {
            let error = await deliver(delivery)
            try await operations.recordAlertAttempt(delivery, error: error)
            if let error {
                summary.failed.append((delivery.title, error))
            } else {
                summary.sent += 1
            }
        }
        return summary
    }

    /// Sends one alert, trying three times (after 1 and 2 s); nil once delivered, else the last failure's reason.
    func deliver(_ delivery: AlertDelivery) async -> String? {
        var reason = ""
        for attempt in 0..<3 {
            if attempt > 0 { try? await Task.sleep(for: .seconds(attempt)) }
            do {
                switch delivery.channel {
                case .webhook(let url, let secret):
                    try await WebhookSender().send(delivery, to: url, secret: secret)
                case .email(let to):
                    guard let smtp else { return "no SMTP server is set (TALLY_SMTP or --smtp)" }
                    try await SMTPClient(settings: smtp).send(EmailMessage(delivery, to: to))
                }
                return nil
            } catch let error as AlertSendError {
                reason = error.description
            } catch {
                reason = "\(error)"
            }
        }
        return reason
    }
}

/// The alerts on a schedule, for `tally serve`: a run at start, then every `interval`, until the server stops.
public struct AlertService: Service {
    var runner: AlertRunner
    var interval: Duration
    var logger: Logger

    public init(runner: AlertRunner, interval: Duration, logger: Logger) {
        self.runner = runner
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let summary = try await runner.run()
                if summary.raised + summary.sent + summary.failed.count > 0 {
                    logger.info(
                        "alerts: \(summary.raised) raised, \(summary.sent) sent, \(summary.failed.count) to try again")
                }
            } catch {
                logger.error("alerts: \(error.description)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
