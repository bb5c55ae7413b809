/// A small XML reader for the tags and manifests Tally imports: elements, attributes and text, as a tree.
///
/// It checks what a reader needs to trust the content (tags nest and close, attributes are quoted, entities are
/// known, one root) and skips what a tag carries besides (the declaration, processing instructions, comments, a
/// DOCTYPE). Namespaces are not resolved: elements and attributes are matched by their local name, so that
/// `swid:product_title`, `ns3:Entity` and `Entity` read alike. Written here rather than taken from FoundationXML,
/// which would tie every user of this module to libxml2 on Linux.
struct XMLTree {
    /// One element: its name as written and without prefix, its attributes, children and text.
    struct Element {
        var name: String
        var attributes: [(name: String, value: String)] = []
        var children: [Element] = []
        var text = ""
        var line: Int

        /// The name without its namespace prefix.
        var localName: Substring { name.split(separator: ":").last ?? Substring(name) }

        /// The value of the attribute with this local name.
        func attribute(_ local: String) -> String? {
            attributes.first { ($0.name.split(separator: ":").last ?? "") == local }?.value
        }

        /// The children with this local name.
        func children(_ local: String) -> [Element] {
            children.filter { $0.localName == local }
        }

        /// The trimmed text of the first child with this local name, nil when absent or empty.
        func childText(_ local: String) -> String? {
            children(local).first.flatMap { InventoryText.nonEmpty($0.text) }
        }
    }

    /// The root element.
    let root: Element

    /// Reads a document; errors name the line and column.
    init(_ data: [UInt8]) throws(FormatError) {
        var scanner = XMLScanner(Array(InventoryText.decode(data).text.utf8))
        root = try scanner.document()
    }
}

/// The state of one pass over a document's UTF-8 bytes.
private struct XMLScanner {
    typealias Element = XMLTree.Element

