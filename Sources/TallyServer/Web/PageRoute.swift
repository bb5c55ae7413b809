import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TallyApp
import TallyCore
import TallyFormats

/// One page of the web interface: its method and path, the permission it needs, and its handler. Pages are served
/// as HTML to a signed-in browser: an anonymous visit is sent to the sign-in page, a role that may not see the page
/// gets a page saying so, and a form sent without the session's CSRF token changes nothing.
struct PageRoute: Sendable {
    var method: HTTPRequest.Method
    var path: String
    var permission: Permission
    let handler: @Sendable (WebRequest) async throws -> Response

    init(
        _ method: HTTPRequest.Method, _ path: String, _ permission: Permission,
        _ handler: @escaping @Sendable (WebRequest) async throws -> Response
    ) {
        self.method = method
        self.path = path
        self.permission = permission
        self.handler = handler
    }
}

/// What a page's handler works from: the request, its signed-in account, and the form it sent.
struct WebRequest: Sendable {
    var request: Request
    var context: ServerContext
    var principal: Principal
    /// The fields of the form sent (empty for a GET).
    var form: FormFields
    /// The file a multipart form sent, where it sent one.
    var file: MultipartForm.Part?

    /// A query parameter, trimmed; nil when absent or blank.
    func query(_ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespacesAndNewlines),
            !value.isEmpty
        else { return nil }
        return value
    }

    /// The path parameter `name`.
    func parameter(_ name: String) throws -> String { try context.parameters.require(name) }

    /// The 1-based page number the query asks for (`page`), at most 10^6.
    var pageNumber: Int { min(max(query("page").flatMap { Int($0) } ?? 1, 1), 1_000_000) }
}

extension API {
    /// Serves a page: signed in (else to the sign-in page), of a role that may (else a 403 page), its form read and
    /// its CSRF token checked; what the handler throws becomes a page that says what went wrong.
    func serve(_ page: PageRoute, _ request: Request, _ context: ServerContext) async -> Response {
        guard let principal = context.principal else {
            let next = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            return redirect("/signin" + queryString([("next", next == "/" ? nil : next)]))
        }
        let shell = PageShell(principal: principal)
        guard principal.may(page.permission) else {
            return shell.error(
                .forbidden, "Your role (\(principal.account.role.rawValue)) may not \(page.permission.verb).")
        }
        do {
            var web = WebRequest(
                request: request, context: context, principal: principal, form: FormFields(), file: nil)
            if request.method == .post {
                (web.form, web.file) = try await readForm(request, context)
                guard principal.acceptsCSRF(web.form["csrf"] ?? "") else {
                    return shell.error(.forbidden, "This form has expired. Reload the page and send it again.")
                }
            }
            return try await page.handler(web)
        } catch is NIOTooManyBytesError {
            return shell.error(.contentTooLarge, "The file is larger than 64 MB; split it.")
        } catch {
            switch error {
            case TallyError.failed(let reason): context.logger.error("store failure: \(reason)")
            case is Problem, is TallyError: break
            default: context.logger.error("unexpected failure: \(String(describing: error))")
            }
            let problem = Problem(error)
            return shell.error(problem.status, problem.detail)
        }
    }

    /// A form's fields, and its file when it came as `multipart/form-data` (up to 64 MB; other forms up to 1 MB).
    private func readForm(
        _ request: Request, _ context: ServerContext
    ) async throws -> (FormFields, MultipartForm.Part?) {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let form: MultipartForm
            do {
                form = try MultipartForm(contentType: type, body: Array(buffer: buffer))
            } catch {
                throw Problem(.badRequest, "The form could not be read (\(error.description)). Send it again.")
            }
            var fields: [String: String] = [:]
            for part in form.parts where part.filename == nil {
                if fields[part.name] == nil, let value = form[field: part.name] { fields[part.name] = value }
            }
            return (FormFields(fields), form.file("file"))
        }
        let buffer = try await request.body.collect(upTo: 1 << 20)
        return (FormFields(String(buffer: buffer)), nil)
    }
}

/// A 303 to `location`: where a form's handler sends the browser once it has done its work.
func redirect(_ location: String) -> Response {
    Response(status: .seeOther, headers: [.location: location])
}

/// An HTML page with the pages' security policy: styles from this server, no script at all, forms to it alone.
func htmlResponse(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.contentSecurityPolicy] =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html.text)))
}
