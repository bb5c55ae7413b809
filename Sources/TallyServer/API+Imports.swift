import Foundation
import HTTPTypes
import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Uploads: the file is the body, its kind and options the query. `dryRun=true` previews what the import would do
/// (or, for license-server files, what they hold) and writes nothing; the same upload without it imports.
extension API {
    var importRoutes: [Route] {
        [
            Route(
                .post, "/api/v1/imports", .edit,
                "Import a file (kind: estate, flexlm-log, lmstat, rlmstat, glpi, osquery, winreg, swid, csv); "
                    + "dryRun=true previews it",
                query: [
                    "kind", "dryRun", "name", "mode", "skipInvalid", "device", "server", "timeZone", "at", "preset",
                    "map", "csvKind", "dates",
                ],
                body: .file
            ) { request, context, principal in
                try await importUpload(request, context, principal!)
            }
        ]
    }

    func importUpload(_ request: Request, _ context: ServerContext, _ principal: Principal) async throws -> Response {
        let query = request.uri.queryParameters
        let options = try ImportOptions { query.get($0) }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw Problem(.badRequest, "the body is empty: send the file as it is") }
        let file = Upload(name: query.get("name") ?? "upload", bytes: Array(buffer: buffer))
        let outcome = try await runImport(file, options, by: principal.caller)
        if case .inventory(let imported) = outcome, !imported.invalid.isEmpty, !options.skipInvalid {
            throw Self.invalidRows(imported.invalid.map(\.description))
        }
        return json(Self.importJSON(outcome, dryRun: options.dryRun))
    }

    /// What an import did (or, previewed, would do), as the API answers it.
    static func importJSON(_ outcome: ImportOutcome, dryRun: Bool) -> String {
        switch outcome {
        case .estate(let summary):
            return Self.summary(summary, dryRun: dryRun, extra: [])
        case .flexLMPreview(let report):
            return JSONWriter.object([
                "dryRun": .bool(true), "checkouts": .int(report.checkouts.count), "denials": .int(report.denials.count),
                "restarts": .int(report.restarts), "vendor": .string(report.vendor),
            ])
        case .flexLM(let imported):
            return Self.summary(imported.summary, dryRun: false, extra: [("source", .string(imported.source))])
        case .statusPreview(let report):
            return JSONWriter.object([
                "dryRun": .bool(true), "checkouts": .int(report.checkouts.count),
                "features": .int(report.features.count), "servers": .strings(report.servers.map(\.name)),
            ])
        case .status(let imported):
            return Self.summary(
                imported.summary, dryRun: false,
                extra: [("server", .string(imported.server)), ("sampledAt", .string(imported.sampledAt.description))])
        case .purchases(let imported):
            return Self.summary(
                imported.summary, dryRun: dryRun,
                extra: [
                    ("rows", .int(imported.rows)), ("productsMade", .strings(imported.made)),
                    ("invalid", .strings(imported.invalid.map(\.description))),
                ])
        case .inventory(let imported):
            let summary = imported.summary
            return JSONWriter.object([
                "dryRun": .bool(dryRun), "devicesAdded": .int(summary.devicesAdded),
                "devicesUpdated": .int(summary.devicesUpdated), "devicesUnchanged": .int(summary.devicesUnchanged),
                "softwareAdded": .int(summary.softwareAdded), "softwareSeen": .int(summary.softwareSeen),
                "softwareRemoved": .int(summary.softwareRemoved), "titlesRecognized": .int(summary.titlesRecognized),
                "titlesIgnored": .int(summary.titlesIgnored), "titlesUnrecognized": .int(summary.titlesUnrecognized),
                "installations": .int(summary.installations), "productsAdded": .int(summary.productsAdded),
                "skipped": .strings(imported.skipped.prefix(100).map(\.description)),
                "invalid": .strings(imported.invalid.map(\.description)),
            ])
        }
    }

    /// An import's counts per collection: `{"dryRun", "batch", "collections": {"devices": {...}, ...}, ...}`.
    static func summary(
        _ summary: ImportSummary, dryRun: Bool, extra: [(key: String, value: JSONValue)]
    ) -> String {
        let collections = summary.collections.map { name, counts in
            (
                key: name,
                value: JSONValue.json(
                    JSONWriter.object([
                        "inserted": .int(counts.inserted), "updated": .int(counts.updated),
                        "unchanged": .int(counts.unchanged), "removed": .int(counts.removed),
                    ]))
            )
        }
        var fields: [(key: String, value: JSONValue)] = [
            ("dryRun", .bool(dryRun)), ("batch", summary.batch.map { .int(Int($0)) } ?? .string(nil)),
            ("collections", .json(JSONWriter.object(collections))),
        ]
        fields += extra
        return JSONWriter.object(fields)
    }
}
