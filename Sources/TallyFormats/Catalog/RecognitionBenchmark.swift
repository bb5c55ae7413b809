import TallyCore

/// How well a catalog recognises real inventories, measured on inventory files whose every title is labelled
/// `commercial`, `free` or `system` in a `labels.csv` beside them (columns `file`, `publisher`, `name`, `version`,
/// `label`, and optionally `product`, the product a commercial title is).
///
/// Each file is read with the reader its kind needs (a `.reg` export, a GLPI JSON inventory, osquery JSON output), so
/// that the catalog sees the rows an import would give it; each row is then joined to its label.
public struct RecognitionBenchmark: Sendable {
    /// What a labelled title is.
    public enum Label: String, CaseIterable, Sendable {
        /// Software an organisation must license.
        case commercial
        /// Free software, and free editions of commercial products.
        case free
        /// Operating-system parts, drivers, runtimes, updates, and parts of a suite that are no product of their own.
        case system
    }

    /// One labelled title: a row of a file, what it is, and for a commercial one the product it is, where known.
    public struct LabelledTitle: Hashable, Sendable {
        public var file: String
        public var title: SoftwareTitle
        public var label: Label
        public var product: Product.ID?
    }

    /// A title and what the catalog made of it.
    public struct Outcome: Sendable {
        public var title: LabelledTitle
        public var normalization: Normalization
    }

    public private(set) var outcomes: [Outcome] = []
    /// Rows the files gave that `labels.csv` does not label, and labels no file row matches: both mean the labels
    /// are out of date.
    public private(set) var unlabelled: [String] = []
    public private(set) var unmatched: [String] = []

    /// Reads `labels.csv` (its bytes) and each file it names (`read(file)` gives a file's bytes), and runs the
    /// catalog over them.
    public init(
        labels: [UInt8], normalizer: Normalizer, read: (String) throws(FormatError) -> [UInt8]
    ) throws(FormatError) {
        var normalizer = normalizer
        let labelled = try Self.labels(labels)
        var byFile: [String: [SoftwareTitle: LabelledTitle]] = [:]
        var order: [String] = []
        for title in labelled {
            if byFile[title.file] == nil { order.append(title.file) }
            byFile[title.file, default: [:]][title.title] = title
        }
        for file in order {
            var remaining = byFile[file] ?? [:]
            let rows: [RawSoftware]
            do throws(FormatError) {
                rows = try Self.software(in: read(file), named: file)
            } catch {
                throw .field(path: file, reason: error.description)
            }
            var seen: Set<SoftwareTitle> = []
            for row in rows {
                let title = SoftwareTitle(publisher: row.publisher, name: row.name, version: row.version)
                guard seen.insert(title).inserted else { continue }
                guard let label = remaining.removeValue(forKey: title) else {
                    unlabelled.append("\(file): \(Self.describe(title))")
                    continue
                }
                outcomes.append(
                    Outcome(
                        title: label,
                        normalization: normalizer.normalize(
                            publisher: title.publisher, name: title.name, version: title.version)))
            }
            unmatched += remaining.values.map { "\(file): \(Self.describe($0.title))" }.sorted()
        }
    }

    /// The titles of a label, and of those how many the catalog made products, set aside, or left unrecognised.
    public func count(_ label: Label) -> (titles: Int, products: Int, ignored: Int, unrecognized: Int) {
        var result = (titles: 0, products: 0, ignored: 0, unrecognized: 0)
        for outcome in outcomes where outcome.title.label == label {
            result.titles += 1
            switch outcome.normalization {
            case .product: result.products += 1
            case .ignored: result.ignored += 1
            case .unrecognized: result.unrecognized += 1
            }
        }
        return result
    }

    /// The share of commercial titles made products.
    public var recall: Double {
        let commercial = count(.commercial)
        return commercial.titles == 0 ? 1 : Double(commercial.products) / Double(commercial.titles)
    }

    /// The share of free and system titles set aside.
    public var setAside: Double {
        let free = count(.free), system = count(.system)
        let titles = free.titles + system.titles
        return titles == 0 ? 1 : Double(free.ignored + system.ignored) / Double(titles)
    }

    /// Free or system titles the catalog made products: each one would count an installation nobody must license.
    public var falseProducts: [Outcome] {
        outcomes.filter { outcome in
            guard outcome.title.label != .commercial, case .product = outcome.normalization else { return false }
            return true
        }
    }

    /// Commercial titles made a product other than the one their label names.
    public var wrongProducts: [Outcome] {
        outcomes.filter { outcome in
            guard let expected = outcome.title.product, case .product(let id, _) = outcome.normalization else {
                return false
            }
            return id != expected
        }
    }

    /// Commercial titles not made products.
    public var missed: [Outcome] {
        outcomes.filter { outcome in
            if case .product = outcome.normalization { return false }
            return outcome.title.label == .commercial
        }
    }

    /// Free or system titles left unrecognised: noise in the review list.
    public var notSetAside: [Outcome] {
        outcomes.filter { outcome in
            guard outcome.title.label != .commercial, case .unrecognized = outcome.normalization else { return false }
            return true
        }
    }

    /// `Microsoft Corporation | Microsoft Office Professional Plus 2007 | 12.0.6612.1000`.
    public static func describe(_ title: SoftwareTitle) -> String {
        "\(title.publisher ?? "") | \(title.name) | \(title.version ?? "")"
    }

    /// The software rows of a file as an import reads them, by its kind: `.reg`, or JSON from GLPI or osquery.
    static func software(in bytes: [UInt8], named file: String) throws(FormatError) -> [RawSoftware] {
        let report: InventoryReport
        if file.lowercased().hasSuffix(".reg") {
            report = try WindowsRegistryExport.parse(bytes)
        } else if file.lowercased().hasSuffix(".json") {
            // GLPI's inventory is one object; osqueryi's output a list.
            let first = bytes.first { $0 > 0x20 && $0 < 0x80 }
            report = first == UInt8(ascii: "{") ? try GLPIInventory.parse(bytes) : try OsqueryResults.parse(bytes)
        } else {
            throw .field(path: file, reason: "is neither a .reg export nor a JSON inventory")
        }
        return report.devices.flatMap(\.software)
    }

    /// The labelled titles of `labels.csv`.
    static func labels(_ bytes: [UInt8]) throws(FormatError) -> [LabelledTitle] {
        let table = try CSVTable.parse(bytes, delimiter: ",")
        let columns = table.header.map { $0.lowercased() }
        func column(_ name: String) throws(FormatError) -> Int {
            guard let index = columns.firstIndex(of: name) else {
                throw .line(number: 1, reason: "labels.csv needs a column \(name)")
            }
            return index
        }
        let file = try column("file"), publisher = try column("publisher"), name = try column("name")
        let version = try column("version"), label = try column("label")
        let product = columns.firstIndex(of: "product")
        return try table.rows.map { row throws(FormatError) in
            func field(_ index: Int) -> String? {
                index < row.fields.count && !row.fields[index].isEmpty ? row.fields[index] : nil
            }
            guard let kind = field(label).flatMap(Label.init(rawValue:)) else {
                throw .line(number: row.line, reason: "the label must be commercial, free or system")
            }
            guard let fileName = field(file), let titleName = field(name) else {
                throw .line(number: row.line, reason: "a labelled title needs its file and name")
            }
            return LabelledTitle(
                file: fileName,
                title: SoftwareTitle(publisher: field(publisher), name: titleName, version: field(version)),
                label: kind, product: product.flatMap(field).map { Product.ID($0) })
        }
    }
}
