import TallyCore

/// One license server named by a status report, and whether it answered.
public struct LicenseServerState: Sendable, Equatable {
    /// `port@host` where the report lists the port, otherwise the host as printed.
    public var name: String
    /// True when the report shows the server up.
    public var up: Bool
    /// The rest of the status line: role and version when up (`(MASTER) v11.13`), the error when down.
    public var detail: String?

    /// A server state from its parts.
    public init(name: String, up: Bool, detail: String? = nil) {
        self.name = name
        self.up = up
        self.detail = detail
    }
}

/// One pool of licenses of a feature: a license line with its own version, count and expiry.
public struct LicensePool: Sendable, Equatable {
    /// The vendor daemon (FlexNet) or ISV (RLM) serving the pool, where the report names it.
    public var vendor: String?
    /// The feature (FlexNet) or product (RLM) name.
    public var feature: String
    /// The version of the license line, without its leading `v`.
    public var version: String?
    /// Licenses in the pool, where the report shows them (`lmstat -i`, RLM `count:`).
    public var issued: Int?
    /// Licenses in use from the pool: as shown (RLM `inuse:`), or the sum of the checkouts listed under it (lmstat).
    public var inUse: Int?
    /// The last day of the license; nil for a permanent license or where the report shows no expiry.
    public var expires: Day?
    /// Licenses held back for reservations (not use).
    public var reserved: Int

    /// A pool from its parts.
    public init(
        vendor: String?, feature: String, version: String?, issued: Int?, inUse: Int?, expires: Day?,
        reserved: Int = 0
    ) {
        self.vendor = vendor
        self.feature = feature
        self.version = version
        self.issued = issued
        self.inUse = inUse
        self.expires = expires
        self.reserved = reserved
    }
}

/// One license held (or, in `LicenseStatusReport.queued`, waited for) at the time of a status report.
public struct StatusCheckout: Sendable, Equatable {
    /// The vendor daemon or ISV, where known.
    public var vendor: String?
    /// The feature checked out.
    public var feature: String
    /// The user name; may contain spaces, may be empty.
    public var user: String
    /// The client host.
    public var host: String
    /// The display or terminal (`/dev/pts/0`, an X display), where the report shows one.
    public var display: String?
    /// The version the client asked for, without its leading `v`.
    public var version: String?
    /// What identifies the checkout on its server, as `server/port handle` (`host1/28000 5226`).
    public var serverHandle: String?
    /// When the checkout began, on the server's wall clock read as UTC; nil where no year could be inferred.
    public var start: Instant?
    /// Seconds the license lingers after release (FlexNet `linger:`), where shown.
    public var linger: Int?
    /// Licenses held by this checkout.
    public var count: Int

    /// A checkout from its parts.
    public init(
        vendor: String?, feature: String, user: String, host: String, display: String?, version: String?,
        serverHandle: String?, start: Instant?, linger: Int?, count: Int
    ) {
        self.vendor = vendor
        self.feature = feature
        self.user = user
        self.host = host
        self.display = display
        self.version = version
        self.serverHandle = serverHandle
        self.start = start
        self.linger = linger
        self.count = count
    }
}

/// What one license-server status report (`lmutil lmstat -a`, `rlmutil rlmstat -a`) says at the moment it was taken.
///
/// A report is a sample, not a log: a checkout absent from it has ended. Only features the report lists can
/// say so; a server shown down says nothing about its features' use.
public struct LicenseStatusReport: Sendable, Equatable {
    /// A vendor daemon (FlexNet) or ISV server (RLM) and whether it runs: a name, up or not, and the rest of its
    /// status line (version, port or error), as for a license server.
    public typealias VendorDaemon = LicenseServerState

    /// The totals of one feature: licenses issued and in use across its pools.
    public struct FeatureTotals: Sendable, Equatable {
        /// The vendor daemon or ISV, where known.
        public var vendor: String?
        /// The feature name.
        public var feature: String
        /// Licenses issued; nil for uncounted (node-locked) features and features in error.
        public var issued: Int?
        /// Licenses in use; nil where the report does not count them.
        public var inUse: Int?
        /// Why the counts are missing (`Uncounted, node-locked`, `Error: …`), as printed.
        public var detail: String?

        /// Feature totals from their parts.
        public init(vendor: String?, feature: String, issued: Int?, inUse: Int?, detail: String? = nil) {
            self.vendor = vendor
            self.feature = feature
            self.issued = issued
            self.inUse = inUse
            self.detail = detail
        }
    }

    /// The report's own date and time where it shows one (server wall clock, read as UTC).
    public var reportedAt: Instant?
    /// The license servers and their state, in report order.
    public var servers: [LicenseServerState] = []
    /// The vendor daemons or ISV servers, in report order.
    public var vendorDaemons: [VendorDaemon] = []
    /// Per feature, the licenses issued and in use, in report order (a feature printed twice appears twice).
    public var features: [FeatureTotals] = []
    /// The license pools with their versions and expiry dates.
    public var pools: [LicensePool] = []
    /// Every license held at the time of the report.
    public var checkouts: [StatusCheckout] = []
    /// Requests waiting for a license (FlexNet `queued for N licenses`): demand that was not served.
    public var queued: [StatusCheckout] = []
    /// Licenses reserved for hosts, users or groups: held back, not counted as use.
    public var reservations: Int = 0
    /// Lines the parser did not understand and left out.
    public var skippedLines: Int = 0

    /// An empty report, filled in by a parser.
    public init(reportedAt: Instant? = nil) {
        self.reportedAt = reportedAt
    }
}
