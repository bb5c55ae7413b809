/// The keys and values of a `.reg` file as `regedit` and `reg export` write it, before any meaning is given to them.
///
/// Version 5 files (`Windows Registry Editor Version 5.00`) are usually UTF-16LE with a byte-order mark; version 4
/// files (`REGEDIT4`) are in the Windows code page. Values are `"Name"="text"` (with `\"` and `\\` escaped),
/// `dword:0000001f`, `hex:…` or `hex(N):…` (N the value type: 2 for expandable text, 7 for a list of texts), whose
/// bytes may go on over lines that end with `\`. `@` names a key's default value.
struct RegistryFile {
    /// A registry value's data.
    enum Value: Equatable {
        case text(String)
        case number(UInt32)
        /// `hex(type):` bytes; `hex:` is type 3 (binary).
        case bytes(type: Int, [UInt8])

        /// The value as text: text as is, numbers in decimal, and text stored as bytes (types 1, 2 and 7) decoded
        /// up to its first NUL.
        func text(unicode: Bool) -> String? {
            switch self {
            case .text(let text): return text
            case .number(let number): return String(number)
            case .bytes(let type, let bytes):
                guard [1, 2, 7].contains(type) else { return nil }
                if unicode {
                    var units: [UInt16] = []
                    var index = 0
                    while index + 1 < bytes.count {
                        let unit = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
                        if unit == 0 { break }
                        units.append(unit)
                        index += 2
                    }
                    return String(decoding: units, as: UTF16.self)
                }
                return InventoryText.windows1252(bytes.prefix(while: { $0 != 0 })[...])
            }
        }

        /// The value as a number: a dword, a little-endian `hex(4)`, or text of digits.
        var number: UInt32? {
            switch self {
            case .number(let number): return number
            case .text(let text): return UInt32(InventoryText.trimmed(text))
            case .bytes(let type, let bytes):
                guard type == 4, bytes.count == 4 else { return nil }
                return bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
            }
        }
    }

    /// One key: its path, the line that opens it (the first, if the file opens it twice) and its values by
    /// lowercased name (registry names ignore case).
    struct Key {
        var path: String
        var line: Int
        var values: [String: Value] = [:]
    }

    /// The keys in file order.
    private(set) var keys: [Key] = []
    /// True for version 5 (UTF-16) files, false for `REGEDIT4`.
    private(set) var unicode = true
    private var index: [String: Int] = [:]

