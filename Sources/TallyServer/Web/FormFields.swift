import Foundation

/// The fields of a submitted form, by name; the first value of a name counts. Read from an
/// `application/x-www-form-urlencoded` body, or from the text parts of a `multipart/form-data` one.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[name] == nil, let value { values[name] = value }
        }
    }

    init(_ values: [String: String] = [:]) {
        self.values = values
    }

    subscript(name: String) -> String? { values[name] }

    /// Sets a field, as a handler does to force one (`dryRun` for a preview).
    mutating func set(_ name: String, _ value: String) { values[name] = value }

    /// The value of `name` with surrounding blanks trimmed; nil when it is absent or blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Whether a checkbox named `name` was ticked.
    func isChecked(_ name: String) -> Bool { values[name] != nil }

    /// `+` as a space, `%XX` as its byte; nil for text that does not decode to UTF-8.
    private static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
