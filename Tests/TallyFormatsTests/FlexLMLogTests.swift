import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The FlexNet debug-log reader, on two real university logs and on small logs written for each quirk.
@Suite("FlexNet debug logs")
struct FlexLMLogTests {
    /// `../shared/data/flexlm-debug` beside the package, or the copies among the test fixtures.
    static func sample(_ name: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.appendingPathComponent("../shared/data/flexlm-debug/\(name)").standardizedFileURL
        let copy = root.appendingPathComponent("Tests/TallyFormatsTests/Fixtures/flexlm/\(name)")
        let url = FileManager.default.fileExists(atPath: shared.path) ? shared : copy
        return Array(try Data(contentsOf: url))
    }

    static func parse(_ text: String, timeZone: TimeZone = .gmt) throws(FormatError) -> FlexLMLogReport {
        try FlexLMLog.parse(Array(text.utf8), timeZone: timeZone)
    }

    static func at(_ text: String) -> Instant? { Instant(text) }

    // MARK: - The two real logs

    @Test("matlab.log: sessions, denials, first and last day and peaks match a separate reading of the file")
    func matlab() throws {
        let bytes = try Self.sample("matlab.log")
        let expected = try FlexLMTally(bytes)
        #expect(expected.sessions == FlexLMFigures.matlabSessions)
        #expect(expected.denials == ["MATLAB": 9])
        #expect(expected.peaks == FlexLMFigures.matlabPeaks)
        #expect(expected.firstDay == Day("2022-06-09"))
        #expect(expected.lastDay == Day("2022-07-07"))
        try check(FlexLMLog.parse(bytes), against: expected)
    }

    @Test("maple.log, which starts with a byte-order mark, matches a separate reading of the file")
    func maple() throws {
        let bytes = try Self.sample("maple.log")
        #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
        let expected = try FlexLMTally(bytes)
        #expect(expected.sessions == ["Maple": 131, "Maple2019": 3, "Maple2020": 10, "Maple2021": 118])
        #expect(expected.denials == [:])
        #expect(expected.peaks == FlexLMFigures.maplePeaks)
        #expect(expected.firstDay == Day("2022-06-10"))
        #expect(expected.lastDay == Day("2022-07-05"))
        try check(FlexLMLog.parse(bytes), against: expected)
    }

    func check(_ report: FlexLMLogReport, against expected: FlexLMTally) throws {
        #expect(Dictionary(grouping: report.checkouts, by: \.feature).mapValues(\.count) == expected.sessions)
        #expect(Dictionary(grouping: report.denials, by: \.feature).mapValues(\.count) == expected.denials)
        #expect(report.firstEvent?.day == expected.firstDay)
        #expect(report.lastEvent?.day == expected.lastDay)
        #expect(FlexLMTally.peaks(of: report.checkouts) == expected.peaks)
        #expect(report.restarts == 1)
        #expect(report.checkouts.allSatisfy { checkout in checkout.end.map { $0 >= checkout.start } ?? false })
        #expect((report.ignoredLines["SLOG"] ?? 0) > 5000)
    }

    // MARK: - Quirks, each on a small log

    @Test("a byte-order mark, CRLF line ends and a space-padded hour are read like plain lines")
    func bomCRLFAndPaddedHour() throws {
        let text =
            "\u{FEFF} 9:05:12 (lmgrd) TIMESTAMP 6/9/2022\r\n 9:05:13 (MLM) OUT: \"MATLAB\" ann@pc1  \r\n"
            + " 9:07:00 (MLM) IN: \"MATLAB\" ann@pc1  \r\n"
        let report = try Self.parse(text)
        let session = try #require(report.checkouts.first)
        #expect(session.start == Self.at("2022-06-09T09:05:13Z"))
        #expect(session.end == Self.at("2022-06-09T09:07:00Z"))
        #expect(session.host == "pc1")
        #expect(report.vendor == "MLM")
        #expect(report.ignoredLines.isEmpty)
    }

    @Test("a clock that goes back past midnight moves to the next day, and a TIMESTAMP sets the day again")
    func midnight() throws {
        let text = """
            23:50:00 (MLM) TIMESTAMP 6/9/2022
            23:59:58 (MLM) OUT: "MATLAB" ann@pc1
             0:00:03 (MLM) IN: "MATLAB" ann@pc1
             0:10:00 (MLM) TIMESTAMP 6/20/2022
             0:10:01 (MLM) OUT: "MATLAB" bob@pc2
            """
        let report = try Self.parse(text)
        #expect(report.checkouts.map(\.start) == [Self.at("2022-06-09T23:59:58Z"), Self.at("2022-06-20T00:10:01Z")])
        #expect(report.checkouts.first?.end == Self.at("2022-06-10T00:00:03Z"))
        #expect(report.checkouts.last?.end == nil)
        #expect(report.lastEvent == Self.at("2022-06-20T00:10:01Z"))
    }

