/// UTF-16 as Windows tools write it (PowerShell's `>`, `reg export`, Excel's "Unicode text"): recognised by its
/// byte-order mark, or by the zero high bytes of ASCII text, and turned into UTF-8 for the readers, which read bytes.
enum TextEncoding {
    /// Where UTF-16 text starts and its byte order, or nil for text that is not UTF-16.
    static func utf16(_ bytes: some Collection<UInt8>) -> (start: Int, bigEndian: Bool)? {
        if bytes.starts(with: [0xFF, 0xFE]) { return (2, false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (2, true) }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bytes.dropFirst(bom)
        if looksLikeUTF16(body, zeroAt: 1) { return (bom, false) }
        if looksLikeUTF16(body, zeroAt: 0) { return (bom, true) }
        return nil
    }

    /// The bytes as UTF-8: UTF-16 converted, anything else as it is.
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        guard let (start, bigEndian) = utf16(bytes) else { return bytes }
        return Array(string(fromUTF16: bytes[start...], bigEndian: bigEndian).utf8)
    }

    /// Decodes UTF-16 code units; an odd last byte is dropped.
    static func string(fromUTF16 bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Text without a byte-order mark is taken for UTF-16 when, over its first characters, the high byte of every
    /// code unit is zero: that is ASCII written as UTF-16, which every report, export and header starts with.
    private static func looksLikeUTF16(_ bytes: some Collection<UInt8>, zeroAt offset: Int) -> Bool {
        let sample = bytes.prefix(64)
        guard sample.count >= 4 else { return false }
        for (position, byte) in sample.enumerated() {
            let isHigh = position % 2 == offset
            if isHigh && byte != 0 || !isHigh && byte == 0 { return false }
        }
        return true
    }
}
