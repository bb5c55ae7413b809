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
    let handler: @Sendable (Request, ServerContext, Principal?) async throws -> Response

    init(
        _ method: HTTPRequest.Method, _ path: String, _ permission: Permission?, _ summary: String,
        _ handler: @escaping @Sendable (Request, ServerContext, Principal?) async throws -> Response
    ) {
        self.method = method
        self.path = path
        self.permission = permission
        self.summary = summary
        self.handler = handler
    }
}
