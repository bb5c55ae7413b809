/// A `multipart/form-data` body (RFC 7578) as a browser sends a form with files: its parts, in order. Reading it is
/// linear in its length and bounded (a boundary of 70 characters, 64 parts, 8 KB of headers a part), so a hostile
/// body costs no more than its size.
public struct MultipartForm: Sendable {
    /// One field of the form: a text value, or a file with the name and type the browser gave it.
    public struct Part: Sendable {
        public var name: String
        public var filename: String?
        public var contentType: String?
        public var body: [UInt8]
    }

    public var parts: [Part]

    public static let maximumParts = 64
    public static let maximumHeaderBytes = 8192

    /// `contentType` is the request's Content-Type: multipart/form-data with a boundary, quoted or not.
    public init(contentType: String, body: [UInt8]) throws(MultipartError) {
        let boundary = try Self.boundary(contentType)
        // Each part ends at the line break before the next boundary; the first boundary may open the body with no
        // line break before it, and whatever precedes it (a preamble) is ignored.
        let delimiter = Array("\r\n--".utf8) + boundary
        var position: Int
        if Self.matches(delimiter.dropFirst(2), in: body, at: 0) {
            position = delimiter.count - 2
        } else if let found = Self.find(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw .noOpeningBoundary
        }
        parts = []
        while true {
            // After a boundary: `--` closes the form (what follows is an epilogue), else a line break opens a part.
            if Self.matches("--".utf8, in: body, at: position) { return }
            while position < body.count, body[position] == .space || body[position] == .tab { position += 1 }
            if Self.matches("\r\n".utf8, in: body, at: position) {
                position += 2
            } else if Self.matches("\n".utf8, in: body, at: position) {
                position += 1
            } else {
                throw position >= body.count ? .unterminated : .malformedBoundary
            }
            guard parts.count < Self.maximumParts else { throw .tooManyParts }
            let (headers, start) = try Self.headers(in: body, from: position)
            guard let end = Self.find(delimiter, in: body, from: start) else { throw .unterminated }
            parts.append(try Self.part(headers, body: Array(body[start..<end])))
            position = end + delimiter.count
        }
    }

    /// The first text field of that name (a part without a filename), or nil when its value is not UTF-8.
    public subscript(field name: String) -> String? {
        guard let part = parts.first(where: { $0.name == name && $0.filename == nil }) else { return nil }
        let text = String(decoding: part.body, as: UTF8.self)
        return text.utf8.elementsEqual(part.body) ? text : nil
    }

    /// The first file of that name; nil as well for a file input left empty (no filename, no content).
    public func file(_ name: String) -> Part? {
        guard let part = parts.first(where: { $0.name == name && $0.filename != nil }) else { return nil }
        return part.filename == "" && part.body.isEmpty ? nil : part
    }

    /// The boundary the Content-Type names, checked against RFC 2046: 1 to 70 of its characters, no space last.
    private static func boundary(_ contentType: String) throws(MultipartError) -> [UInt8] {
        let (type, parameters) = Self.parameters(ArraySlice(contentType.utf8))
        guard type == "multipart/form-data" else { throw .notMultipart }
        guard let boundary = parameters["boundary"], !boundary.isEmpty else { throw .noBoundary }
        let allowed = Array("'()+_,-./:=? ".utf8)
        guard
            boundary.count <= 70, boundary.last != .space,
            boundary.allSatisfy({ $0.isASCIILetterOrDigit || allowed.contains($0) })
        else { throw .badBoundary }
        return boundary
    }

    /// The header lines of a part up to the empty line that ends them (CRLF, or a bare LF), and where its content
    /// starts.
    private static func headers(
        in bytes: [UInt8], from start: Int
    ) throws(MultipartError) -> (headers: [(name: String, value: ArraySlice<UInt8>)], content: Int) {
        let limit = min(bytes.count, start + maximumHeaderBytes)
        var headers: [(name: String, value: ArraySlice<UInt8>)] = []
        var line = start
        while true {
            guard let end = bytes[line..<limit].firstIndex(of: .lineFeed) else {
                throw limit == bytes.count ? .unterminated : .headersTooLong
            }
            var text = bytes[line..<end]
            if text.last == .carriageReturn { text = text.dropLast() }
            if text.isEmpty { return (headers, end + 1) }
            guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else { throw .malformedHeader }
            headers.append((lowercased(text[..<colon]), trimmed(text[(colon + 1)...])))
            line = end + 1
        }
    }

