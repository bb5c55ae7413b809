/// Recognises a machine that several inventory sources report under different names: by its serial number, else
/// by its short host name (`WS-0042`, `ws-0042.corp.example.com` and `ws-0042` are one device).
public struct DeviceMatcher: Sendable {
    private var bySerial: [String: Device.ID] = [:]
    private var byName: [String: Device.ID] = [:]
    private var taken: Set<String> = []

    /// A matcher that knows `devices`.
    public init(devices: [Device]) {
        for device in devices { remember(device) }
    }

    /// Makes `device` known, by its serial, its host name and its id.
    public mutating func remember(_ device: Device) {
        taken.insert(device.id.rawValue.lowercased())
        if let serial = Self.meaningfulSerial(device.serial) { bySerial[serial] = bySerial[serial] ?? device.id }
        for name in [device.hostname, device.id.rawValue].compactMap({ $0 }) {
            let short = Self.shortName(name)
            if !short.isEmpty { byName[short] = byName[short] ?? device.id }
        }
    }

    /// The known device a source's machine is: the one with its serial number, else the one with its short name.
    public func match(serial: String?, name: String?) -> Device.ID? {
        if let serial = Self.meaningfulSerial(serial), let id = bySerial[serial] { return id }
        if let name, let id = byName[Self.shortName(name)] { return id }
        return nil
    }

    /// A new id for a machine: its short host name, else `serial-SERIAL`, made unique with `-2`, `-3`…
    public func newID(name: String?, serial: String?) -> Device.ID {
        let base =
            name.map(Self.shortName).flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.meaningfulSerial(serial).map { "serial-" + $0 } ?? "device"
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return Device.ID(candidate)
    }

    /// A host name without its domain, in lower case: `WS-0042.corp.example.com` is `ws-0042`. A name that is an
    /// IP address is kept whole.
    public static func shortName(_ name: String) -> String {
        let trimmed = name.trimmingWhitespace.lowercased()
        if trimmed.allSatisfy({ $0.isNumber || $0 == "." }) { return trimmed }
        return String(trimmed.prefix { $0 != "." })
    }

    /// A serial number that identifies a machine, in upper case; nil for the placeholders firmware leaves
    /// (`To be filled by O.E.M.`, `System Serial Number`, `0`, `None`…).
    public static func meaningfulSerial(_ serial: String?) -> String? {
        guard let serial else { return nil }
        let text = serial.trimmingWhitespace.uppercased()
        guard text.count >= 3, !placeholders.contains(text), Set(text).count > 1 else { return nil }
        return text
    }

    private static let placeholders: Set<String> = [
        "NONE", "N/A", "NULL", "UNKNOWN", "DEFAULT STRING", "TO BE FILLED BY O.E.M.", "SYSTEM SERIAL NUMBER",
        "CHASSIS SERIAL NUMBER", "NOT SPECIFIED", "NOT APPLICABLE", "NOT AVAILABLE", "0123456789", "123456789",
        "1234567890", "INVALID", "SERIAL", "OEM", "O.E.M.", "XXXXXXXX",
    ]
}

extension String {
    /// Without spaces, tabs and line breaks at either end.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
