import HTTPTypes
import Hummingbird
import Logging
import Prometheus
import TallyApp

/// What `/metrics` tells Prometheus: requests by route and status, their latency, rows imported, and the
/// positions computed with the seconds they took.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        .seconds(5), .seconds(10),
    ]

    public init() {}

    func request(route: String, method: String, status: Int, took: Duration) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "tally", metricName: "http_requests", unitName: "total",
                helpText: "Requests answered, by route, method and status"),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "tally", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer a request, by route"),
            labels: [("route", route)], buckets: Self.buckets
        ).record(took)
    }

    func imported(rows: Int, kind: String) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "tally", metricName: "import_rows", unitName: "total",
                helpText: "Records written by imports, by kind of file"),
            labels: [("kind", kind)]
        ).increment(by: Int64(rows))
    }

    /// The exposition text, with the positions computed so far.
    func exposition(positions: (count: Int, seconds: Double)) -> [UInt8] {
        registry.makeGauge(
            descriptor: .init(
                namespace: "tally", metricName: "positions_computed", unitName: "count",
                helpText: "Positions computed since the server started (each change to the estate makes one)")
        ).set(to: Double(positions.count))
        registry.makeGauge(
            descriptor: .init(
                namespace: "tally", metricName: "reconcile", unitName: "seconds",
                helpText: "Seconds spent computing positions since the server started")
        ).set(to: positions.seconds)
        return registry.emitToBuffer()
    }
}

/// Counts and times every request under the route that answered it (its template, so that ids do not make new
/// series), and writes one log line for it with the request's id: method, route, status, milliseconds.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let took = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, method: request.method.rawValue, status: response.status.code, took: took)
        let milliseconds = Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1000
        context.logger.info(
            "\(request.method.rawValue) \(route) \(response.status.code) \(Int(milliseconds.rounded())) ms")
        return response
    }
}
