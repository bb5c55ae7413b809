/// A title of the review queue: a raw title no catalog rule recognises, with what the publisher table knows of its
/// publisher. A title of a publisher that sells commercial software is probably licensable, and comes with the
/// product it probably is.
public struct ReviewTitle: Sendable, Equatable {
    public var publisher: String?
    public var name: String
    /// Distinct versions seen.
    public var versions: Int
    public var devices: Int
    /// The publisher as the publisher table knows it, of either kind.
    public var knownPublisher: PublisherTable.Publisher?
    /// For a title of a commercial publisher: the product it probably is.
    public var suggestion: ProductSuggestion?
    /// Whether every version seen starts with a digit, so that a rule can take the major release from it.
    public var versionsStartWithNumber: Bool

    /// A title seen in `versions` versions (`unnumbered` of them not starting with a digit) on `devices` devices,
    /// its publisher looked up in `publishers`.
    public init(
        publisher: String?, name: String, versions: Int, unnumbered: Int, devices: Int, publishers: PublisherTable
    ) {
        self.publisher = publisher
        self.name = name
        self.versions = versions
        self.devices = devices
        versionsStartWithNumber = unnumbered == 0
        knownPublisher = publishers.publisher(of: publisher)
        if let known = knownPublisher, known.kind == .commercial {
            suggestion = ProductSuggestion(publisher: known.name, title: name)
        }
    }

    /// Whether the title is probably software to license: its publisher sells commercial software.
    public var probablyLicensable: Bool { suggestion != nil }
}
