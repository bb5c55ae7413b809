import TallyCore

/// The keys an object of the format may have, matched against key bytes without building strings.
///
/// The table lives for the whole process in memory it never frees, and holds only pointers: copying it, as every
/// object read does, touches no reference count, so threads reading objects side by side never contend for it.
struct KeyTable<Key: RawRepresentable & CaseIterable & Sendable>: @unchecked Sendable where Key.RawValue == String {
    private let keys: UnsafeMutableBufferPointer<Key>
    /// Length, first and last byte of each key: one integer comparison rules out almost every other key.
    private let signatures: UnsafeMutableBufferPointer<UInt32>
    /// Each key's bytes, at `offsets[i]..<offsets[i + 1]` of `text`.
    private let offsets: UnsafeMutableBufferPointer<Int>
    private let text: UnsafeMutableBufferPointer<UInt8>

    init() {
        let all = Array(Key.allCases)
        let names = all.map { Array($0.rawValue.utf8) }
        keys = .allocate(capacity: all.count)
        _ = keys.initialize(from: all)
        signatures = .allocate(capacity: all.count)
        _ = signatures.initialize(from: names.map { name in name.withUnsafeBufferPointer { Self.signature($0) } })
        offsets = .allocate(capacity: all.count + 1)
        var running = 0
        offsets[0] = 0
        for (i, name) in names.enumerated() {
            running += name.count
            offsets[i + 1] = running
        }
        text = .allocate(capacity: max(1, running))
        _ = text.initialize(from: names.joined())
    }

    subscript(bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        find(bytes)?.key
    }

    /// The key these bytes name and its place in the table (for a bit of a set of keys seen).
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: Key, ordinal: Int)? {
        let signature = Self.signature(bytes)
        for i in 0..<signatures.count where signatures[i] == signature {
            var same = true
            for (j, byte) in bytes.enumerated() where text[offsets[i] + j] != byte {
                same = false
                break
            }
            if same { return (keys[i], i) }
        }
        return nil
    }

    private static func signature(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let first = bytes.first, let last = bytes.last else { return 0 }
        return UInt32(truncatingIfNeeded: bytes.count) << 16 | UInt32(first) << 8 | UInt32(last)
    }

    /// The error for a key given twice in one object: the second would silently win.
    func repeated(_ bytes: UnsafeBufferPointer<UInt8>, at path: String) -> FormatError {
        let name = String(decoding: bytes, as: UTF8.self)
        return .field(path: path.isEmpty ? name : "\(path).\(name)", reason: "given twice; keep one")
    }

    /// The error for a key the format does not have, listing the ones it does.
    func unknown(_ bytes: UnsafeBufferPointer<UInt8>, at path: String) -> FormatError {
        let name = String(decoding: bytes, as: UTF8.self)
        let allowed = keys.map(\.rawValue).joined(separator: ", ")
        return .field(path: path.isEmpty ? name : "\(path).\(name)", reason: "unknown key (allowed here: \(allowed))")
    }
}

/// Typed values at a path: each reader names the path and what it found when the value is of the wrong kind.
extension JSONReader {
    /// Reads an object of the format: each key must be one of `keys`, and appear once.
    mutating func readObject<Key>(
        _ keys: KeyTable<Key>, at path: @autoclosure () -> String,
        _ body: (inout JSONReader, Key) throws(FormatError) -> Void
    ) throws(FormatError) {
        var seen: UInt64 = 0
        try readObject { reader, bytes throws(FormatError) in
            guard let (key, ordinal) = keys.find(bytes) else { throw keys.unknown(bytes, at: path()) }
            let bit: UInt64 = 1 << UInt64(ordinal & 63)
            guard seen & bit == 0 else { throw keys.repeated(bytes, at: path()) }
            seen |= bit
            try body(&reader, key)
        }
    }

    mutating func string(_ path: @autoclosure () -> String) throws(FormatError) -> String {
        guard try peekKind() == .string else { throw mismatch(path(), expected: "a string") }
        return try readString()
    }

