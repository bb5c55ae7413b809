import TallyCore

/// The software catalog file (`tally-catalog/1`): the products a catalog recognizes and its ordered rules, read
/// strictly and written back. `docs/catalog.md` describes the format.
public enum CatalogFile {
    /// The format tag every catalog file starts with.
    public static let formatTag = "tally-catalog/1"

    /// The format tag of the publisher table that ships beside the built-in catalog.
    public static let publishersFormatTag = "tally-publishers/1"

    /// Reads a catalog from JSON bytes; `publishers` is the publisher table read after its rules. Unknown keys, wrong
    /// kinds, bad patterns and rules that name no product are errors with their path
    /// (`rules[12].name: the pattern "..." ...`).
    public static func decode(
        _ bytes: [UInt8], publishers: PublisherTable = PublisherTable()
    ) throws(FormatError) -> Catalog {
        try JSONReader.reading(TextEncoding.utf8(bytes)) { reader throws(FormatError) in
            try catalog(&reader, publishers: publishers)
        }
    }

    private static func catalog(_ reader: inout JSONReader, publishers: PublisherTable) throws(FormatError) -> Catalog {
        guard try reader.peekKind() == .object else {
            throw reader.syntax("a catalog file is one JSON object; this one starts with something else")
        }
        var format: String?
        var products: [CatalogProduct] = []
        var rules: [CatalogRule] = []
        let keys = CatalogKeys.catalog
        try reader.readObject(keys, at: "") { reader, name throws(FormatError) in
            switch name {
            case .format: format = try reader.string("format")
            case .products:
                products = try reader.list("products") { reader, index throws(FormatError) in
                    try reader.catalogProduct(at: index)
                }
            case .rules:
                rules = try reader.list("rules") { reader, index throws(FormatError) in
                    try reader.catalogRule(at: index)
                }
            }
        }
        try reader.expectEnd()
        try FormatError.check(format, is: formatTag, in: "a catalog file")
        do throws(CatalogError) {
            return try Catalog(products: products, rules: rules, publishers: publishers)
        } catch {
            throw error.formatError
        }
    }

    /// Reads a publisher table (`tally-publishers/1`) from JSON bytes: each publisher's name, the patterns of the raw
    /// publishers it is written as, and whether it sells commercial software or publishes free software only.
    public static func decodePublishers(_ bytes: [UInt8]) throws(FormatError) -> PublisherTable {
        try JSONReader.reading(TextEncoding.utf8(bytes)) { reader throws(FormatError) in
            try publisherTable(&reader)
        }
    }

    private static func publisherTable(_ reader: inout JSONReader) throws(FormatError) -> PublisherTable {
        guard try reader.peekKind() == .object else {
            throw reader.syntax("a publisher table is one JSON object; this one starts with something else")
        }
        var format: String?
        var publishers: [PublisherTable.Publisher] = []
        try reader.readObject(CatalogKeys.publisherFile, at: "") { reader, name throws(FormatError) in
            switch name {
            case .format: format = try reader.string("format")
            case .publishers:
                publishers = try reader.list("publishers") { reader, index throws(FormatError) in
                    try reader.publisher(at: index)
                }
            }
        }
        try reader.expectEnd()
        try FormatError.check(format, is: publishersFormatTag, in: "a publisher table")
        do throws(CatalogError) {
            return try PublisherTable(publishers)
        } catch {
            throw error.formatError
        }
    }
}

extension CatalogError {
    /// The same problem as a format error, at its path in the file.
    var formatError: FormatError {
        switch self {
        case .invalid(let path, let reason): return .field(path: path, reason: reason)
        case .invalidPattern, .invalidTemplate: return .field(path: "", reason: description)
        }
    }
}
