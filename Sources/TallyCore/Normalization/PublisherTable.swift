/// What is known of the publishers inventories name, beyond the catalog's rules: those that sell commercial software,
/// whose titles the catalog does not know are probably licensable, and those that publish only free software, whose
/// titles are set aside as free.
///
/// A publisher is recognised by patterns of the raw publisher (`Proxy Networks*`, `O&O*`), as rules are; the first
/// entry that matches decides.
public struct PublisherTable: Sendable {
    /// One publisher: the name a license manager knows it by, and the raw publishers inventories write for it.
    public struct Publisher: Hashable, Sendable {
        public var name: String
        public var patterns: [Pattern]
        public var kind: Kind

        public init(name: String, patterns: [Pattern], kind: Kind) {
            self.name = name
            self.patterns = patterns
            self.kind = kind
        }
    }

    /// What a publisher sells.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// Commercial software: an unknown title of it is probably licensable.
        case commercial
        /// Free software only: its titles are set aside.
        case free
    }

    public let publishers: [Publisher]
    /// The rules that set aside every title of a free-software publisher, in table order; read after the catalog's own
    /// rules, so that a product rule always wins.
    public let setAsideRules: [CatalogRule]
    private let index: RuleIndex

    /// An empty table: no publisher is known.
    public init() {
        publishers = []
        setAsideRules = []
        index = RuleIndex(rules: [])
    }

    /// A table, checked: every publisher has a name and at least one pattern. Problems name their path
    /// (`publishers[3].patterns`).
    public init(_ publishers: [Publisher]) throws(CatalogError) {
        var lookup: [CatalogRule] = []
        var setAside: [CatalogRule] = []
        var ids: Set<String> = []
        let anyName = try Pattern("*")
        for (position, publisher) in publishers.enumerated() {
            let path = "publishers[\(position)]"
            guard !publisher.name.isEmpty else {
                throw .invalid(path: path + ".name", reason: "is empty; write the publisher's name")
            }
            guard !publisher.patterns.isEmpty else {
                throw .invalid(path: path + ".patterns", reason: "is empty; give the raw publishers it is written as")
            }
            lookup.append(
                CatalogRule(
                    id: .init(String(position)), publisher: publisher.patterns, name: [anyName],
                    outcome: .ignore(.free)))
            guard publisher.kind == .free else { continue }
            var id = "free-publisher-" + Slug.make(publisher.name)
            if ids.contains(id) { id += "-\(position)" }
            ids.insert(id)
            setAside.append(
                CatalogRule(
                    id: .init(id), publisher: publisher.patterns, name: [anyName], outcome: .ignore(.free),
                    note: "\(publisher.name) publishes free software only"))
        }
        self.publishers = publishers
        setAsideRules = setAside
        index = RuleIndex(rules: lookup)
    }

    /// The publisher a raw publisher is, or nil when the table does not know it.
    public func publisher(of raw: String?) -> Publisher? {
        guard let raw, !raw.isEmpty, !publishers.isEmpty else { return nil }
        let folded = FoldedText(raw).bytes
        let match = folded.withUnsafeBufferPointer { publisher in
            index.firstMatch(
                name: UnsafeBufferPointer(start: nil, count: 0), publisher: publisher,
                version: UnsafeBufferPointer(start: nil, count: 0))
        }
        return match.map { publishers[$0.rule] }
    }
}
