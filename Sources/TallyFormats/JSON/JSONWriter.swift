/// Appends JSON text to a byte buffer: fast enough for millions of records, and escaping every string correctly.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends text as is (punctuation, keys known to need no escaping).
    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends a quoted, escaped string.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most texts need no escape: copied whole.
        var plain = text
        let copied = plain.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    public mutating func number(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
        }
    }

    public mutating func optionalNumber(_ value: Int?) {
        if let value { number(value) } else { raw("null") }
    }

    /// A decimal as short as it can be written (`54992`, `12.5`, `1234.56`); nil is `null`.
    public mutating func decimal(_ value: Double?) {
        // JSON has no infinity or NaN: such a value (never valid in an estate) is written as unknown.
        guard let value, value.isFinite else { return raw("null") }
        raw(Self.decimalText(value))
    }

    public mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// The shortest text for a decimal: whole numbers without a fraction; empty for no number.
    public static func decimalText(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// One JSON object of simple values, its keys in the order given: what the audit trail records.
    public static func object(_ fields: KeyValuePairs<String, JSONValue>) -> String {
        object(fields.map { ($0.key, $0.value) })
    }

    /// One JSON object of simple values, its keys in the order given.
    public static func object(_ fields: [(key: String, value: JSONValue)]) -> String {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.raw("{")
        for (i, field) in fields.enumerated() {
            if i > 0 { writer.raw(", ") }
            writer.string(field.key)
            writer.raw(": ")
            switch field.value {
            case .string(let text): writer.optionalString(text)
            case .int(let number): writer.number(number)
            case .decimal(let number): writer.decimal(number)
            case .bool(let value): writer.bool(value)
            case .json(let text): writer.raw(text)
            case .strings(let texts):
                writer.raw("[")
                for (j, text) in texts.enumerated() {
                    if j > 0 { writer.raw(", ") }
                    writer.string(text)
                }
                writer.raw("]")
            }
        }
        writer.raw("}")
        return writer.text
    }

    /// A JSON string literal for `text`.
    public static func quoted(_ text: String) -> String {
        var writer = JSONWriter(reservingCapacity: text.utf8.count + 2)
        writer.string(text)
        return writer.text
    }
}

/// A value of a JSON object written with `JSONWriter.object`.
public enum JSONValue: Sendable {
    case string(String?)
    case int(Int)
    case decimal(Double?)
    case bool(Bool)
    case strings([String])
    /// JSON text written as is (an object or list written by a writer).
    case json(String)
}
