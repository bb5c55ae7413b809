import TallyCore
import Testing

@testable import TallyFormats

/// osquery results: `osqueryi --json` lists and the osqueryd results log with snapshots, events and batches.
@Suite("Inventory osquery results")
struct InventoryOsqueryTests {
    static func at(_ text: String) -> Instant? { Instant(text) }

    @Test("osqueryi programs: one device named by the caller, install dates as YYYYMMDD")
    func osqueryiPrograms() throws {
        let report = try OsqueryResults.parse(InventorySamples.fixture("osqueryi-programs.json"), device: "WKS-009")
        #expect(
            report.devices == [
                InventoryDevice(
                    name: "WKS-009",
                    software: [
                        RawSoftware(
                            publisher: "Microsoft Corporation", name: "Microsoft Visio Professional 2016",
                            version: "16.0.4266.1001", installed: Day("2019-04-23"), origin: "programs")
                    ])
            ])
        #expect(report.skipped.isEmpty)
        #expect(
            report.invalid == [
                .init(location: "[1]", reason: "install_date \"2024-99-01\" of \"Zoom\" is not a date"),
                .init(location: "[2]", reason: "the program has no name"),
            ])
    }

    @Test("without a device name the osqueryi device is unnamed")
    func unnamed() throws {
        let report = try OsqueryResults.parse(InventorySamples.fixture("osqueryi-programs.json"))
        #expect(report.devices.count == 1)
        #expect(report.devices[0].name == nil)
        #expect(report.devices[0].software.count == 1)
    }

    @Test("several osqueryi lists: system_info and os_version describe the Mac, apps are its software")
    func osqueryiMac() throws {
        let report = try OsqueryResults.parse(InventorySamples.fixture("osqueryi-mac.json"))
        #expect(
            report.devices == [
                InventoryDevice(
                    name: "mbp-anna.local", serial: "FVFXK1ABCDEF", uuid: "A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF",
                    os: "macOS 14.3.1", processorModel: "Apple M2 Pro",
                    software: [
                        RawSoftware(name: "Safari", version: "17.3", origin: "apps"),
                        RawSoftware(name: "Legacy", version: "2.1", origin: "apps"),
                    ])
            ])
        #expect(report.skipped.isEmpty)
    }

    @Test("the osqueryd log: the latest snapshot wins whatever the line order, events add and remove")
    func daemonLog() throws {
        let report = try OsqueryResults.parse(InventorySamples.fixture("osqueryd.results.log"))
        #expect(report.devices.map(\.name) == ["WKS-001", "web-01", "db-01"])

        let workstation = report.devices[0]
        #expect(workstation.uuid == "4C4C4544-0042-3010-8051-B7C04F4E3132")
        #expect(workstation.seenAt == Self.at("2024-03-02T10:00:00Z"))
        // Line 2's snapshot replaces line 1's (Old Tool goes); line 3's is older and loses.
        #expect(
            workstation.software == [
                RawSoftware(
                    publisher: "Microsoft Corporation", name: "Microsoft Visio Professional 2016",
                    version: "16.0.4266.1001", installed: Day("2019-04-23"), origin: "programs"),
                RawSoftware(
                    publisher: "Notepad++ Team", name: "Notepad++ (64-bit x64)", version: "8.6.2", origin: "programs"),
            ])

        let web = report.devices[1]
        #expect(web.seenAt == Self.at("2024-03-01T12:00:00Z"))
        // nginx 14.4 was added, then removed, and 14.5 added; dpkg's leftover configuration is not installed.
        #expect(
            web.software == [
                RawSoftware(
                    publisher: "Ubuntu Developers", name: "openssl", version: "3.0.2-0ubuntu1.15",
                    origin: "deb_packages"),
                RawSoftware(
                    publisher: "Ubuntu Developers", name: "nginx", version: "1.18.0-6ubuntu14.5",
                    origin: "deb_packages"),
            ])

        let database = report.devices[2]
        #expect(database.name == "db-01")
        #expect(database.uuid == "0E3C8A6B-1D2F-4E5A-9B7C-8D6E5F4A3B2C")
        #expect(database.serial == "CZ1234ABCD")
        #expect(database.os == "Rocky Linux 9.3 (Blue Onyx)")
        #expect(database.processors == 2 && database.coresPerProcessor == 8)
        #expect(database.processorModel == "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")
        // The batch line has only a calendarTime.
        #expect(database.seenAt == Self.at("2024-03-02T08:30:00Z"))
        #expect(
            database.software == [
                RawSoftware(
                    publisher: "PostgreSQL Global Development Group", name: "postgresql15-server",
                    version: "15.6-1PGDG.rhel9", installed: Day("2024-03-02"), origin: "rpm_packages")
            ])

        #expect(
            report.skipped == [
                .init(
                    location: "line 4",
                    reason: "the query \"osquery_info\" is not from programs, deb_packages, rpm_packages or apps; "
                        + "its rows are left out"),
                .init(location: "line 5", reason: "not a query result (no snapshot, columns or diffResults); left out"),
                .init(
                    location: "line 8", reason: "\"old-lib\" is not installed (status \"deinstall ok config-files\")"),
            ])
    }

    @Test("a host identified by its UUID is unnamed unless a decoration names it")
    func uuidHost() throws {
        let log =
            #"{"name":"programs","hostIdentifier":"4C4C4544-0042-3010-8051-B7C04F4E3132","unixTime":1,"#
            + #""columns":{"name":"A","publisher":"P"},"action":"added"}"#
        let device = try #require(try OsqueryResults.parse(Array(log.utf8)).devices.first)
        #expect(device.name == nil)
        #expect(device.uuid == "4C4C4544-0042-3010-8051-B7C04F4E3132")
        #expect(device.seenAt == Instant(secondsSinceEpoch: 1))
        #expect(device.software == [RawSoftware(publisher: "P", name: "A", origin: "programs")])
    }

    @Test("a narrow query is placed by the table its name contains")
    func placedByQueryName() throws {
        let log =
            #"{"name":"pack_sw_rpm_packages","hostIdentifier":"h","unixTime":5,"#
            + #""snapshot":[{"name":"bash","version":"5.1"}]}"#
        let report = try OsqueryResults.parse(Array(log.utf8))
        #expect(report.devices[0].software == [RawSoftware(name: "bash", version: "5.1", origin: "rpm_packages")])
    }

    @Test("the table rule, column by column")
    func tableRule() {
        #expect(OsqueryTable.of(["name": "x", "bundle_identifier": "com.x"]) == .apps)
        #expect(OsqueryTable.of(["name": "x", "release": "1", "vendor": "v"]) == .rpmPackages)
        #expect(OsqueryTable.of(["name": "x", "install_time": "0"]) == .rpmPackages)
        #expect(OsqueryTable.of(["name": "x", "maintainer": "m"]) == .debPackages)
        #expect(OsqueryTable.of(["name": "x", "publisher": "p"]) == .programs)
        #expect(OsqueryTable.of(["cpu_brand": "x"]) == .systemInfo)
        #expect(OsqueryTable.of(["platform": "darwin", "major": "14"]) == .osVersion)
        #expect(OsqueryTable.of(["name": "x", "version": "1"]) == nil)
        #expect(OsqueryTable.of(["name": "x", "version": "1"], query: "deb_packages") == .debPackages)
        #expect(OsqueryTable.of(["name": "x", "vendor": "v"]) == nil)
    }

    @Test("osqueryi rows of no software table are an error listing their columns")
    func unknownRows() {
        let error = InventorySamples.failure { () throws(FormatError) in
            try OsqueryResults.parse(Array(#"[{"pid":"1","name":"launchd"}]"#.utf8))
        }
        #expect(
            error
                == .field(
                    path: "[0]",
                    reason: "these rows have the columns name, pid, which are not from programs, deb_packages, "
                        + "rpm_packages or apps; run for example osqueryi --json \"SELECT * FROM programs\""))
    }

    @Test("a broken line of the log is an error naming its line; a wrong value names the line and its path")
    func brokenLine() {
        let good = #"{"name":"programs","hostIdentifier":"h","unixTime":1,"columns":{"name":"A","publisher":"P"}}"#
        let broken = [
            good, #"{"name":"programs","hostIdentifier":"h","unixTime":2,"columns":{"name":"B","publi"#, good,
        ]
        .joined(separator: "\n")
        #expect(
            InventorySamples.failure { () throws(FormatError) in try OsqueryResults.parse(Array(broken.utf8)) }
                == .syntax(line: 2, column: 82, reason: "the document ends inside a key"))
        let wrong = """

            {"name":"programs","hostIdentifier":"h","unixTime":1,"snapshot":{"name":"A"}}
            """
        #expect(
            InventorySamples.failure { () throws(FormatError) in try OsqueryResults.parse(Array(wrong.utf8)) }
                == .line(number: 2, reason: "snapshot: expected a list, found an object"))
    }

    @Test("a file that is neither form, or empty, is refused")
    func notOsquery() {
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try OsqueryResults.parse(Array("\nname,version\n".utf8))
            }
                == .line(
                    number: 2,
                    reason: "this is not osquery output: expected a JSON list of rows (osqueryi --json) or one JSON "
                        + "object per line (the osqueryd results log)"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in try OsqueryResults.parse([]) }
                == .line(
                    number: 1, reason: "the file is empty; save the output of osqueryi --json or osqueryd's results log"
                ))
    }
}