    /// A part from its headers: `Content-Disposition: form-data; name="..."` must name it.
    private static func part(
        _ headers: [(name: String, value: ArraySlice<UInt8>)], body: [UInt8]
    ) throws(MultipartError) -> Part {
        guard let disposition = headers.first(where: { $0.name == "content-disposition" }) else { throw .unnamed }
        let (type, parameters) = Self.parameters(disposition.value)
        guard type == "form-data", let name = parameters["name"] else { throw .unnamed }
        let contentType = headers.first { $0.name == "content-type" }.map { String(decoding: $0.value, as: UTF8.self) }
        return Part(
            name: browserDecoded(name), filename: parameters["filename"].map(browserDecoded), contentType: contentType,
            body: body)
    }

    /// `type; name=value; name="quoted \"value\""`: the type and the parameters, names in lower case, the first of
    /// a name counting. Unterminated quotes and stray characters end a value rather than fail it.
    private static func parameters(_ text: ArraySlice<UInt8>) -> (type: String, parameters: [String: [UInt8]]) {
        let end = text.endIndex
        var index = text.firstIndex(of: .semicolon) ?? end
        let type = lowercased(trimmed(text[..<index]))
        var parameters: [String: [UInt8]] = [:]
        while index < end {
            index += 1
            let nameStart = index
            while index < end, text[index] != UInt8(ascii: "="), text[index] != .semicolon { index += 1 }
            let name = lowercased(trimmed(text[nameStart..<index]))
            var value: [UInt8] = []
            if index < end, text[index] == UInt8(ascii: "=") {
                index += 1
                while index < end, text[index] == .space || text[index] == .tab { index += 1 }
                if index < end, text[index] == .quote {
                    index += 1
                    while index < end, text[index] != .quote {
                        if text[index] == .backslash, index + 1 < end { index += 1 }
                        value.append(text[index])
                        index += 1
                    }
                    while index < end, text[index] != .semicolon { index += 1 }
                } else {
                    let valueStart = index
                    while index < end, text[index] != .semicolon { index += 1 }
                    value = Array(trimmed(text[valueStart..<index]))
                }
            }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = value }
        }
        return (type, parameters)
    }

    /// A name as browsers write it (HTML's form encoding): `"`, CR and LF as `%22`, `%0D` and `%0A`; the rest UTF-8.
    private static func browserDecoded(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count {
                switch (bytes[index + 1], bytes[index + 2] | 0x20) {
                case (UInt8(ascii: "2"), UInt8(ascii: "2")): out.append(.quote)
                case (UInt8(ascii: "0"), UInt8(ascii: "d")): out.append(.carriageReturn)
                case (UInt8(ascii: "0"), UInt8(ascii: "a")): out.append(.lineFeed)
                default:
                    out.append(bytes[index])
                    index += 1
                    continue
                }
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where `needle` next occurs at or after `start`: a scan for its first byte, then a comparison of the rest, so
    /// the cost is at most the body's length times the needle's (74 bytes at most), with no scanning again.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0, bytes.count >= needle.count else { return nil }
        let last = bytes.count - needle.count
        var index = start
        while index <= last {
            if bytes[index] == first, matches(needle, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func matches(_ needle: some Collection<UInt8>, in bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, bytes.count - index >= needle.count else { return false }
        return bytes[index..<index + needle.count].elementsEqual(needle)
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, first == .space || first == .tab { bytes.removeFirst() }
        while let last = bytes.last, last == .space || last == .tab { bytes.removeLast() }
        return bytes
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { (65...90).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// Why a form's body could not be read, in words for the person who sent it.
public struct MultipartError: Error, CustomStringConvertible, Sendable {
    public var description: String

    static let notMultipart = MultipartError(description: "the form was not sent as multipart/form-data")
    static let noBoundary = MultipartError(description: "the form's boundary is missing")
    static let badBoundary = MultipartError(
        description: "the form's boundary is not 1 to 70 letters, digits or punctuation a boundary may have")
    static let noOpeningBoundary = MultipartError(description: "the form's body does not start with its boundary")
    static let unterminated = MultipartError(description: "the form ends before its closing boundary")
    static let malformedBoundary = MultipartError(description: "a boundary line in the form is malformed")
    static let tooManyParts = MultipartError(
        description: "the form has more than \(MultipartForm.maximumParts) fields; send fewer at a time")
    static let headersTooLong = MultipartError(
        description: "a field of the form has more than \(MultipartForm.maximumHeaderBytes / 1024) KB of headers")
    static let malformedHeader = MultipartError(description: "a field of the form has a header line with no colon")
    static let unnamed = MultipartError(
        description: "a field of the form has no name (Content-Disposition: form-data; name=\"...\")")
}

extension UInt8 {
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let lineFeed = UInt8(ascii: "\n")
    fileprivate static let carriageReturn = UInt8(ascii: "\r")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let quote = UInt8(ascii: "\"")
    fileprivate static let semicolon = UInt8(ascii: ";")
    fileprivate static let backslash = UInt8(ascii: "\\")

    fileprivate var isASCIILetterOrDigit: Bool {
        (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self)
    }
}