    @Test("lines before the first dated line take its day, and the Server's System Date line dates them")
    func undatedStart() throws {
        let text = """
            10:25:30 (MLM) OUT: "MATLAB" early@pc1
            10:25:31 (lmgrd) Server's System Date and Time: Thu Jun 09 2022 10:25:31 Hora de verano romance
            """
        let report = try Self.parse(text)
        #expect(report.checkouts.first?.start == Self.at("2022-06-09T10:25:30Z"))
    }

    @Test("lmgrd's 'started on … (M/D/YYYY)' line dates the log")
    func startedOnDate() throws {
        let text = """
            10:25:28 (lmgrd) FLEXnet Licensing (v11.7.0.0 build 73797 x64_n6) started on flexlm01 (IBM PC) (6/9/2022)
            10:30:00 (maplelmg) OUT: "Maple" upm@upm00139
            """
        #expect(try Self.parse(text).checkouts.first?.start == Self.at("2022-06-09T10:30:00Z"))
    }

    @Test("a log with check-outs but no dated line at all is refused at the first of them")
    func noDate() throws {
        let text = "10:25:30 (MLM) SLOG: ready\n10:25:31 (MLM) OUT: \"MATLAB\" ann@pc1\n"
        #expect(throws: FormatError.self) { try Self.parse(text) }
        do throws(FormatError) {
            _ = try Self.parse(text)
        } catch {
            guard case .line(let number, let reason) = error else { throw error }
            #expect(number == 2)
            #expect(reason.contains("TIMESTAMP"))
        }
    }

    @Test("'(N licenses)' sets the count of a checkout")
    func licenseCount() throws {
        let text = """
            9:00:00 (MLM) TIMESTAMP 6/9/2022
            9:00:01 (MLM) OUT: "MATLAB_Parallel_Server" ann@node7  (16 licenses)
            9:00:02 (MLM) OUT: "MATLAB" ann@node7
            """
        #expect(try Self.parse(text).checkouts.map(\.count) == [16, 1])
    }

    @Test("IN closes the oldest open session of the same feature, user and host")
    func inClosesOldest() throws {
        let text = """
            9:00:00 (MLM) TIMESTAMP 6/9/2022
            9:00:01 (MLM) OUT: "MATLAB" ann@pc1
            9:00:02 (MLM) OUT: "MATLAB" ann@pc2
            9:00:03 (MLM) OUT: "MATLAB" ann@pc1
            9:00:04 (MLM) OUT: "SIMULINK" ann@pc1
            9:00:05 (MLM) IN: "MATLAB" ann@pc1
            9:00:06 (MLM) IN: "MATLAB" ann@pc1
            """
        let ends = try Self.parse(text).checkouts.map(\.end)
        #expect(ends == [Self.at("2022-06-09T09:00:05Z"), nil, Self.at("2022-06-09T09:00:06Z"), nil])
    }

