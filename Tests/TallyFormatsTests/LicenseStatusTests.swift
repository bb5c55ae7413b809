import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The real `lmutil lmstat` and `rlmutil rlmstat` samples, read with figures counted by hand from the files, and
/// small made-up reports for the edge cases the samples do not show.
@Suite("Reading license-server status reports")
struct LicenseStatusTests {
    /// Sample files from the shared data folder beside the repository, else the copies kept with the tests.
    static func sample(_ folder: String, _ name: String) throws -> [UInt8] {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data/\(folder)/\(name)")
        if FileManager.default.fileExists(atPath: shared.path) { return Array(try Data(contentsOf: shared)) }
        return Array(try Data(contentsOf: tests.appendingPathComponent("Fixtures/\(folder)/\(name)")))
    }

    static func lmstat(_ name: String, at: Instant? = nil) throws -> LicenseStatusReport {
        try LmstatReport.parse(sample("lmstat", name), at: at)
    }

    static func rlmstat(_ name: String, at: Instant? = nil) throws -> LicenseStatusReport {
        try RlmstatReport.parse(sample("rlm", name), at: at)
    }

    static func instant(_ text: String) throws -> Instant {
        try #require(Instant(text))
    }

    static func failure(_ parse: () throws(FormatError) -> LicenseStatusReport) -> FormatError? {
        do {
            _ = try parse()
            return nil
        } catch {
            return error
        }
    }

    // MARK: - lmstat samples

    @Test(
        "app1 gives its servers, 53 features (one printed twice), 127 checkouts, 2 queued requests and 4140 reserved licenses"
    )
    func app1() throws {
        let report = try Self.lmstat("lmstat_app1.txt")
        #expect(report.reportedAt == (try Self.instant("2017-10-20T17:02:00Z")))
        #expect(
            report.servers.map(\.name) == [
                "27002@host-1.domain.net", "27002@host2.domain.net", "27002@host3.domain.net",
            ])
        #expect(report.servers.allSatisfy { $0.up })
        #expect(report.servers[1].detail == "(MASTER) v11.7")
        #expect(report.vendorDaemons == [.init(name: "VENDOR1", up: true, detail: "v11.6")])
        // feature42's section is printed twice in this sample, word for word: it is read once (its pool and its
        // reservations are not counted twice).
        #expect(report.features.count == 53)
        #expect(report.features.filter { $0.feature == "feature42" }.count == 1)
        let feature1 = try #require(report.features.first { $0.feature == "feature1" })
        #expect(feature1.issued == 1814 && feature1.inUse == 1206)
        let feature100 = try #require(report.features.first { $0.feature == "feature100" })
        #expect(feature100.issued == 10 && feature100.inUse == 2)
        #expect(report.pools.count == 31)
        #expect(report.checkouts.count == 127)
        #expect(report.checkouts.reduce(0) { $0 + $1.count } == 2294)
        #expect(report.queued.count == 2)
        #expect(report.reservations == 4140)
        #expect(report.skippedLines == 0)

