/// One row of software as an inventory tool reports it, before normalization: the publisher and name as the
/// installer wrote them (`Microsoft Corporation`, `Microsoft Office Professional Plus 2019 - en-us`) and the version.
public struct SoftwareTitle: Hashable, Sendable {
    public var publisher: String?
    public var name: String
    public var version: String?

    /// A raw row.
    public init(publisher: String?, name: String, version: String?) {
        self.publisher = publisher
        self.name = name
        self.version = version
    }
}
