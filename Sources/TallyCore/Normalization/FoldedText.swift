/// A raw name, publisher or version made ready for matching: white space trimmed and collapsed to single spaces, the
/// marks `®`, `™` and `©` dropped, and non-ASCII text lowercased.
///
/// ASCII text keeps its case, so that a placeholder captures `R2023b` or `CS6` as written; patterns compare ASCII
/// letters through `FoldedText.lower`, which costs less than lowercasing every input.
struct FoldedText {
    let bytes: [UInt8]

    init(_ text: String) {
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            isASCII = false
            break
        }
        var source = isASCII ? text : text.lowercased()
        bytes = source.withUTF8 { Self.collapse($0) }
    }

    /// The bytes with white space collapsed and trimmed and the marks dropped.
    static func collapse(_ source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var pendingSpace = false
        var i = 0
        while i < source.count {
            let byte = source[i]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
            {
                pendingSpace = !result.isEmpty
                i += 1
                continue
            }
            if byte == 0xC2, i + 1 < source.count {
                // U+00A0 is a no-break space; U+00A9 (c) and U+00AE (R) are dropped.
                switch source[i + 1] {
                case 0xA0:
                    pendingSpace = !result.isEmpty
                    i += 2
                    continue
                case 0xA9, 0xAE:
                    i += 2
                    continue
                default:
                    break
                }
            }
            if byte == 0xE2, i + 2 < source.count, source[i + 1] == 0x84, source[i + 2] == 0xA2 {
                // U+2122, the trade mark sign.
                i += 3
                continue
            }
            if pendingSpace {
                result.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            result.append(byte)
            i += 1
        }
        return result
    }

    /// An ASCII letter in lower case; every other byte as it is.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }

    /// Whether a byte belongs to a word: an ASCII letter or digit, or part of a non-ASCII character.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }
}
