import HTTPTypes
import TallyApp
import TallyFormats

/// The OpenAPI 3.1 document of the API, written from the route table itself: every route with its parameters,
/// body, security and answers, so that the document cannot describe a route the server does not have.
enum OpenAPIDocument {
    static func json(_ routes: [Route]) -> String {
        // Each path once, in the order its first route comes, with its methods in theirs.
        var order: [String] = []
        var operations: [String: [(key: String, value: JSONValue)]] = [:]
        for route in routes {
            if operations[route.path] == nil { order.append(route.path) }
            operations[route.path, default: []].append((route.method.rawValue.lowercased(), .json(operation(route))))
        }
        let paths = order.map { path in (key: path, value: JSONValue.json(JSONWriter.object(operations[path] ?? []))) }
        return JSONWriter.object([
            ("openapi", .string("3.1.0")),
            (
                "info",
                .json(
                    JSONWriter.object([
                        "title": .string("Tally"), "version": .string(TallyRelease.version),
                        "description": .string(
                            "The license position, the license inventory and what is installed and used. Sign in "
                                + "with POST /api/v1/session (a cookie; changes then carry X-CSRF-Token) or send an "
                                + "API token as Authorization: Bearer."),
                    ]))
            ),
            ("paths", .json(JSONWriter.object(paths))),
            ("components", .json(components)),
        ])
    }

    private static func operation(_ route: Route) -> String {
        var parameters = route.pathParameters.map { name in
            JSONWriter.object([
                "name": .string(name), "in": .string("path"), "required": .bool(true),
                "schema": .json(#"{"type": "string", "minLength": 1}"#),
            ])
        }
        parameters += route.query.map { name in
            JSONWriter.object([
                "name": .string(name), "in": .string("query"), "required": .bool(false),
                "schema": .json(querySchema(name)),
            ])
        }
        var fields: [(key: String, value: JSONValue)] = [
            ("summary", .string(route.summary)),
            ("operationId", .string(operationID(route))),
            ("parameters", .json("[" + parameters.joined(separator: ", ") + "]")),
        ]
        switch route.body {
        case .json:
            fields.append(
                (
                    "requestBody",
                    .json(#"{"required": true, "content": {"application/json": {"schema": {"type": "object"}}}}"#)
                ))
        case .file:
            fields.append(
                (
                    "requestBody",
                    .json(
                        #"{"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "#
                            + #""format": "binary"}}}}"#)
                ))
        case .form:
            fields.append(
                (
                    "requestBody",
                    .json(
                        #"{"required": true, "content": {"application/x-www-form-urlencoded": {"schema": "#
                            + #"{"type": "object", "properties": {"token": {"type": "string"}, "#
                            + #""name": {"type": "string"}, "password": {"type": "string"}}}}}}"#)
                ))
        case nil: break
        }
        fields.append(("security", .json(route.permission == nil ? "[]" : #"[{"bearer": []}, {"session": []}]"#)))
        var responses: [(key: String, value: JSONValue)] = [
            (
                String(route.success.code),
                .json(
                    route.success == .noContent
                        ? JSONWriter.object(["description": .string(route.success.reasonPhrase)])
                        : JSONWriter.object([
                            "description": .string(route.success.reasonPhrase),
                            "content": .json(content(route)),
                        ]))
            )
        ]
        responses.append(("4XX", .json(##"{"$ref": "#/components/responses/Problem"}"##)))
        responses.append(("5XX", .json(##"{"$ref": "#/components/responses/Problem"}"##)))
        fields.append(("responses", .json(JSONWriter.object(responses))))
        return JSONWriter.object(fields)
    }

    /// What a route's success carries: JSON, the setup form's HTML, or a file.
    private static func content(_ route: Route) -> String {
        if route.path == "/setup" { return #"{"text/html": {"schema": {"type": "string"}}}"# }
        return JSONWriter.object(
            ([route.answer] + route.otherAnswers).map { (type: String) -> (key: String, value: JSONValue) in
                if type == "application/json" { return (type, .json(#"{"schema": {}}"#)) }
                return (type, .json(#"{"schema": {"type": "string", "contentMediaType": "\#(type)"}}"#))
            })
    }

    /// `getApiV1ProductsIdConsumers`.
    private static func operationID(_ route: Route) -> String {
        let words = route.path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return route.method.rawValue.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func querySchema(_ name: String) -> String {
        switch name {
        case "limit": #"{"type": "integer", "minimum": 1, "maximum": 500}"#
        case "dryRun", "skipInvalid", "rollup", "detail": #"{"type": "boolean"}"#
        default: #"{"type": "string"}"#
        }
    }

    private static let components = """
        {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, \
        "session": {"type": "apiKey", "in": "cookie", "name": "tally_session"}}, \
        "schemas": {"Problem": {"type": "object", "required": ["type", "title", "status", "detail"], \
        "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, \
        "detail": {"type": "string"}, "field": {"type": "string"}}}}, \
        "responses": {"Problem": {"description": "A problem (RFC 9457)", \
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}
        """
}
