import Foundation
import TallyCore

/// One use of a concurrent license seen in a license-server log: who held which feature, from when to when.
public struct LicenseCheckout: Sendable, Equatable {
    /// The vendor daemon that served it (`MLM`), nil where the line named none.
    public var vendor: String?
    /// The feature checked out, as the daemon names it (`MATLAB`).
    public var feature: String
    /// The user name as the client reported it: `u697815`, `DOMAIN\user` or `First Last`.
    public var user: String
    /// The client machine.
    public var host: String
    /// When the license was checked out.
    public var start: Instant
    /// When it was checked in, or the server went down; nil while it is still out at the end of the log.
    public var end: Instant?
    /// How many licenses the checkout holds (`(3 licenses)`), 1 by default.
    public var count: Int

    /// A checkout from its parts.
    public init(
        vendor: String?, feature: String, user: String, host: String, start: Instant, end: Instant?, count: Int
    ) {
        self.vendor = vendor
        self.feature = feature
        self.user = user
        self.host = host
        self.start = start
        self.end = end
        self.count = count
    }
}

/// A request for a license that the server refused (`DENIED:`) or could not serve (`UNSUPPORTED:`).
public struct LicenseDenial: Sendable, Equatable {
    /// The vendor daemon that refused it, nil where the line named none.
    public var vendor: String?
    /// The feature asked for.
    public var feature: String
    /// The user who asked.
    public var user: String
    /// The client machine.
    public var host: String
    /// When it was refused.
    public var at: Instant
    /// The server's reason, the text in the line's closing parentheses (`No such feature exists. (-5,346)`).
    public var reason: String

    /// A denial from its parts.
    public init(vendor: String?, feature: String, user: String, host: String, at: Instant, reason: String) {
        self.vendor = vendor
        self.feature = feature
        self.user = user
        self.host = host
        self.at = at
        self.reason = reason
    }
}

/// What a FlexNet debug log says about license use: sessions, denials, restarts, and what was not understood.
public struct FlexLMLogReport: Sendable {
    /// The vendor daemon of the log when it names exactly one (`MLM`, `maplelmg`), nil otherwise.
    public var vendor: String?
    /// Every checkout, in the order of their `OUT:` lines.
    public var checkouts: [LicenseCheckout]
    /// Every denial, in the order of their lines.
    public var denials: [LicenseDenial]
    /// How many times the vendor daemon started (`Server started on …`), the log's first start included.
    public var restarts: Int
    /// Lines that carry nothing for usage, counted by kind: the first word after the daemon name (`SLOG`,
    /// `Copyright`), `(no time)` for lines without a time, `IN without OUT` for a check-in with no open session.
    public var ignoredLines: [String: Int]
    /// The earliest checkout, check-in or denial.
    public var firstEvent: Instant?
    /// The latest checkout, check-in, denial, or end of a session by a restart.
    public var lastEvent: Instant?
    /// Where a dated line put the clock back; the sessions open then ended at the last time before it.
    public var clockJumps: [ClockJump] = []

    /// A place where the log's clock went back.
    public struct ClockJump: Sendable, Equatable {
        public var line: Int
        /// The time of the last line before the jump: where the open sessions ended.
        public var lastBefore: Instant
        /// The time of the line that put the clock back.
        public var firstAfter: Instant
    }
}

/// Reads FlexNet (FlexLM) vendor-daemon debug logs, the `lmgrd -l` file, into sessions and denials.
///
/// The rules, from the logs themselves:
/// - A line is `H:MM:SS (DAEMON) MESSAGE`; hours may be padded with a space. The date comes from
///   `TIMESTAMP M/D/YYYY`, from lmgrd's `… started on HOST (…) (M/D/YYYY)` and from
///   `Server's System Date and Time: Thu Jun 09 2022 …`. Between dated lines, a clock that goes back by more
///   than two hours means midnight passed; a smaller step back is a clock adjustment or the daemons' lines
///   interleaving (a daylight-saving change steps back one hour), so the day stays.
/// - Lines before the first dated line take their day from it, counted back over any midnight seen in between;
///   a log with events but no dated line at all is an error, since its dates would be guesses.
/// - `OUT:` opens a session, `IN:` closes the oldest open one with the same daemon, feature, user and host.
/// - A start or stop of lmgrd or of the vendor daemon (`started on`, `Started X`, `REStarted X`,
///   `Server started on`, `Shutting down X`, `Shutdown requested`, `EXITING`, `X exited`) ends every open
///   session it concerns at that time; the `IN: … (SHUTDOWN)` lines that follow then find none open.
/// - A dated line that puts the clock back to an earlier day (logs concatenated after a rotation, a reinstalled
///   server, a corrected clock) ends every open session at the time of the line before it, as a restart does; the
///   jump is reported and reading goes on. A dated line whose date cannot be read, or lies outside 1970-2099, is an
///   error at its line: what follows could not be dated.
/// - Times are wall-clock times in `timeZone`, turned into UTC instants.
public enum FlexLMLog {
    /// Reads a whole log; unknown lines are counted, and only a file with no FlexNet line at all is refused.
    public static func parse(_ bytes: [UInt8], timeZone: TimeZone = .gmt) throws(FormatError) -> FlexLMLogReport {
        var reader = FlexLMReader(timeZone: timeZone)
        TextEncoding.utf8(bytes).withUnsafeBufferPointer { reader.read($0) }
        return try reader.report()
    }
}
