/// How a rule writes the clean version of a product: text with the labels of placeholders in braces, filled with what
/// they captured (`{year}`, `R{release}`, `{major}.{minor}`, or a fixed `DC`).
public struct VersionTemplate: Hashable, Sendable, CustomStringConvertible {
    /// The template as written.
    public let text: String
    let parts: [Part]

    enum Part: Hashable, Sendable {
        case text(String)
        case label(String)
    }

    /// Reads a template, or says what is wrong with it.
    public init(_ text: String) throws(CatalogError) {
        self.text = text
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw .invalidTemplate(template: text, reason: "opens { without closing it")
            }
            let label = String(rest[rest.index(after: open)..<close]).lowercased()
            guard Pattern.Parser.isLabel(label) else {
                throw .invalidTemplate(
                    template: text, reason: "names \"{\(label)}\"; write the label of a placeholder, as in {year}")
            }
            parts.append(.label(label))
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("}") {
            throw .invalidTemplate(template: text, reason: "closes } without opening it")
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        guard !parts.isEmpty else { throw .invalidTemplate(template: text, reason: "is empty; leave it out instead") }
        self.parts = parts
    }

    public var description: String { text }

    /// The labels the template uses.
    public var labels: [String] {
        parts.compactMap { if case .label(let label) = $0 { label } else { nil } }
    }

    /// The version with each label replaced by `value(label)`.
    func render(_ value: (String) -> String) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .label(let label): result += value(label)
            }
        }
        return result
    }
}
