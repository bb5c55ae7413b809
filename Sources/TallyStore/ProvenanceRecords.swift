import TallyCore

/// An installation as an import wrote it: the record, the first day it was seen, and the batch that last wrote it,
/// so that a figure of the position can be traced to the file it came from.
public struct ImportedInstallation: Sendable, Equatable {
    public var installation: Installation
    public var firstSeen: Day?
    public var batch: Int64?

    public init(installation: Installation, firstSeen: Day?, batch: Int64?) {
        self.installation = installation
        self.firstSeen = firstSeen
        self.batch = batch
    }
}

/// A license-server session as an import wrote it, with its batch.
public struct ImportedSession: Sendable, Equatable {
    public var session: UsageSession
    public var batch: Int64?

    public init(session: UsageSession, batch: Int64?) {
        self.session = session
        self.batch = batch
    }
}
