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

    static let importKinds = ["estate", "flexlm-log", "lmstat", "rlmstat", "glpi", "osquery", "winreg", "swid", "csv"]

    func importUpload(_ request: Request, _ context: ServerContext, _ principal: Principal) async throws -> Response {
        let query = request.uri.queryParameters
        guard let kind = query.get("kind"), Self.importKinds.contains(kind) else {
            throw Problem(
                .badRequest, "kind is one of " + Self.importKinds.joined(separator: ", "), field: "kind")
        }
        let dryRun = try flag(query.get("dryRun"), "dryRun")
        let skipInvalid = try flag(query.get("skipInvalid"), "skipInvalid")
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw Problem(.badRequest, "the body is empty: send the file as it is") }
        let file = Upload(name: query.get("name") ?? "upload", bytes: Array(buffer: buffer))
        let caller = principal.caller
        switch kind {
        case "estate":
            let mode = try query.get("mode").map { text in
                guard let mode = ImportMode(rawValue: text) else { throw invalid("mode", text) }
                return mode
            }
            let summary = try await operations.importEstate(file, mode: mode ?? .merge, dryRun: dryRun, by: caller)
            if !dryRun { metrics.imported(rows: summary.total.inserted + summary.total.updated, kind: kind) }
            return json(Self.summary(summary, dryRun: dryRun, extra: []))
        case "flexlm-log":
            let zone = try timeZone(query.get("timeZone"))
            if dryRun {
                let report = try operations.readFlexLMLog(file, timeZone: zone)
                return json(
                    JSONWriter.object([
                        "dryRun": .bool(true), "checkouts": .int(report.checkouts.count),
                        "denials": .int(report.denials.count), "restarts": .int(report.restarts),
                        "vendor": .string(report.vendor),
                    ]))
            }
            let imported = try await operations.importFlexLMLog(
                file, server: query.get("server"), timeZone: zone, again: false, by: caller)
            metrics.imported(rows: imported.summary.total.inserted + imported.summary.total.updated, kind: kind)
            return json(Self.summary(imported.summary, dryRun: false, extra: [("source", .string(imported.source))]))
        case "lmstat", "rlmstat":
            let kind = StatusReportKind(rawValue: kind)!
            let zone = try timeZone(query.get("timeZone"))
            let at = try query.get("at").map { text in
                guard let at = Instant(text) else { throw Problem(.badRequest, "not a moment (ISO 8601)", field: "at") }
                return at
            }
            if dryRun {
                let report = try operations.readStatusReport(file, kind: kind, at: at, timeZone: zone)
                return json(
                    JSONWriter.object([
                        "dryRun": .bool(true), "checkouts": .int(report.checkouts.count),
                        "features": .int(report.features.count), "servers": .strings(report.servers.map(\.name)),
                    ]))
            }
            let imported = try await operations.importStatusReport(
                file, kind: kind, at: at, server: query.get("server"), timeZone: zone, by: caller)
            metrics.imported(
                rows: imported.summary.total.inserted + imported.summary.total.updated, kind: kind.rawValue)
            return json(
                Self.summary(
                    imported.summary, dryRun: false,
                    extra: [
                        ("server", .string(imported.server)), ("sampledAt", .string(imported.sampledAt.description)),
                    ]
                ))
        case "csv":
            let (columns, dates) = try columnMap(query)
            if columns.kind == .entitlements {
                let list = try operations.readPurchases(file, columns: columns, dates: dates)
                let imported = try await operations.importPurchases(
                    list, from: file, skipInvalid: skipInvalid, dryRun: dryRun, by: caller)
                if !dryRun { metrics.imported(rows: imported.rows, kind: "csv") }
                return json(
                    Self.summary(
                        imported.summary, dryRun: dryRun,
                        extra: [
                            ("rows", .int(imported.rows)), ("productsMade", .strings(imported.made)),
                            ("invalid", .strings(imported.invalid.map(\.description))),
                        ]))
            }
            return try await importInventory(file, .spreadsheet(columns, dates: dates), skipInvalid, dryRun, caller)
        default:
            let format: InventoryFormat
            switch kind {
            case "glpi": format = .glpi
            case "osquery": format = .osquery(device: query.get("device"))
            case "winreg": format = .winreg(device: try device(query))
            default: format = .swid(device: try device(query))
            }
            return try await importInventory(file, format, skipInvalid, dryRun, caller)
        }
    }

    private func importInventory(
        _ file: Upload, _ format: InventoryFormat, _ skipInvalid: Bool, _ dryRun: Bool, _ caller: Caller
    ) async throws -> Response {
        let report = try operations.readInventory([file], as: format)
        if !report.invalid.isEmpty, !skipInvalid {
            let list = report.invalid.prefix(20).map(\.description).joined(separator: "; ")
            throw Problem(
                .unprocessableContent,
                "\(report.invalid.count) invalid rows; nothing was imported. Correct them, or import the other rows "
                    + "with skipInvalid=true: \(list)")
        }
        let imported = try await operations.importInventory(
            report, from: [file], as: format, skipInvalid: skipInvalid, dryRun: dryRun, by: caller)
        let summary = imported.summary
        if !dryRun { metrics.imported(rows: summary.softwareAdded + summary.softwareSeen, kind: format.source) }
        return json(
            JSONWriter.object([
                "dryRun": .bool(dryRun), "devicesAdded": .int(summary.devicesAdded),
                "devicesUpdated": .int(summary.devicesUpdated), "devicesUnchanged": .int(summary.devicesUnchanged),
                "softwareAdded": .int(summary.softwareAdded), "softwareSeen": .int(summary.softwareSeen),
                "softwareRemoved": .int(summary.softwareRemoved), "titlesRecognized": .int(summary.titlesRecognized),
                "titlesIgnored": .int(summary.titlesIgnored), "titlesUnrecognized": .int(summary.titlesUnrecognized),
                "installations": .int(summary.installations), "productsAdded": .int(summary.productsAdded),
                "skipped": .strings(imported.skipped.prefix(100).map(\.description)),
                "invalid": .strings(imported.invalid.map(\.description)),
            ]))
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

    private func flag(_ text: String?, _ name: String) throws -> Bool {
        switch text {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        default: throw Problem(.badRequest, "\(name) is true or false", field: name)
        }
    }

    private func timeZone(_ text: String?) throws -> TimeZone {
        guard let text else { return TimeZone(identifier: "UTC")! }
        guard let zone = TimeZone(identifier: text) else {
            throw Problem(.badRequest, "\"\(text)\" is not a time zone (Europe/Paris, UTC...)", field: "timeZone")
        }
        return zone
    }

    private func device(_ query: Parameters) throws -> String {
        guard let device = query.get("device"), !device.isEmpty else {
            throw Problem(.badRequest, "this kind of file is one device's: give its id as device", field: "device")
        }
        return device
    }

    private func columnMap(_ query: Parameters) throws -> (ColumnMap, CellValue.DateOrder) {
        let dates = try query.get("dates").map { text in
            guard let order = CellValue.DateOrder(rawValue: text) else { throw invalid("dates", text) }
            return order
        }
        switch (query.get("preset"), query.get("map")) {
        case (let preset?, nil):
            guard let columns = ColumnMap.preset(preset) else {
                throw Problem(
                    .badRequest, "preset is one of " + ColumnMap.presets.map(\.origin).joined(separator: ", "),
                    field: "preset")
            }
            return (columns, dates ?? .monthFirst)
        case (nil, let map?):
            let kind = try query.get("csvKind").map { text in
                guard let kind = ColumnMap.Kind(rawValue: text) else { throw invalid("csvKind", text) }
                return kind
            }
            do throws(FormatError) {
                return (try ColumnMap.parse(map, kind: kind ?? .installations), dates ?? .monthFirst)
            } catch {
                throw Problem(.unprocessableContent, error.description, field: "map")
            }
        default:
            throw Problem(.badRequest, "give either preset or map for a CSV file", field: "preset")
        }
    }
}