    /// Elements nest no deeper than this: a tag is a few levels deep, and a file nested thousands deep is made to
    /// exhaust the stack.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    /// Where each line starts, to name lines in errors without counting from the start each time.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
    }

    // MARK: - Structure

    mutating func document() throws(FormatError) -> Element {
        try skipMisc()
        guard position < bytes.count else { throw error("the file holds no XML element") }
        let element = try self.element()
        try skipMisc()
        guard position >= bytes.count else { throw error("there is more after the end of the root element") }
        return element
    }

    /// Skips white space, the declaration, processing instructions, comments and a DOCTYPE.
    private mutating func skipMisc() throws(FormatError) {
        while true {
            skipSpace()
            if starts("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if starts("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if starts("<!DOCTYPE") {
                var brackets = 0
                while position < bytes.count {
                    let byte = bytes[position]
                    position += 1
                    if byte == UInt8(ascii: "[") { brackets += 1 }
                    if byte == UInt8(ascii: "]") { brackets -= 1 }
                    if byte == UInt8(ascii: ">") && brackets <= 0 { break }
                }
            } else {
                return
            }
        }
    }

    private mutating func element() throws(FormatError) -> Element {
        guard depth < Self.maximumDepth else {
            throw error("elements nest more than \(Self.maximumDepth) deep; this is not a tag")
        }
        depth += 1
        defer { depth -= 1 }
        guard consume("<") else { throw error("expected an element, found \(found())") }
        var element = Element(name: try name("an element name"), line: line())
        while true {
            skipSpace()
            if consume("/>") { return element }
            if consume(">") { break }
            let attribute = try name("an attribute name, > or />")
            skipSpace()
            guard consume("=") else { throw error("the attribute \(attribute) has no = and value") }
            skipSpace()
            guard position < bytes.count, bytes[position] == 0x22 || bytes[position] == 0x27 else {
                throw error("the value of the attribute \(attribute) must be in quotes")
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote {
                if bytes[position] == UInt8(ascii: "<") { throw error("a < inside the value of \(attribute)") }
                position += 1
            }
            guard position < bytes.count else { throw error("the value of the attribute \(attribute) never closes") }
            let value = try decodeEntities(bytes[start..<position])
            position += 1
            element.attributes.append((attribute, value))
        }
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw error("the element <\(element.name)> is never closed") }
            if starts("</") {
                position += 2
                let closing = try name("the name of a closing tag")
                guard closing == element.name else {
                    throw error("</\(closing)> closes <\(element.name)>, opened on line \(element.line)")
                }
                skipSpace()
                guard consume(">") else { throw error("expected > after </\(closing)") }
                element.text = String(decoding: text, as: UTF8.self)
                return element
            } else if starts("<!--") {
                try skip(past: "-->", what: "a comment")
            } else if starts("<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>", what: "a CDATA section")
                text += bytes[start..<(position - 3)]
            } else if starts("<?") {
                try skip(past: "?>", what: "a processing instruction")
            } else if starts("<") {
                element.children.append(try self.element())
            } else {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                text += Array(try decodeEntities(bytes[start..<position]).utf8)
            }
        }
    }

    // MARK: - Pieces

    private mutating func name(_ what: String) throws(FormatError) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let isNamePart =
                byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || [UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(byte)
            guard isNamePart else { break }
            position += 1
        }
        guard position > start else { throw error("expected \(what), found \(found())") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func decodeEntities(_ raw: ArraySlice<UInt8>) throws(FormatError) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var result = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            guard raw[index] == UInt8(ascii: "&") else {
                let next = raw[index...].firstIndex(of: UInt8(ascii: "&")) ?? raw.endIndex
                result += String(decoding: raw[index..<next], as: UTF8.self)
                index = next
                continue
            }
            guard let end = raw[index...].firstIndex(of: UInt8(ascii: ";")) else {
                throw error("an & that starts no entity; write &amp;", at: index)
            }
            let entity = String(decoding: raw[(index + 1)..<end], as: UTF8.self)
            switch entity {
            case "lt": result += "<"
            case "gt": result += ">"
            case "amp": result += "&"
            case "quot": result += "\""
            case "apos": result += "'"
            default:
                let lower = entity.lowercased()
                var code: UInt32?
                if lower.hasPrefix("#x") {
                    code = UInt32(lower.dropFirst(2), radix: 16)
                } else if lower.hasPrefix("#") {
                    code = UInt32(lower.dropFirst())
                }
                guard let code, let scalar = Unicode.Scalar(code) else {
                    throw error("the entity &\(entity); is not one XML knows", at: index)
                }
                result.unicodeScalars.append(scalar)
            }
            index = end + 1
        }
        return result
    }

    private mutating func skip(past terminator: String, what: String) throws(FormatError) {
        let start = line()
        let pattern = Array(terminator.utf8)
        while position + pattern.count <= bytes.count {
            if bytes[position..<(position + pattern.count)].elementsEqual(pattern) {
                position += pattern.count
                return
            }
            position += 1
        }
        throw .syntax(line: start, column: 1, reason: "\(what) that starts on this line never ends")
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private func starts(_ text: String) -> Bool {
        let pattern = Array(text.utf8)
        return position + pattern.count <= bytes.count
            && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
    }

    private mutating func consume(_ text: String) -> Bool {
        guard starts(text) else { return false }
        position += text.utf8.count
        return true
    }

    private func found() -> String {
        guard position < bytes.count else { return "the end of the file" }
        let byte = bytes[position]
        return byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// The line of a position (by default the current one), counted from 1.
    private func line(at position: Int? = nil) -> Int {
        let position = position ?? self.position
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// An error at a position (by default the current one), `raw` being an index into the document's bytes.
    private func error(_ reason: String, at raw: Int? = nil) -> FormatError {
        let end = min(raw ?? position, bytes.count)
        let number = line(at: end)
        let column =
            bytes[lineStarts[number - 1]..<max(end, lineStarts[number - 1])].filter { $0 & 0xC0 != 0x80 }
            .count + 1
        return .syntax(line: number, column: column, reason: reason)
    }
}