        let underFeature1 = report.checkouts.filter { $0.feature == "feature1" }
        #expect(underFeature1.count == 55)
        #expect(underFeature1.reduce(0) { $0 + $1.count } == 1085)
        // The pool printed under `Users of feature1` carries the reservations of that block: 1 + 10 + 48 + 8 + 8
        // + 7 + 8 + 10 + 8 + 8 + 16.
        #expect(report.pools.first?.reserved == 132)
        #expect(report.pools.first?.inUse == 1085)
    }

    @Test("app1's odd checkout lines keep user names with spaces, a missing display, linger and the inferred year")
    func app1Checkouts() throws {
        let report = try Self.lmstat("lmstat_app1.txt")
        let first = try #require(report.checkouts.first)
        #expect(first.user == "USER9" && first.host == "SERVER45823008" && first.display == "SERVER45823008")
        #expect(first.version == "61.9" && first.serverHandle == "host3.domain.net/27002 7086")
        #expect(first.count == 5 && first.vendor == "VENDOR1" && first.feature == "feature1")
        #expect(first.start == (try Self.instant("2017-10-20T16:44:00Z")))

        let jane = try #require(report.checkouts.first { $0.user == "Jane Doe Jr." })
        #expect(jane.host == "jane" && jane.version == "10.1")
        #expect(jane.start == (try Self.instant("2017-07-04T11:55:00Z")))

        let noDisplay = report.checkouts.filter { $0.user == "user11" && $0.host == "server19" && $0.display == nil }
        #expect(noDisplay.count == 2)
        // February 26th is before the report's October date, so it is the same year.
        #expect(noDisplay.first?.start == (try Self.instant("2017-02-26T22:21:00Z")))
        #expect(noDisplay.first?.count == 13)

        let lingering = try #require(report.checkouts.first { $0.user == "cmfy212" })
        #expect(lingering.linger == 885_098 && lingering.count == 16)
        #expect(lingering.start == (try Self.instant("2017-05-23T05:59:00Z")))
        let lingeringOne = try #require(report.checkouts.first { $0.user == "cmfy211" })
        #expect(lingeringOne.linger == 885_098 && lingeringOne.count == 1)

        // `queued for 1 license` waits for a seat: not a checkout, not in use.
        #expect(report.queued.allSatisfy { $0.user == "user3" && $0.count == 1 && $0.start == nil })
        #expect(report.queued.first?.display == "fj209fj0")
        let feature5 = try #require(report.pools.first { $0.feature == "feature5" })
        #expect(feature5.inUse == 2)
    }

    @Test("app2 gives 10 features and 38 checkouts, the vendor of each feature from its daemon or pool")
    func app2() throws {
        let report = try Self.lmstat("lmstat_app2.txt")
        #expect(report.reportedAt == (try Self.instant("2017-10-20T17:02:00Z")))
        #expect(report.servers.count == 3 && report.servers.allSatisfy { $0.up })
        #expect(report.features.count == 10)
        #expect(report.features.allSatisfy { $0.vendor == "vendor1" })
        let feature2 = try #require(report.features.first { $0.feature == "feature2" })
        #expect(feature2.issued == 144 && feature2.inUse == 22)
        let feature10 = try #require(report.features.first { $0.feature == "feature10" })
        #expect(feature10.issued == 1 && feature10.inUse == 0)
        #expect(report.checkouts.count == 38)
        #expect(report.checkouts.filter { $0.feature == "feature2" }.count == 22)
        #expect(report.pools.map(\.inUse) == [22, 15, 1])
        #expect(report.reservations == 0 && report.skippedLines == 0)
        let oldest = try #require(report.checkouts.first { $0.user == "user13" })
        #expect(oldest.start == (try Self.instant("2017-10-17T14:59:00Z")))
        #expect(oldest.display == "server0110" && oldest.version == "30.000000")
    }

    @Test("app3 gives two vendor daemons, 46 features and 168 checkouts of 206 licenses")
    func app3() throws {
        let report = try Self.lmstat("lmstat_app3.txt")
        #expect(report.vendorDaemons.map(\.name) == ["daemon1", "DAEMON2"])
        #expect(report.servers.filter { $0.up }.count == 3)
        #expect(report.features.count == 46)
        let feature7 = try #require(report.features.first { $0.feature == "feature7" })
        #expect(feature7.issued == 600 && feature7.inUse == 163)
        #expect(report.checkouts.filter { $0.feature == "feature7" }.count == 163)
        #expect(report.checkouts.count == 168)
        #expect(report.checkouts.reduce(0) { $0 + $1.count } == 206)
        let bulk = try #require(report.checkouts.first { $0.feature == "feature9" })
        #expect(bulk.count == 39 && bulk.display == "/dev/tty")
        // Monday 25 September is before the report of 20 October 2017.
        #expect(report.checkouts.contains { $0.start == (try? Self.instant("2017-09-25T09:58:00Z")) })
        #expect(report.skippedLines == 0)
    }

    @Test("app4 (COMSOL on Windows) gives uncounted and failed features and permanent pools")
    func app4() throws {
        let report = try Self.lmstat("lmstat_app4.txt")
        #expect(report.reportedAt == (try Self.instant("2025-04-22T11:08:00Z")))
        #expect(
            report.servers == [
                LicenseServerState(name: "port@licensevm.domain.example", up: true, detail: "(MASTER) v11.19.6")
            ])
        #expect(report.vendorDaemons == [.init(name: "LMCOMSOL", up: true, detail: "v11.19.6")])
        #expect(report.features.count == 60)
        let serial = try #require(report.features.first { $0.feature == "SERIAL" })
        #expect(serial.issued == nil && serial.inUse == nil && serial.detail == "Uncounted, node-locked")
        let failed = try #require(report.features.first { $0.feature == "SUBSURFACEFLOW" })
        #expect(failed.issued == nil && failed.detail == "Error: 1 licenses, unsupported by licensed server")
        let comsol = try #require(report.features.first { $0.feature == "COMSOL" })
        #expect(comsol.issued == 3 && comsol.inUse == 1 && comsol.vendor == "LMCOMSOL")
        #expect(report.pools.count == 5)
        #expect(report.pools.allSatisfy { $0.expires == nil && $0.version == "6.3" })
        #expect(report.checkouts.count == 5)
        let first = try #require(report.checkouts.first)
        #expect(first.feature == "SERIAL" && first.user == "matlab" && first.host == "CLN-5CG3471WVY")
        #expect(first.display == "/dev/pts/0" && first.version == "5.6")
        #expect(first.serverHandle == "licensevm.domain.example/port 1090")
        #expect(first.start == (try Self.instant("2025-04-22T11:07:00Z")))
        #expect(report.skippedLines == 0)
    }

    @Test("lmstat -i gives 17 pools with their counts and expiry dates, year 0 meaning permanent")
    func licenseFile() throws {
        let report = try Self.lmstat("lmstat_i_app1.txt")
        #expect(report.pools.count == 17)
        #expect(report.pools.reduce(0) { $0 + ($1.issued ?? 0) } == 1015)
        #expect(report.features.isEmpty && report.checkouts.isEmpty && report.reportedAt == nil)
        let feature12 = report.pools.filter { $0.feature == "feature12" }
        #expect(feature12.map(\.issued) == [50, 2])
        #expect(feature12.map(\.expires) == [Day("2018-12-31"), Day("2018-09-30")])
        #expect(report.pools.first { $0.feature == "feature_11" }?.vendor == "vendor2")
        #expect(report.pools.filter { $0.expires == nil }.map(\.feature) == ["feature15", "feature16"])
        #expect(report.skippedLines == 0)
    }

    @Test("a report with one server that cannot be reached keeps it, down, with the reason")
    func serverDown() throws {
        let report = try Self.lmstat("lmstat_server_down.txt")
        #expect(report.reportedAt == (try Self.instant("2017-11-23T15:08:00Z")))
        #expect(report.servers.map(\.up) == [true, true, false])
        #expect(report.servers[2].name == "28000@host3")
        #expect(report.servers[2].detail?.hasPrefix("Cannot connect to license server system.") == true)
        #expect(report.vendorDaemons == [.init(name: "daemon", up: true, detail: "v11.13.1")])
        #expect(report.features.count == 2)
        let feature2 = try #require(report.features.last)
        #expect(feature2.issued == 144 && feature2.inUse == 39)
        #expect(
            report.pools == [
                LicensePool(
                    vendor: "feature2", feature: "feature2", version: "31.0", issued: nil, inUse: 0, expires: nil)
            ])
        #expect(report.checkouts.isEmpty)
    }

    @Test("a Windows server listed twice in two cases gives two up servers and its vendor daemon")
    func windowsServer() throws {
        let report = try Self.lmstat("lmstat_server_up_win.txt")
        #expect(report.reportedAt == (try Self.instant("2018-05-15T13:41:00Z")))
        #expect(report.servers.map(\.name) == ["7788@BVS15004", "7788@bvs15004"])
        #expect(report.servers.allSatisfy { $0.up })
        #expect(report.vendorDaemons == [.init(name: "ptc_d", up: true, detail: "v11.14.0")])
        #expect(report.features.isEmpty && report.skippedLines == 0)
    }

    @Test("lmstat version banners, old and new, are lmstat output with nothing in them")
    func banners() throws {
        for name in ["lmstat_new.txt", "lmstat_old.txt"] {
            let report = try Self.lmstat(name)
            #expect(report == LicenseStatusReport(), "\(name)")
        }
    }

    // MARK: - lmstat edge cases

    @Test("CRLF line endings and a byte-order mark read the same as the original")
    func windowsLineEndings() throws {
        let original = try Self.sample("lmstat", "lmstat_app2.txt")
        var converted: [UInt8] = [0xEF, 0xBB, 0xBF]
        for byte in original {
            if byte == UInt8(ascii: "\n") { converted.append(UInt8(ascii: "\r")) }
            converted.append(byte)
        }
        #expect(try LmstatReport.parse(converted) == LmstatReport.parse(original))
    }

    @Test("start dates take the year that puts them at or before the report, across new year and 29 February")
    func yearInference() throws {
        let text = """
            Flexible License Manager status on Wed 1/3/2024 9:00
            Users of f:  (Total of 3 licenses issued;  Total of 3 licenses in use)
              "f" v1.0, vendor: v, expiry: 1-mar-2025
                a h1 d1 (v1.0) (srv/27000 1), start Sat 12/30 18:00
                b h2 d2 (v1.0) (srv/27000 2), start Wed 1/3 9:05
                c h3 d3 (v1.0) (srv/27000 3), start Thu 2/29 8:00
            """
        let report = try LmstatReport.parse(Array(text.utf8))
        #expect(
            report.checkouts.map(\.start) == [
                Instant("2023-12-30T18:00:00Z"), Instant("2024-01-03T09:05:00Z"), Instant("2020-02-29T08:00:00Z"),
            ])
        #expect(report.pools.first?.expires == Day("2025-03-01"))
    }

    @Test("without a date in the report the year comes from the time given, and without either it is left out")
    func yearFromArgument() throws {
        let text = """
            Users of f:  (Total of 1 license issued;  Total of 1 license in use)
                a h1 d1 (v1.0) (srv/27000 1), start Mon 5/3 10:04
            """
        let at = try Self.instant("2021-05-04T11:20:00Z")
        let dated = try LmstatReport.parse(Array(text.utf8), at: at)
        #expect(dated.reportedAt == nil)
        #expect(dated.checkouts.first?.start == Instant("2021-05-03T10:04:00Z"))
        let undated = try LmstatReport.parse(Array(text.utf8))
        #expect(undated.checkouts.count == 1 && undated.checkouts.first?.start == nil)
    }

    @Test("a blank user, odd spacing and lines it does not know are read or counted, never fatal")
    func tolerance() throws {
        let text = """
            License server status: 27000@alpha
            lmgrd is not running: License server machine is down or not responding.
            Users of f:\t(Total of 2 licenses issued;   Total of 2 licenses in use)
                 h1 (v1.0) (alpha/27000 7), start Mon 5/3 10:04,   2 licenses
            something new in a later version
            """
        let report = try LmstatReport.parse(Array(text.utf8), at: Instant("2021-05-04T00:00:00Z"))
        #expect(
            report.servers == [
                LicenseServerState(
                    name: "27000@alpha", up: false,
                    detail: "lmgrd is not running: License server machine is down or not responding.")
            ])
        #expect(report.features.first?.issued == 2 && report.features.first?.inUse == 2)
        let checkout = try #require(report.checkouts.first)
        #expect(checkout.user == "" && checkout.host == "h1" && checkout.count == 2)
        #expect(report.skippedLines == 1)
    }

    @Test("a file that is not lmstat output is an error at its first line")
    func notLmstat() throws {
        let rlm = try Self.sample("rlm", "rlm_output.txt")
        #expect(Self.failure { () throws(FormatError) in try LmstatReport.parse(rlm) }?.syntaxLine == 1)
        let text = Array("\n\nname,version\nMATLAB,R2024a\n".utf8)
        let error = try #require(Self.failure { () throws(FormatError) in try LmstatReport.parse(text) })
        #expect(error.syntaxLine == 3)
        #expect(error.description.contains("not lmutil lmstat output"))
        #expect(Self.failure { () throws(FormatError) in try LmstatReport.parse([]) }?.syntaxLine == 1)
    }

    // MARK: - rlmstat samples

    @Test("rlmstat gives the rlm server, its ISV, 5 pools and 3 checkouts of the 93 licenses in use")
    func rlmOutput() throws {
        let report = try Self.rlmstat("rlm_output.txt")
        // `Recent Statistics (00:16:08), init time: Wed Nov  3 12:32:30 2021`.
        #expect(report.reportedAt == (try Self.instant("2021-11-03T12:48:38Z")))
        #expect(report.servers == [LicenseServerState(name: "35015@licserv.com", up: true, detail: "up 99d 11:08:25")])
        #expect(report.vendorDaemons == [.init(name: "csci", up: true, detail: "port 63133, restarts 0")])
        #expect(report.pools.count == 5 && report.features.count == 5)
        let superPool = try #require(report.pools.first { $0.feature == "converge_super" })
        #expect(
            superPool
                == LicensePool(
                    vendor: "csci", feature: "converge_super", version: "3.0", issued: 1000, inUse: 93,
                    expires: Day("2022-01-31")))
        #expect(report.features.reduce(0) { $0 + ($1.issued ?? 0) } == 1092)
        #expect(report.checkouts.count == 3)
        #expect(report.checkouts.reduce(0) { $0 + $1.count } == 93)
        let first = try #require(report.checkouts.first)
        #expect(
            first
                == StatusCheckout(
                    vendor: "csci", feature: "converge_super", user: "asdj13", host: "myserver.example.com",
                    display: nil,
                    version: "3.0", serverHandle: "licser.server.com/63133 15a", start: Instant("2021-11-01T09:01:00Z"),
                    linger: nil, count: 29))
        #expect(report.reservations == 0 && report.skippedLines == 0)
    }

    @Test("an rlmstat report without checkouts is an empty sample, not an error")
    func rlmNoLicenses() throws {
        let report = try Self.rlmstat("rlm_output_no_licenses.txt")
        #expect(report.reportedAt == (try Self.instant("2021-11-08T16:01:29Z")))
        #expect(report.servers.map(\.name) == ["35015@licserv0011.com"])
        #expect(report.checkouts.isEmpty)
        #expect(report.pools.count == 5 && report.pools.allSatisfy { $0.inUse == 0 })
        #expect(report.features.allSatisfy { $0.inUse == 0 && $0.vendor == "csci" })
        #expect(report.skippedLines == 0)
    }

    @Test("an rlmstat report cut at its start keeps the pools without their ISV and the later sections with theirs")
    func rlmAnother() throws {
        let report = try Self.rlmstat("another_rlm_output.txt", at: Self.instant("2023-09-01T00:00:00Z"))
        #expect(report.reportedAt == nil)
        #expect(report.pools.count == 22)
        #expect(report.pools.filter { $0.vendor == nil }.count == 17)
        #expect(report.pools.filter { $0.vendor == "tainc" }.count == 5)
        #expect(report.pools.allSatisfy { $0.expires == Day("2023-12-31") })
        let powercase = try #require(report.features.first { $0.feature == "powercase" })
        #expect(powercase.issued == 5 && powercase.inUse == 3)
        #expect(report.checkouts.count == 4)
        #expect(report.checkouts.allSatisfy { $0.vendor == "exacorp" })
        #expect(report.checkouts.filter { $0.feature == "powercase" }.count == 3)
        #expect(report.checkouts.first?.start == Instant("2023-08-15T09:34:00Z"))
        #expect(report.checkouts.last?.serverHandle == "licserv0001.com/1234 a2")
        #expect(report.skippedLines == 0)
    }

    @Test("rlmutil failing to reach its server is an error at the line that says so")
    func rlmBroken() throws {
        let bytes = try Self.sample("rlm", "rlm_output_bad.txt")
        let error = try #require(Self.failure { () throws(FormatError) in try RlmstatReport.parse(bytes) })
        #expect(error.syntaxLine == 5)
        #expect(error.description.contains("could not reach the license server"))
    }

    @Test("a file that is not rlmstat output is an error at its first line")
    func notRlmstat() throws {
        let lmstat = try Self.sample("lmstat", "lmstat_app2.txt")
        #expect(Self.failure { () throws(FormatError) in try RlmstatReport.parse(lmstat) }?.syntaxLine == 1)
    }
}

extension FormatError {
    /// The line an error points at, for the tests.
    fileprivate var syntaxLine: Int? {
        if case .line(let line, _) = self { return line }
        return nil
    }
}