    /// Reads a whole file; anything that is not a key, a value, a comment or a blank line is an error naming its
    /// line.
    init(_ bytes: [UInt8]) throws(FormatError) {
        let lines = InventoryText.lines(InventoryText.decode(bytes).text)
        guard let headerIndex = lines.firstIndex(where: { !InventoryText.trimmed($0).isEmpty }) else {
            throw .line(number: 1, reason: "the file is empty; export the Uninstall key with regedit or reg export")
        }
        switch InventoryText.trimmed(lines[headerIndex]) {
        case "Windows Registry Editor Version 5.00": unicode = true
        case "REGEDIT4": unicode = false
        default:
            throw .line(
                number: headerIndex + 1,
                reason: "this is not a registry export: its first line should be \"Windows Registry Editor Version "
                    + "5.00\"; export HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall with regedit "
                    + "or `reg export`")
        }
        var current: Int?
        var deleted = false
        var number = headerIndex + 1
        while number < lines.count {
            let start = number
            let line = InventoryText.trimmed(lines[number])
            number += 1
            if line.isEmpty || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw .line(number: start + 1, reason: "a key name opens with [ but does not close with ]")
                }
                let path = String(line.dropFirst().dropLast())
                deleted = path.hasPrefix("-")
                current = deleted ? nil : openKey(path, line: start + 1)
                continue
            }
            guard line.hasPrefix("\"") || line.hasPrefix("@") else {
                throw .line(number: start + 1, reason: "expected a [key], a \"Name\"=value line or a comment")
            }
            var statement = line
            // Bytes go on over lines ending with `\`; text that does not close goes on over the next line.
            while number < lines.count {
                if Self.opensText(statement) {
                    statement += "\n" + lines[number]
                } else if statement.hasSuffix("\\") && Self.isBytes(statement) {
                    statement = statement.dropLast() + InventoryText.trimmed(lines[number])
                } else {
                    break
                }
                number += 1
            }
            guard !deleted else { continue }
            guard let current else {
                throw .line(number: start + 1, reason: "a value comes before any [key] that would hold it")
            }
            let (name, value) = try Self.value(statement, line: start + 1)
            keys[current].values[name.lowercased()] = value
        }
    }

    private mutating func openKey(_ path: String, line: Int) -> Int {
        let name = path.lowercased()
        if let existing = index[name] { return existing }
        keys.append(Key(path: path, line: line))
        index[name] = keys.count - 1
        return keys.count - 1
    }

    // MARK: - Values

    /// A value line's name and data; nil data for `"Name"=-`, which deletes the value.
    private static func value(_ statement: String, line: Int) throws(FormatError) -> (String, Value?) {
        var rest = Substring(statement)
        let name: String
        if rest.hasPrefix("@") {
            name = ""
            rest = rest.dropFirst()
        } else {
            guard let quoted = quoted(&rest) else {
                throw .line(number: line, reason: "a value name opens with \" but does not close")
            }
            name = quoted
        }
        let label = name.isEmpty ? "the default value" : "the value \"\(name)\""
        rest = rest.drop(while: { $0 == " " })
        guard rest.first == "=" else { throw .line(number: line, reason: "\(label) has no = after its name") }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        if rest == "-" { return (name, nil) }
        if rest.hasPrefix("\"") {
            guard let text = quoted(&rest), InventoryText.trimmed(rest).isEmpty else {
                throw .line(number: line, reason: "the text of \(label) does not close with \"")
            }
            return (name, .text(text))
        }
        let lower = rest.lowercased()
        if lower.hasPrefix("dword:") {
            guard let number = UInt32(lower.dropFirst(6), radix: 16) else {
                throw .line(number: line, reason: "\(label) is a dword without 8 hex digits")
            }
            return (name, .number(number))
        }
        if lower.hasPrefix("hex") {
            var type = 3
            var data = lower.dropFirst(3)
            if data.hasPrefix("(") {
                guard let close = data.firstIndex(of: ")"),
                    let parsed = Int(data[data.index(after: data.startIndex)..<close], radix: 16)
                else { throw .line(number: line, reason: "\(label) has an unreadable hex(…) type") }
                type = parsed
                data = data[data.index(after: close)...]
            }
            guard data.hasPrefix(":") else { throw .line(number: line, reason: "\(label) has no : after hex") }
            var bytes: [UInt8] = []
            for part in data.dropFirst().split(separator: ",") {
                guard let byte = UInt8(InventoryText.trimmed(part), radix: 16) else {
                    throw .line(number: line, reason: "\(label) has \"\(part)\" among its hex bytes")
                }
                bytes.append(byte)
            }
            return (name, .bytes(type: type, bytes))
        }
        throw .line(
            number: line, reason: "\(label) is not understood: expected \"text\", dword:…, hex:… or hex(N):…")
    }

    /// Reads a `"…"` with `\"` and `\\` escapes from the start of `text`, leaving what follows; nil when it does
    /// not close.
    private static func quoted(_ text: inout Substring) -> String? {
        guard text.first == "\"" else { return nil }
        var result = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                let next = text.index(after: index)
                guard next < text.endIndex else { return nil }
                result.append(text[next])
                index = text.index(after: next)
                continue
            }
            if character == "\"" {
                text = text[text.index(after: index)...]
                return result
            }
            result.append(character)
            index = text.index(after: index)
        }
        return nil
    }

    private static func isBytes(_ statement: String) -> Bool {
        guard let equals = statement.firstIndex(of: "=") else { return false }
        return statement[statement.index(after: equals)...].lowercased().hasPrefix("hex")
    }

    /// Whether the line holds a value whose text opens and does not close (regedit writes line breaks in text as is).
    private static func opensText(_ statement: String) -> Bool {
        var rest = Substring(statement)
        if rest.hasPrefix("@") {
            rest = rest.dropFirst()
        } else if quoted(&rest) == nil {
            return false
        }
        rest = rest.drop(while: { $0 == " " })
        guard rest.first == "=" else { return false }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        return rest.first == "\"" && quoted(&rest) == nil
    }
}
