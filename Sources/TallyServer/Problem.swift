import HTTPTypes
import Hummingbird
import NIOCore
import TallyCore
import TallyFormats

/// An error as an API answers it: RFC 9457 problem details, `application/problem+json`, with the status that says
/// what kind of failure it is. Its words are the operation's, never a type name or a secret.
public struct Problem: Error, Equatable, Sendable {
    public var status: HTTPResponse.Status
    public var detail: String
    /// The field at fault (`quantity`, `line 12`), where one is.
    public var field: String?

    public init(_ status: HTTPResponse.Status, _ detail: String, field: String? = nil) {
        self.status = status
        self.detail = detail
        self.field = field
    }

    /// An operation's failure with its status: 404, 409, 422, 503, 401, 403, 429; a store failure is a 500.
    public init(_ error: TallyError) {
        switch error {
        case .notFound: self.init(.notFound, error.description)
        case .conflict: self.init(.conflict, error.description)
        case .invalid(let path, let reason): self.init(.unprocessableContent, reason, field: path.isEmpty ? nil : path)
        case .unavailable: self.init(.serviceUnavailable, error.description)
        case .unauthenticated: self.init(.unauthorized, error.description)
        case .forbidden: self.init(.forbidden, error.description)
        case .tooManyAttempts: self.init(.tooManyRequests, error.description)
        case .cannotOpen, .failed: self.init(.internalServerError, "the store failed; nothing was changed")
        }
    }

    /// Any error as the pages tell it: an operation's with its status, anything else a 500 that names nothing.
    init(_ error: any Error) {
        switch error {
        case let problem as Problem: self = problem
        case let error as TallyError: self.init(error)
        default: self.init(.internalServerError, "the server failed; nothing was changed")
        }
    }

    static let unauthenticated = Problem(.unauthorized, "sign in first, or send an API token as Authorization: Bearer")
    static let csrf = Problem(.forbidden, "the form's CSRF token is missing or wrong; reload the page and try again")

    static func forbidden(_ what: String) -> Problem {
        Problem(.forbidden, "your role may not \(what)")
    }

    /// The problem document.
    public var response: Response {
        var fields: [(key: String, value: JSONValue)] = [
            ("type", .string("about:blank")), ("title", .string(status.reasonPhrase)), ("status", .int(status.code)),
            ("detail", .string(detail)),
        ]
        if let field { fields.append(("field", .string(field))) }
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .tooManyRequests { headers[.retryAfter] = "900" }
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: JSONWriter.object(fields))))
    }
}

/// Turns every error a handler throws into a problem document; what is not foreseen is a 500 that names nothing
/// of the inside (the log keeps it, with the request's id).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response
        } catch let error as TallyError {
            if case .failed = error { context.logger.error("store failure: \(error.description)") }
            return Problem(error).response
        } catch is NIOTooManyBytesError {
            return Problem(.contentTooLarge, "the body is larger than this route takes; send less").response
        } catch let error as HTTPError {
            if error.status == .contentTooLarge {
                return Problem(.contentTooLarge, "the upload is larger than 64 MB; split it").response
            }
            return Problem(error.status, error.body ?? error.status.reasonPhrase).response
        } catch {
            context.logger.error("unexpected failure: \(String(describing: error))")
            return Problem(.internalServerError, "the server failed; nothing was changed").response
        }
    }
}
