import TallyCore

/// The paths of the documents in an audit pack, `documents/CONTRACT/NAME`: names as attached, made safe to unpack
/// on any system, each path distinct from every other without regard to case.
struct PackPaths {
    /// The folder given to each contract, and the paths taken, lowercased.
    private var folders: [Contract.ID: String] = [:]
    private var taken: Set<String> = []

    /// Where the pack keeps a document of `contract` attached as `name`.
    mutating func document(_ name: String, of contract: Contract.ID) -> String {
        let folder: String
        if let known = folders[contract] {
            folder = known
        } else {
            folder = unique("documents/", Self.safe(contract.rawValue, fallback: "contract"), "")
            folders[contract] = folder
        }
        let file = Self.safe(name, fallback: "document")
        let dot = file.lastIndex(of: ".").flatMap { $0 == file.startIndex ? nil : $0 }
        return unique(folder + "/", String(file[..<(dot ?? file.endIndex)]), String(file[(dot ?? file.endIndex)...]))
    }

    /// `prefix + stem + suffix`, or with `-2`, `-3`... after the stem where that path is taken.
    private mutating func unique(_ prefix: String, _ stem: String, _ suffix: String) -> String {
        var path = prefix + stem + suffix
        var number = 2
        while taken.contains(path.lowercased()) {
            path = prefix + stem + "-\(number)" + suffix
            number += 1
        }
        taken.insert(path.lowercased())
        return path
    }

    /// Names no system reads as device names, whatever their extension.
    private static let reserved = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// A name safe as one file or folder name anywhere: letters, digits, spaces and `-_.()+` kept, anything else
    /// (slashes, colons, control characters, `*?"<>|`) made `_`; no leading dot (nothing hidden, no `.` or `..`),
    /// no trailing dot or space, no device name, at most 120 characters.
    static func safe(_ name: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let kept =
                scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || " -_.()+".unicodeScalars.contains(scalar)
            scalars.append(kept && scalar.value >= 0x20 ? scalar : "_")
        }
        var text = String(String(scalars).prefix(120))
        while let first = text.first, first == "." || first == " " { text.removeFirst() }
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        if text.isEmpty { return fallback }
        let base = text.split(separator: ".", omittingEmptySubsequences: false).first.map(String.init) ?? text
        return reserved.contains(base.uppercased()) ? "_" + text : text
    }
}
