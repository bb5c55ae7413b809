import TallyCore

extension CatalogFile {
    /// Writes a catalog as a file of the format: one product or rule per line (wrapped before 120 columns), in catalog
    /// order, so that it reads back to the same catalog and a change shows as a change of one rule.
    public static func encode(_ catalog: Catalog) -> [UInt8] {
        var out = JSONWriter()
        out.raw("{\n  \"format\": ")
        out.string(formatTag)
        out.raw(",\n  \"products\": [")
        for (index, product) in catalog.products.enumerated() {
            out.raw(index == 0 ? "\n" : ",\n")
            var line = ObjectLine()
            line.write(product)
            out.raw(line.text)
        }
        out.raw(catalog.products.isEmpty ? "],\n  \"rules\": [" : "\n  ],\n  \"rules\": [")
        for (index, rule) in catalog.rules.enumerated() {
            out.raw(index == 0 ? "\n" : ",\n")
            var line = ObjectLine()
            line.write(rule)
            out.raw(line.text)
        }
        out.raw(catalog.rules.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return out.bytes
    }

    /// One product or rule as a line of JSON, wrapped before 120 columns between its fields and its patterns.
    struct ObjectLine {
        static let width = 120
        private(set) var text = "    {"
        private var column = 5
        private var first = true

        mutating func write(_ product: CatalogProduct) {
            field("id", product.id.rawValue)
            field("publisher", product.publisher)
            field("name", product.name)
            text += "}"
        }

        mutating func write(_ rule: CatalogRule) {
            field("id", rule.id.rawValue)
            if !rule.publisher.isEmpty { patterns("publisher", rule.publisher) }
            patterns("name", rule.name)
            if let raw = rule.rawVersion { field("rawVersion", raw.text) }
            switch rule.outcome {
            case .product(let id, let version):
                field("product", id.rawValue)
                if let version { field("version", version.text) }
                if !rule.releases.isEmpty { releases(rule.releases) }
            case .componentOf(let suite):
                field("componentOf", suite.rawValue)
            case .ignore(let reason):
                field("ignore", reason.rawValue)
            }
            if let note = rule.note { field("note", note) }
            text += "}"
        }

        private mutating func field(_ name: String, _ value: String) {
            piece(key(name) + Self.quoted(value), reserving: 1)
        }

        private mutating func patterns(_ name: String, _ patterns: [Pattern]) {
            guard patterns.count > 1 else { return field(name, patterns[0].text) }
            for (index, pattern) in patterns.enumerated() {
                let item = Self.quoted(pattern.text) + (index == patterns.count - 1 ? "]" : "")
                piece(index == 0 ? key(name) + "[" + item : ", " + item, reserving: 1)
            }
        }

        private mutating func releases(_ releases: [String: String]) {
            let pairs = releases.sorted { $0.key < $1.key }
            for (index, pair) in pairs.enumerated() {
                let item =
                    Self.quoted(pair.key) + ": " + Self.quoted(pair.value) + (index == pairs.count - 1 ? "}" : "")
                piece(index == 0 ? key("releases") + "{" + item : ", " + item, reserving: 1)
            }
        }

        /// `", \"name\": "`, or without the comma for the first field.
        private mutating func key(_ name: String) -> String {
            defer { first = false }
            return (first ? "" : ", ") + "\"\(name)\": "
        }

        /// Appends a piece, first breaking the line when the piece (and `reserving` columns after it) would pass the
        /// width; a piece that starts with `", "` keeps its comma on the line it leaves.
        private mutating func piece(_ piece: String, reserving: Int) {
            if column + piece.utf8.count + reserving > Self.width, column > 6 {
                if piece.hasPrefix(", ") {
                    text += ","
                    text += "\n      " + piece.dropFirst(2)
                    column = 6 + piece.utf8.count - 2
                    return
                }
                text += "\n      "
                column = 6
            }
            text += piece
            column += piece.utf8.count
        }

        /// A JSON string literal for `value`.
        static func quoted(_ value: String) -> String { JSONWriter.quoted(value) }
    }
}
