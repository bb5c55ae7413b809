import Foundation
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// An upload's kind and options, read from the API's query or the import form's fields by the same names.
struct ImportOptions: Sendable {
    static let kinds = ["estate", "flexlm-log", "lmstat", "rlmstat", "glpi", "osquery", "winreg", "swid", "csv"]

    var kind: String
    var dryRun: Bool
    var skipInvalid: Bool
    var mode: ImportMode
    var server: String?
    var timeZone: TimeZone
    var at: Instant?
    var device: String?
    var columns: (map: ColumnMap, dates: CellValue.DateOrder)?

    /// Reads the options from `value`, which gives a named option's text; a problem names the option at fault.
    init(_ value: (String) -> String?) throws {
        func text(_ name: String) -> String? {
            guard let text = value(name)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        func flag(_ name: String) throws -> Bool {
            switch value(name) {
            case nil, "false", "0": return false
            case "true", "1", "", "on": return true
            default: throw Problem(.badRequest, "\(name) is true or false", field: name)
            }
        }
        guard let kind = text("kind"), Self.kinds.contains(kind) else {
            throw Problem(.badRequest, "kind is one of " + Self.kinds.joined(separator: ", "), field: "kind")
        }
        self.kind = kind
        dryRun = try flag("dryRun")
        skipInvalid = try flag("skipInvalid")
        mode =
            try text("mode").map { text in
                guard let mode = ImportMode(rawValue: text) else {
                    throw Problem(.badRequest, "\"\(text)\" is not a value mode takes", field: "mode")
                }
                return mode
            } ?? .merge
        server = text("server")
        device = text("device")
        timeZone = TimeZone(identifier: "UTC")!
        if let zone = text("timeZone") {
            guard let known = TimeZone(identifier: zone) else {
                throw Problem(.badRequest, "\"\(zone)\" is not a time zone (Europe/Paris, UTC...)", field: "timeZone")
            }
            timeZone = known
        }
        at = try text("at").map { text in
            guard let at = Instant(text) else { throw Problem(.badRequest, "not a moment (ISO 8601)", field: "at") }
            return at
        }
        if kind == "csv" { columns = try Self.columnMap(text) }
    }

    /// The device a one-device file (a registry export, SWID tags) belongs to.
    func requiredDevice() throws -> String {
        guard let device else {
            throw Problem(.badRequest, "this kind of file is one device's: give its id as device", field: "device")
        }
        return device
    }

    /// The column map of a CSV file.
    func csvColumns() throws -> (map: ColumnMap, dates: CellValue.DateOrder) {
        guard let columns else { throw Problem(.badRequest, "give either preset or map for a CSV file") }
        return columns
    }

    private static func columnMap(_ text: (String) -> String?) throws -> (ColumnMap, CellValue.DateOrder) {
        let dates = try text("dates").map { value in
            guard let order = CellValue.DateOrder(rawValue: value) else {
                throw Problem(.badRequest, "\"\(value)\" is not a value dates takes", field: "dates")
            }
            return order
        }
        switch (text("preset"), text("map")) {
        case (let preset?, nil):
            guard let columns = ColumnMap.preset(preset) else {
                throw Problem(
                    .badRequest, "preset is one of " + ColumnMap.presets.map(\.origin).joined(separator: ", "),
                    field: "preset")
            }
            return (columns, dates ?? .monthFirst)
        case (nil, let map?):
            let kind = try text("csvKind").map { value in
                guard let kind = ColumnMap.Kind(rawValue: value) else {
                    throw Problem(.badRequest, "\"\(value)\" is not a value csvKind takes", field: "csvKind")
                }
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

/// What an import did, or (previewed) would do; license-server files previewed tell what they hold.
enum ImportOutcome: Sendable {
    case estate(ImportSummary)
    case flexLMPreview(FlexLMLogReport)
    case flexLM(FlexLMImport)
    case statusPreview(LicenseStatusReport)
    case status(StatusImport)
    case purchases(PurchaseImport)
    case inventory(InventoryImport)

    /// The batch the import recorded; nil for a preview.
    var batch: Int64? {
        switch self {
        case .estate(let summary): summary.batch
        case .flexLM(let imported): imported.summary.batch
        case .status(let imported): imported.summary.batch
        case .purchases(let imported): imported.summary.batch
        case .inventory(let imported): imported.summary.batch
        case .flexLMPreview, .statusPreview: nil
        }
    }
}

extension API {
    /// Imports `file` (or previews it, with `dryRun`) as `options` say: the one path the API and the import page
    /// share. Inventory rows that do not read stop an import unless `skipInvalid`; a preview lists them.
    func runImport(_ file: Upload, _ options: ImportOptions, by caller: Caller) async throws -> ImportOutcome {
        let dryRun = options.dryRun
        let outcome: ImportOutcome
        switch options.kind {
        case "estate":
            outcome = .estate(try await operations.importEstate(file, mode: options.mode, dryRun: dryRun, by: caller))
        case "flexlm-log":
            if dryRun { return .flexLMPreview(try operations.readFlexLMLog(file, timeZone: options.timeZone)) }
            outcome = .flexLM(
                try await operations.importFlexLMLog(
                    file, server: options.server, timeZone: options.timeZone, again: false, by: caller))
        case "lmstat", "rlmstat":
            let kind: StatusReportKind = options.kind == "lmstat" ? .lmstat : .rlmstat
            if dryRun {
                return .statusPreview(
                    try operations.readStatusReport(file, kind: kind, at: options.at, timeZone: options.timeZone))
            }
            outcome = .status(
                try await operations.importStatusReport(
                    file, kind: kind, at: options.at, server: options.server, timeZone: options.timeZone, by: caller))
        case "csv" where options.columns?.map.kind == .entitlements:
            let columns = try options.csvColumns()
            let list = try operations.readPurchases(file, columns: columns.map, dates: columns.dates)
            outcome = .purchases(
                try await operations.importPurchases(
                    list, from: file, skipInvalid: options.skipInvalid, dryRun: dryRun, by: caller))
        default:
            let format: InventoryFormat
            switch options.kind {
            case "glpi": format = .glpi
            case "osquery": format = .osquery(device: options.device)
            case "winreg": format = .winreg(device: try options.requiredDevice())
            case "swid": format = .swid(device: try options.requiredDevice())
            default:
                let columns = try options.csvColumns()
                format = .spreadsheet(columns.map, dates: columns.dates)
            }
            let report = try operations.readInventory([file], as: format)
            if !report.invalid.isEmpty, !options.skipInvalid, !dryRun {
                throw Self.invalidRows(report.invalid.map(\.description))
            }
            // A preview goes past rows that cannot be read, to list them beside what the rest would do.
            outcome = .inventory(
                try await operations.importInventory(
                    report, from: [file], as: format, skipInvalid: options.skipInvalid || dryRun, dryRun: dryRun,
                    by: caller))
        }
        if !dryRun { metrics.imported(rows: outcome.rowsWritten, kind: options.kind) }
        return outcome
    }

    /// The refusal of an inventory with rows that do not read, naming the first twenty.
    static func invalidRows(_ invalid: [String]) -> Problem {
        Problem(
            .unprocessableContent,
            "\(invalid.count) invalid rows; nothing was imported. Correct them, or import the other rows "
                + "with skipInvalid=true: " + invalid.prefix(20).joined(separator: "; "))
    }
}

extension ImportOutcome {
    /// The rows an import wrote, for the server's metrics.
    var rowsWritten: Int {
        switch self {
        case .estate(let summary): summary.total.inserted + summary.total.updated
        case .flexLM(let imported): imported.summary.total.inserted + imported.summary.total.updated
        case .status(let imported): imported.summary.total.inserted + imported.summary.total.updated
        case .purchases(let imported): imported.rows
        case .inventory(let imported): imported.summary.softwareAdded + imported.summary.softwareSeen
        case .flexLMPreview, .statusPreview: 0
        }
    }
}
