/// The text of inventory exports, whatever Windows tool wrote it: byte-order marks, UTF-16 (`reg export`, Excel's
/// "Unicode text"), UTF-8, and Windows code page 1252 (Excel's plain "CSV").
enum InventoryText {
    /// How the bytes were decoded.
    enum Encoding: Equatable {
        case utf8, utf16LittleEndian, utf16BigEndian, windows1252
    }

    /// Decodes a whole file. A byte-order mark decides; without one, text whose every other byte is zero is
    /// UTF-16, valid UTF-8 is UTF-8, and anything else is read as Windows-1252, so that no byte is lost.
    static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding) {
        if let (start, bigEndian) = TextEncoding.utf16(bytes) {
            return (
                TextEncoding.string(fromUTF16: bytes[start...], bigEndian: bigEndian),
                bigEndian ? .utf16BigEndian : .utf16LittleEndian
            )
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        return (windows1252(body), .windows1252)
    }

    /// The lines of a text, without their endings (LF, CRLF or a lone CR).
    static func lines(_ text: String) -> [Substring] {
        // A CRLF is one Character in Swift, so it is matched as such, not as two separators.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    /// The text without leading and trailing white space.
    static func trimmed(_ text: some StringProtocol) -> String {
        // Most values have no space at either end: check the bytes before looking at characters.
        let string = String(text)
        if let first = string.utf8.first, let last = string.utf8.last, first > 0x20, first < 0x80, last > 0x20,
            last < 0x80
        {
            return string
        }
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }

    /// A value from a file, quoted in a message: at most 60 characters, so that a cell of megabytes is never echoed.
    static func quoted(_ text: some StringProtocol) -> String {
        StatusText.shortened(text)
    }

    /// The trimmed text, or nil when nothing is left.
    static func nonEmpty(_ text: (some StringProtocol)?) -> String? {
        guard let text else { return nil }
        let value = trimmed(text)
        return value.isEmpty ? nil : value
    }

    /// Decodes Windows-1252: Latin-1, with typographic marks and a few letters in 0x80…0x9F.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D,
            0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A,
            0x153, 0x9D, 0x17E, 0x178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "?")
        }
        return String(scalars)
    }
}

extension String {
    /// Nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
