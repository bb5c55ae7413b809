/// Values of inventory JSON, read leniently: agents write numbers as text and text as numbers, so a value is
/// accepted in either form and refused only when it is a list or an object where a value belongs.
extension JSONReader {
    /// A key of an object, as text.
    static func name(_ key: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: key, as: UTF8.self)
    }

    /// Text, or a number or true/false written as text; nil for null and for text that is only white space.
    mutating func looseText(_ path: @autoclosure () -> String) throws(FormatError) -> String? {
        switch try peekKind() {
        case .null:
            _ = readNullIfPresent()
            return nil
        case .string:
            return InventoryText.nonEmpty(try readString())
        case .number:
            let number = try readNumber()
            return number.integer.map(String.init) ?? String(number.double)
        case .bool:
            return try readBool() ? "true" : "false"
        case .object, .array:
            throw mismatch(path(), expected: "a single value")
        }
    }

    /// A whole number, or one written as text (`"4"`); nil for null and for text that holds no number.
    mutating func looseCount(_ path: @autoclosure () -> String) throws(FormatError) -> Int? {
        if try peekKind() == .number {
            let number = try readNumber()
            return number.integer ?? (number.double.isFinite ? Int(exactly: number.double.rounded()) : nil)
        }
        return try looseText(path()).flatMap { Int($0) }
    }

    /// Reads an object member by member, with each key as text.
    mutating func readMembers(
        _ path: @autoclosure () -> String, _ body: (inout JSONReader, String) throws(FormatError) -> Void
    ) throws(FormatError) {
        guard try peekKind() == .object else { throw mismatch(path(), expected: "an object") }
        try readObject { reader, key throws(FormatError) in try body(&reader, Self.name(key)) }
    }

    /// Reads a list element by element; null is an empty list.
    mutating func readElements(
        _ path: @autoclosure () -> String, _ body: (inout JSONReader, Int) throws(FormatError) -> Void
    ) throws(FormatError) {
        if readNullIfPresent() { return }
        guard try peekKind() == .array else { throw mismatch(path(), expected: "a list") }
        try readArray(body)
    }
}

extension JSONReader {
    /// Runs `body` on a reader over `bytes` (or the part `range` of them).
    static func reading<T>(
        _ bytes: [UInt8], range: Range<Int>? = nil, _ body: (inout JSONReader) throws(FormatError) -> T
    ) throws(FormatError) -> T {
        let result: Result<T, FormatError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(UnsafeBufferPointer(rebasing: buffer[range ?? 0..<buffer.count]))
            do throws(FormatError) {
                return .success(try body(&reader))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