    @Test("a restart of lmgrd or of the vendor daemon ends every open session at that time")
    func restartClosesAll() throws {
        let text = """
            9:00:00 (lmgrd) TIMESTAMP 6/9/2022
            9:00:01 (MLM) OUT: "MATLAB" ann@pc1
            9:00:02 (MLM) OUT: "SIMULINK" bob@pc2
            9:30:00 (lmgrd) REStarted MLM (internet tcp_port 1684 pid 4242)
            9:30:01 (MLM) Server started on flexlm01 for:	MATLAB
            9:31:00 (MLM) OUT: "MATLAB" ann@pc1
            9:40:00 (lmgrd) Shutting down MLM pid=496 because of signal 15
            9:40:00 (MLM) IN: "MATLAB" ann@pc1  (SHUTDOWN)
            """
        let report = try Self.parse(text)
        #expect(
            report.checkouts.map(\.end) == [
                Self.at("2022-06-09T09:30:00Z"), Self.at("2022-06-09T09:30:00Z"), Self.at("2022-06-09T09:40:00Z"),
            ])
        #expect(report.restarts == 1)
        #expect(report.ignoredLines["IN without OUT"] == 1)
    }

    @Test("DENIED and UNSUPPORTED lines become denials with the reason in their parentheses")
    func denials() throws {
        let text = """
            9:00:00 (MLM) TIMESTAMP 6/9/2022
            9:00:01 (MLM) DENIED: "MATLAB" ann@pc1  (Licensed number of users already reached. (-4,342:10054 ""))

            """ + "9:00:02 (MLM) UNSUPPORTED: \"MATLAB\" (BF04C1B183DD400E147F) Javier@DESKTOP-PV69PK5  "
            + "(No such feature exists. (-5,346))\n"
        let denials = try Self.parse(text).denials
        #expect(
            denials.map(\.reason) == [
                "Licensed number of users already reached. (-4,342:10054 \"\")", "No such feature exists. (-5,346)",
            ])
        #expect(denials.map(\.user) == ["ann", "Javier"])
        #expect(denials.map(\.host) == ["pc1", "DESKTOP-PV69PK5"])
        #expect(denials.last?.at == Self.at("2022-06-09T09:00:02Z"))
    }

    @Test("user names with a domain, with spaces or with an @ are read up to the last @, through odd spacing")
    func userNames() throws {
        let text = """
            9:00:00 (MLM) TIMESTAMP 6/9/2022
            9:00:01   (MLM)   OUT:   "MATLAB"   CORP\\jdoe@ws-12
            9:00:02 (MLM) OUT: "MATLAB" Marta Rodriguez@DESKTOP-L00QHGH  
            9:00:03 (MLM)\tOUT:\t"MATLAB"\tu697815@r1n5.hpc.lan
            9:00:04 (MLM) OUT: "MATLAB" ann@corp.example@pc1
            9:00:05 (maplelmg) OUT: "Maple" Mª Cruz@mcruz
            """
        let report = try Self.parse(text)
        let users = ["CORP\\jdoe", "Marta Rodriguez", "u697815", "ann@corp.example", "Mª Cruz"]
        #expect(report.checkouts.map(\.user) == users)
        #expect(report.checkouts.map(\.host) == ["ws-12", "DESKTOP-L00QHGH", "r1n5.hpc.lan", "pc1", "mcruz"])
        #expect(report.vendor == nil)
        #expect(report.checkouts.last?.vendor == "maplelmg")
    }

    @Test("lines it does not know are counted by kind and never stop the reading")
    func unknownLines() throws {
        let text = """
            9:00:00 (MLM) TIMESTAMP 6/9/2022
            9:00:01 (MLM) (@MLM-SLOG@) === Startup Info ===
            9:00:01 (MLM) (@MLM-SLOG@) PID: 3860
            9:00:01 (MLM) SLOG: Summary LOG statistics is enabled.
            9:00:02 (MLM) TCP_NODELAY NOT enabled
            Shut down FlexNet MLM license server system on machine flexlm01
            9:00:03 (MLM) OUT: "MATLAB"
            9:00:04 (MLM) OUT: "MATLAB" ann@pc1
            """
        let report = try Self.parse(text)
        #expect(report.ignoredLines == ["SLOG": 3, "TCP_NODELAY": 1, "(no time)": 1, "OUT (unreadable)": 1])
        #expect(report.checkouts.count == 1)
    }

    @Test("a file that is not a FlexNet log is refused, naming its first line and what was expected")
    func notAFlexNetLog() throws {
        for (text, line) in [("{\"devices\": []}\n", 1), ("\n\nhello world\n9:00 meeting\n", 3), ("", 1)] {
            do throws(FormatError) {
                _ = try Self.parse(text)
                Issue.record("read \(text.debugDescription) as a FlexNet log")
            } catch {
                #expect(error == .line(number: line, reason: error.lineReason))
                #expect(error.description.contains("line \(line):"))
                #expect(error.description.contains("(MLM)"))
            }
        }
    }

    @Test("times are wall-clock times of the given zone, daylight saving included")
    func timeZone() throws {
        let text = """
            10:00:00 (MLM) TIMESTAMP 6/9/2022
            10:00:01 (MLM) OUT: "MATLAB" ann@pc1
            10:00:00 (MLM) TIMESTAMP 1/9/2022
            10:00:01 (MLM) OUT: "MATLAB" ann@pc1
            """
        let madrid = try #require(TimeZone(identifier: "Europe/Madrid"))
        let starts = try Self.parse(text, timeZone: madrid).checkouts.map(\.start)
        #expect(starts == [Self.at("2022-06-09T08:00:01Z"), Self.at("2022-01-09T09:00:01Z")])
    }
}

extension FormatError {
    /// The reason of a `.line` error, for comparing the whole case.
    fileprivate var lineReason: String {
        if case .line(_, let reason) = self { return reason }
        return ""
    }
}
