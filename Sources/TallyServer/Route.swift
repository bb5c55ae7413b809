import HTTPTypes
import Hummingbird
import TallyApp

/// One route of the API: its method and path, the permission it needs (nil: open to anyone), what it does, and its
/// handler. The table of routes is the one place routes are declared: the router, the OpenAPI document and the
/// role tests all read it.
public struct Route: Sendable {
    public var method: HTTPRequest.Method
    /// The path, with `{name}` for a parameter.
    public var path: String
    public var permission: Permission?
    public var summary: String
    /// The query parameters it reads.
    public var query: [String]
    /// What its body is, where it takes one.
    public var body: Body?
    /// The status of its success.
    public var success: HTTPResponse.Status
    /// The media type of its success's body.
    public var answer: String
    /// Other media types its success may have, when the query asks for them (`format=csv`).
    public var otherAnswers: [String]
    let handler: @Sendable (Request, ServerContext, Principal?) async throws -> Response

    /// A route's body: a JSON object, a file as it is, or a form's fields.
    public enum Body: Sendable {
        case json, file, form
    }

    init(
        _ method: HTTPRequest.Method, _ path: String, _ permission: Permission?, _ summary: String,
        query: [String] = [], body: Body? = nil, success: HTTPResponse.Status = .ok,
        answer: String = "application/json", otherAnswers: [String] = [],
        _ handler: @escaping @Sendable (Request, ServerContext, Principal?) async throws -> Response
    ) {
        self.method = method
        self.path = path
        self.permission = permission
        self.summary = summary
        self.query = query
        self.body = body
        self.success = success
        self.answer = answer
        self.otherAnswers = otherAnswers
        self.handler = handler
    }

    /// The names of its path parameters, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map {
            String($0.dropFirst().dropLast())
        }
    }
}
