import TallyCore
import Testing

@testable import TallyFormats

/// The GLPI agent's JSON inventory: the published example, a Windows virtual machine written from the schema, and
/// broken files.
@Suite("Inventory GLPI agent")
struct InventoryGLPITests {
    @Test("the published example: a physical Fedora laptop with six rpm packages")
    func example() throws {
        let report = try GLPIInventory.parse(InventorySamples.shared("glpi-inventory", "computer_1_partial_softs.json"))
        #expect(report.skipped.isEmpty && report.invalid.isEmpty)
        let device = try #require(report.devices.first)
        #expect(report.devices.count == 1)
        #expect(device.name == "glpixps")
        #expect(device.uuid == "4c4c4544-0034-3010-8048-b6c04f503732")
        #expect(device.serial == "640HP72")
        #expect(device.kind == .physical)
        #expect(device.os == "Fedora 31 (Workstation Edition)")
        #expect(device.lastUser == "root")
        #expect(device.processors == nil && device.vcpus == nil && device.seenAt == nil)
        #expect(device.software.count == 6)
        #expect(
            device.software.first
                == RawSoftware(
                    publisher: "Fedora Project", name: "gitg", version: "3.33.0-1.fc31", installed: Day("2019-12-19"),
                    origin: "glpi"))
        #expect(
            device.software.last
                == RawSoftware(
                    publisher: "Fedora Project", name: "gettext", version: "0.20.1-3.fc31",
                    installed: Day("2020-01-15"), origin: "glpi"))
        #expect(device.software.map(\.name) == ["gitg", "expat", "gnome-calculator", "libcryptui", "tar", "gettext"])
    }

    @Test("a Windows virtual machine: sockets, cores and vCPUs, the first user, the inventory time in its zone")
    func windowsVirtualMachine() throws {
        let report = try GLPIInventory.parse(InventorySamples.fixture("glpi-windows-vm.json"))
        let device = try #require(report.devices.first)
        #expect(device.name == "WIN-SQL-01")
        #expect(device.uuid == "421A2B3C-4D5E-6F70-8192-A3B4C5D6E7F8")
        #expect(device.serial == "VMware-42 1a 2b 3c")
        #expect(device.kind == .virtual)
        #expect(device.host == nil)
        #expect(device.os == "Microsoft Windows Server 2019 Standard")
        #expect(device.processors == 2 && device.coresPerProcessor == 2 && device.vcpus == 4)
        #expect(device.processorModel == "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")
        #expect(device.lastUser == "CORP\\dba1")
        // 10:00 at +0100.
        #expect(device.seenAt == Instant("2024-03-01T09:00:00Z"))
        #expect(
            device.software == [
                RawSoftware(
                    publisher: "Microsoft Corporation", name: "Microsoft SQL Server 2019 (64-bit)",
                    version: "15.0.2000.5", installed: Day("2020-01-02"), origin: "glpi"),
                RawSoftware(
                    publisher: "Igor Pavlov", name: "7-Zip 19.00 (x64)", version: "19", installed: Day("2019-02-21"),
                    origin: "glpi"),
                // "Legacy Tool" is left out: its install date "sometime" is not a date (below).
            ])
        #expect(
            report.skipped == [
                .init(
                    location: "content.softwares[1]",
                    reason: "\"SQL Server 2019 Database Engine Services\" is a system component (hidden from Programs "
                        + "and Features), not a product of its own"),
                .init(location: "content.softwares[2]", reason: "\"KB5005112\" is a Windows update, not a product"),
                .init(location: "content.softwares[6]", reason: "\"Hotfix Rollup\" is a Windows update, not a product"),
            ])
        #expect(
            report.invalid == [
                .init(location: "content.softwares[3]", reason: "the software has no name"),
                .init(location: "content.softwares[5].install_date", reason: "\"sometime\" is not a date"),
            ])
    }

    @Test("system components are kept and marked when asked, their DD/MM/YYYY date read day first")
    func keepSystemComponents() throws {
        let report = try GLPIInventory.parse(
            InventorySamples.fixture("glpi-windows-vm.json"), keepSystemComponents: true)
        let hidden = try #require(report.devices.first?.software.first { $0.systemComponent })
        #expect(
            hidden
                == RawSoftware(
                    publisher: "Microsoft Corporation", name: "SQL Server 2019 Database Engine Services",
                    version: "15.0.2000.5", installed: Day("2020-01-02"), origin: "glpi", systemComponent: true))
        #expect(report.skipped.count == 2)
    }

    @Test("the name falls back on the fully qualified name; any vmsystem but Physical is virtual")
    func fallbacks() throws {
        let text = """
            {"content": {"operatingsystem": {"fqdn": "box.example.com", "name": "Debian", "version": "12"},
             "hardware": {"vmsystem": "lxc"}, "cpus": [{"corecount": 8}], "softwares": null}}
            """
        let device = try #require(try GLPIInventory.parse(Array(text.utf8)).devices.first)
        #expect(device.name == "box.example.com")
        #expect(device.os == "Debian 12")
        #expect(device.kind == .virtual)
        #expect(device.processors == 1 && device.coresPerProcessor == 8 && device.vcpus == 8)
        #expect(device.software.isEmpty)
    }

    @Test("the inventory time may carry a zone of its own, with the seconds the schema allows")
    func zonedLogDate() {
        #expect(GLPIContent.instant("2018-10-11T04:55:07Z", zone: "+0200") == Instant("2018-10-11T04:55:07Z"))
        #expect(GLPIContent.instant("2018-10-11 04:55:07+02:00:00", zone: nil) == Instant("2018-10-11T02:55:07Z"))
        #expect(GLPIContent.instant("2018-10-11 04:55:07", zone: "-0530") == Instant("2018-10-11T10:25:07Z"))
        #expect(GLPIContent.instant("2018-10-11 04:55:07", zone: nil) == Instant("2018-10-11T04:55:07Z"))
    }

    @Test("broken JSON is one error naming its line and column")
    func brokenJSON() {
        let text =
            "{\n  \"content\": {\n    \"softwares\": [\n      {\"name\": \"gitg\" \"version\": \"1\"}\n    ]\n  }\n}"
        let error = InventorySamples.failure { () throws(FormatError) in try GLPIInventory.parse(Array(text.utf8)) }
        #expect(error == .syntax(line: 4, column: 23, reason: "expected ',' or '}' after a value, found '\"'"))
    }

    @Test("a value of the wrong kind is an error naming its path")
    func wrongKind() {
        let text = #"{"content": {"softwares": [{"name": "a"}, {"name": ["b"]}]}}"#
        let error = InventorySamples.failure { () throws(FormatError) in try GLPIInventory.parse(Array(text.utf8)) }
        #expect(error == .field(path: "content.softwares[1].name", reason: "expected a single value, found a list"))
        let notList = #"{"content": {"cpus": {"core": 2}}}"#
        #expect(
            InventorySamples.failure { () throws(FormatError) in try GLPIInventory.parse(Array(notList.utf8)) }
                == .field(path: "content.cpus", reason: "expected a list, found an object"))
    }

    @Test("a file without content, a JSON list, or the agent's XML inventory is refused with what to do")
    func notAnInventory() {
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try GLPIInventory.parse(Array(#"{"deviceid": "x"}"#.utf8))
            }
                == .field(
                    path: "content",
                    reason: "missing: a GLPI inventory holds the machine under \"content\"; export it with "
                        + "`glpi-inventory --json`"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in try GLPIInventory.parse(Array("[]".utf8)) }
                == .syntax(
                    line: 1, column: 1,
                    reason: "a GLPI inventory is one JSON object; this file starts with something else"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try GLPIInventory.parse(Array("<?xml version=\"1.0\"?><REQUEST/>".utf8))
            }
                == .line(
                    number: 1,
                    reason: "this is the agent's XML inventory; Tally reads its JSON inventory: run "
                        + "`glpi-inventory --json` and import that file"))
    }
}