    mutating func optionalString(_ path: @autoclosure () -> String) throws(FormatError) -> String? {
        if readNullIfPresent() { return nil }
        return try string(path())
    }

    mutating func wholeNumber(_ path: @autoclosure () -> String) throws(FormatError) -> Int {
        guard try peekKind() == .number else { throw mismatch(path(), expected: "a whole number") }
        let number = try readNumber()
        guard let value = number.integer else {
            let fraction = number.double.isFinite && number.double.rounded() != number.double
            throw .field(
                path: path(), reason: fraction ? "expected a whole number, found a fraction" : "the number is too large"
            )
        }
        return value
    }

    mutating func optionalWholeNumber(_ path: @autoclosure () -> String) throws(FormatError) -> Int? {
        if readNullIfPresent() { return nil }
        return try wholeNumber(path())
    }

    mutating func optionalAmount(_ path: @autoclosure () -> String) throws(FormatError) -> Double? {
        if readNullIfPresent() { return nil }
        guard try peekKind() == .number else { throw mismatch(path(), expected: "a number") }
        let value = try readNumber().double
        guard value.isFinite else { throw .field(path: path(), reason: "the number is out of range") }
        return value
    }

    mutating func bool(_ path: @autoclosure () -> String) throws(FormatError) -> Bool {
        guard try peekKind() == .bool else { throw mismatch(path(), expected: "true or false") }
        return try readBool()
    }

    mutating func optionalDay(_ path: @autoclosure () -> String) throws(FormatError) -> Day? {
        if readNullIfPresent() { return nil }
        guard try peekKind() == .string else { throw mismatch(path(), expected: "a date as YYYY-MM-DD") }
        // Dates are the commonest values after ids: read them from the bytes when they need no unescaping.
        if let bytes = rawStringIfPlain() {
            if let day = Day(utf8: bytes) { return day }
            throw .field(
                path: path(),
                reason: "expected a date as YYYY-MM-DD, found \"\(String(decoding: bytes, as: UTF8.self))\"")
        }
        let text = try readString()
        guard let day = Day(text) else {
            throw .field(path: path(), reason: "expected a date as YYYY-MM-DD, found \"\(text)\"")
        }
        return day
    }

    mutating func instant(_ path: @autoclosure () -> String) throws(FormatError) -> Instant {
        let text = try string(path())
        guard let instant = Instant(text) else {
            throw .field(
                path: path(),
                reason: "expected an instant as ISO 8601 with a zone (2026-11-02T09:00:00Z), found \"\(text)\"")
        }
        return instant
    }

    mutating func optionalInstant(_ path: @autoclosure () -> String) throws(FormatError) -> Instant? {
        if readNullIfPresent() { return nil }
        return try instant(path())
    }

    mutating func strings(_ path: @autoclosure () -> String) throws(FormatError) -> [String] {
        guard try peekKind() == .array else { throw mismatch(path(), expected: "a list of strings") }
        var values: [String] = []
        try readArray { reader, index throws(FormatError) in values.append(try reader.string("\(path())[\(index)]")) }
        return values
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(
        _ path: @autoclosure () -> String, as: T.Type
    ) throws(FormatError) -> T where T.RawValue == String {
        let text = try string(path())
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw .field(path: path(), reason: "\"\(text)\" is not one of \(allowed)")
        }
        return value
    }

    /// The error for a value of the wrong kind, saying what was found.
    mutating func mismatch(_ path: String, expected: String) -> FormatError {
        let found: String
        switch try? peekKind() {
        case .object: found = "an object"
        case .array: found = "a list"
        case .string: found = (try? readString()).map { "\"\($0)\"" } ?? "a string"
        case .number: found = "a number"
        case .bool: found = "true or false"
        case .null: found = "null"
        case nil: found = "no value"
        }
        return .field(path: path, reason: "expected \(expected), found \(found)")
    }
}
