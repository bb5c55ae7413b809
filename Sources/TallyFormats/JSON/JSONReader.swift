/// A pull reader over JSON bytes that decodes straight into values, without building a tree.
///
/// It works on a borrowed buffer, so it lives only inside `withUnsafeBufferPointer`. Errors carry the line and
/// column, worked out only when an error is raised.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var position: Int
    /// Objects and arrays open around the position: bounded, so that a hostile file cannot exhaust the stack.
    private var depth = 0
    /// The deepest nesting read; real documents (estates, inventories, catalogs) need fewer than ten levels.
    static let maximumDepth = 128

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is allowed at the start.
        position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// A reader that starts at `position`, for reading a part of a document.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    /// Reads the `[` that opens an array.
    mutating func expectArrayStart() throws(FormatError) {
        try expect(UInt8(ascii: "["), "a list")
    }

    /// Whether the array closes here (`]`, which is then read).
    mutating func atArrayEnd() -> Bool {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "]") else { return false }
        position += 1
        return true
    }

    /// After an array element: reads `,` (false: another element follows) or `]` (true: the array ends).
    mutating func nextElementOrEnd() throws(FormatError) -> Bool {
        skipSpace()
        guard position < bytes.count else { throw syntax("the document ends inside an array") }
        if bytes[position] == UInt8(ascii: ",") {
            position += 1
            return false
        }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            return true
        }
        throw syntax("expected ',' or ']' after an element, found \(describeByte())")
    }

    /// What the next value is, without reading it.
    enum Kind {
        case object, array, string, number, bool, null
    }

    mutating func peekKind() throws(FormatError) -> Kind {
        skipSpace()
        guard position < bytes.count else { throw syntax("the document ends where a value is expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw syntax("unexpected \(describeByte()) where a value is expected")
        }
    }

    /// Reads the members of an object; `body` gets each key's bytes and must read its value.
    mutating func readObject(
        _ body: (inout JSONReader, UnsafeBufferPointer<UInt8>) throws(FormatError) -> Void
    ) throws(FormatError) {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
        defer { depth -= 1 }
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return
        }
        while true {
            skipSpace()
            let key = try readKey()
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after a key")
            try body(&self, key)
            skipSpace()
            guard position < bytes.count else { throw syntax("the document ends inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return
            } else {
                throw syntax("expected ',' or '}' after a value, found \(describeByte())")
            }
        }
    }

    /// Reads the elements of an array; `body` gets each element's index and must read it.
    mutating func readArray(_ body: (inout JSONReader, Int) throws(FormatError) -> Void) throws(FormatError) {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
        defer { depth -= 1 }
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return
        }
        var index = 0
        while true {
            try body(&self, index)
            index += 1
            if try nextElementOrEnd() { return }
        }
    }

    /// One level deeper, refused past `maximumDepth`.
    private mutating func enter() throws(FormatError) {
        guard depth < Self.maximumDepth else {
            throw syntax("objects and lists are nested more than \(Self.maximumDepth) deep; this is not a file to read")
        }
        depth += 1
    }

    /// Reads a string value.
    mutating func readString() throws(FormatError) -> String {
        skipSpace()
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        var ascii = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                // Only text beyond ASCII needs checking: a file is UTF-8, and a byte that is not stays an error.
                guard
                    let text = ascii ? String(decoding: slice, as: UTF8.self) : String(validating: slice, as: UTF8.self)
                else {
                    position = start
                    throw syntax("a string that is not valid UTF-8; save the file as UTF-8")
                }
                position += 1
                return text
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                position = start
                return try readEscapedString()
            }
            if byte < 0x20 { throw syntax("a control character inside a string; escape it") }
            position += 1
        }
        throw syntax("the document ends inside a string")
    }

    /// Reads a string that holds no escape and returns its bytes; leaves the reader where it was and returns nil
    /// for a string with escapes, which `readString` decodes.
    mutating func rawStringIfPlain() -> UnsafeBufferPointer<UInt8>? {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        var end = position + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
            bytes[end] >= 0x20
        {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let text = UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end])
        position = end + 1
        return text
    }

    /// Reads a number as written, to be converted by the caller.
    mutating func readNumber() throws(FormatError) -> JSONNumber {
        skipSpace()
        let start = position
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        guard position > digitsStart else { throw syntax("expected a number, found \(describeByte())") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fraction = position
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            guard position > fraction else { throw syntax("a number needs digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            let exponent = position
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
            guard position > exponent else { throw syntax("a number needs digits in its exponent") }
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, text.count <= 18 {
            var value = 0
            for byte in text where byte != UInt8(ascii: "-") { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
            return JSONNumber(
                double: Double(text[0] == UInt8(ascii: "-") ? -value : value),
                integer: text[0] == UInt8(ascii: "-") ? -value : value)
        }
        let double = Double(String(decoding: text, as: UTF8.self)) ?? .nan
        let whole = double.rounded() == double && abs(double) < 9e15 ? Int(double) : nil
        return JSONNumber(double: double, integer: whole)
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(FormatError) -> Bool {
        skipSpace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw syntax("expected true or false, found \(describeByte())")
    }

    /// Reads `null` if it is next, and says whether it was.
    mutating func readNullIfPresent() -> Bool {
        skipSpace()
        return matchLiteral("null")
    }

    /// Reads and drops any value.
    mutating func skipValue() throws(FormatError) {
        switch try peekKind() {
        case .object: try readObject { reader, _ throws(FormatError) in try reader.skipValue() }
        case .array: try readArray { reader, _ throws(FormatError) in try reader.skipValue() }
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: _ = readNullIfPresent()
        }
    }

    /// Checks that nothing but white space follows the document.
    mutating func expectEnd() throws(FormatError) {
        skipSpace()
        if position < bytes.count { throw syntax("unexpected \(describeByte()) after the end of the document") }
    }

    /// A syntax error at the current position.
    func syntax(_ reason: String) -> FormatError {
        var line = 1, column = 1
        for byte in UnsafeBufferPointer(rebasing: bytes[0..<min(position, bytes.count)]) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return .syntax(line: line, column: column, reason: reason)
    }

    private mutating func readKey() throws(FormatError) -> UnsafeBufferPointer<UInt8> {
        try expect(UInt8(ascii: "\""), "a key in double quotes")
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            if bytes[position] == UInt8(ascii: "\\") { throw syntax("escapes are not allowed in keys") }
            position += 1
        }
        guard position < bytes.count else { throw syntax("the document ends inside a key") }
        let key = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        return key
    }

    private mutating func readEscapedString() throws(FormatError) -> String {
        var text: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let decoded = String(validating: text, as: UTF8.self) else {
                    throw syntax("a string that is not valid UTF-8; save the file as UTF-8")
                }
                return decoded
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(to: &text)
                default: throw syntax("unknown escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
                }
            default:
                if byte < 0x20 { throw syntax("a control character inside a string; escape it") }
                text.append(byte)
            }
        }
        throw syntax("the document ends inside a string")
    }

    private mutating func appendUnicodeEscape(to text: inout [UInt8]) throws(FormatError) {
        var scalar = try readHex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard matchLiteral("\\u") else { throw syntax("a lone surrogate in a \\u escape") }
            let low = try readHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw syntax("a lone surrogate in a \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let value = Unicode.Scalar(scalar) else { throw syntax("an invalid \\u escape") }
        text.append(contentsOf: Array(String(Character(value)).utf8))
    }

    private mutating func readHex4() throws(FormatError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw syntax("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(FormatError) {
        skipSpace()
        guard position < bytes.count else { throw syntax("the document ends where \(what) is expected") }
        guard bytes[position] == byte else { throw syntax("expected \(what), found \(describeByte())") }
        position += 1
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let base = literal.utf8Start
        for i in 0..<count where bytes[position + i] != base[i] { return false }
        position += count
        return true
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func describeByte() -> String {
        guard position < bytes.count else { return "the end of the document" }
        let byte = bytes[position]
        return byte >= 0x20 && byte < 0x7F
            ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}

/// A JSON number as read: its value, and its whole-number value where it has one.
struct JSONNumber {
    let double: Double
    let integer: Int?
}
