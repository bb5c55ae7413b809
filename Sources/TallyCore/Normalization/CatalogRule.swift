/// One rule of a software catalog: which raw inventory rows it matches and what they are.
///
/// A row matches when its name matches one of `name`, its publisher one of `publisher` (any publisher when empty;
/// a row without a publisher is matched as empty text) and its raw version `rawVersion` (when given; a row without a
/// version skips a `rawVersion` that captures a placeholder, and fails one that captures none). In a catalog the
/// first rule that matches decides.
public struct CatalogRule: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<CatalogRule>

    public var id: ID
    /// Patterns for the publisher, any of which may match; empty for any publisher.
    public var publisher: [Pattern]
    /// Patterns for the name, any of which may match; at least one.
    public var name: [Pattern]
    /// A pattern the raw version must match, mostly to capture a part of it for the clean version; one without a
    /// placeholder only tests the version, and a row without one fails it.
    public var rawVersion: Pattern?
    public var outcome: Outcome
    /// The release a license names for a version the rule writes, where inventories report a build: `14` as `2017`
    /// for SQL Server's `14.0.1000.169`. A version not listed stays as written.
    public var releases: [String: String]
    /// Why the rule is there, for the next person to read the catalog.
    public var note: String?

    /// What the rows a rule matches are.
    public enum Outcome: Hashable, Sendable {
        /// Installations of a product, with the clean version the template writes (none without one).
        case product(Product.ID, version: VersionTemplate?)
        /// Software that needs no license: free software, operating-system packages, drivers, runtimes, updates.
        case ignore(IgnoreReason)
        /// A part of a suite that is no product of its own (a language pack, proofing tools, a service pack or an
        /// update): ignored, because the suite's own row is the installation that counts. The suite is a product id,
        /// or the start of the ids of its editions (`microsoft-office` for every Office edition).
        case componentOf(Product.ID)
    }

    /// Why rows are ignored, for the license manager's review of what was set aside.
    public enum IgnoreReason: String, CaseIterable, Hashable, Sendable {
        /// Free of charge or open source, including the free editions of commercial products.
        case free
        /// A package of the operating system.
        case os
        /// A device driver or firmware tool.
        case driver
        /// A runtime or redistributable that other software brings along.
        case runtime
        /// An operating-system update or hotfix.
        case update
    }

    /// A rule; `publisher` empty matches any publisher.
    public init(
        id: ID, publisher: [Pattern] = [], name: [Pattern], rawVersion: Pattern? = nil, outcome: Outcome,
        releases: [String: String] = [:], note: String? = nil
    ) {
        self.id = id
        self.publisher = publisher
        self.name = name
        self.rawVersion = rawVersion
        self.outcome = outcome
        self.releases = releases
        self.note = note
    }
}
