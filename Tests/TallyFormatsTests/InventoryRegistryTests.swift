import TallyCore
import Testing

@testable import TallyFormats

/// `reg export` of the Uninstall keys: UTF-16 with a byte-order mark, continued hex values, escapes, and the
/// entries Windows does not list as products.
@Suite("Inventory Windows registry exports")
struct InventoryRegistryTests {
    static let uninstall = #"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"#

    static func parse(_ text: String, keepSystemComponents: Bool = false) throws(FormatError) -> InventoryReport {
        try WindowsRegistryExport.parse(Array(text.utf8), keepSystemComponents: keepSystemComponents)
    }

    @Test("a UTF-16LE export: products, hex(2) names over continued lines, updates and components left out")
    func unicodeExport() throws {
        let report = try WindowsRegistryExport.parse(InventorySamples.fixture("uninstall-utf16.reg"), device: "WKS-001")
        #expect(report.devices.count == 1)
        #expect(report.devices[0].name == "WKS-001")
        #expect(
            report.devices[0].software == [
                RawSoftware(
                    publisher: "Microsoft Corporation", name: "Microsoft Visio Professional 2016",
                    version: "16.0.4266.1001", installed: Day("2019-04-23"), origin: "winreg"),
                RawSoftware(publisher: "Igor Pavlov", name: "7-Zip 19.00 (x64)", version: "19.00", origin: "winreg"),
                // Notepad++ is left out: its InstallDate is not a date (below).
                // Its DisplayVersion is deleted by a later `=-` line.
                RawSoftware(publisher: "Contoso", name: "Contoso Ünicode Tool ™", origin: "winreg"),
            ])
        #expect(
            report.skipped == [
                .init(
                    location: "line 18",
                    reason: "\"Update for Microsoft Visio 2016 (KB4011111)\" "
                        + "({90160000-0051-0000-0000-0000000FF1CE}_Office16.VISPRO_"
                        + "{A1B2C3D4-0000-0000-0000-000000000000}) "
                        + "belongs to \"Office16.VISPRO\" (ParentKeyName), not a product of its own"),
                .init(
                    location: "line 23",
                    reason: "\"Security Update for Windows (KB5005112)\" (KB5005112) is an update (Security Update), "
                        + "not a product"),
                .init(
                    location: "line 27",
                    reason: "\"SQL Server 2019 Database Engine Services\" is a system component (hidden from Programs "
                        + "and Features), not a product of its own"),
            ])
        #expect(
            report.invalid == [
                .init(
                    location: "line 44",
                    reason: "InstallDate \"2024/02/31\" of \"Notepad++ (32-bit x86)\" is not a date")
            ])
    }

    @Test("system components are kept and marked when asked")
    func keepSystemComponents() throws {
        let report = try WindowsRegistryExport.parse(
            InventorySamples.fixture("uninstall-utf16.reg"), keepSystemComponents: true)
        #expect(
            report.devices[0].software.filter(\.systemComponent) == [
                RawSoftware(
                    publisher: "Microsoft Corporation", name: "SQL Server 2019 Database Engine Services",
                    version: "15.0.2000.5", installed: Day("2020-01-02"), origin: "winreg", systemComponent: true)
            ])
        #expect(report.skipped.count == 2)
    }

    @Test("a UTF-8 export with LF endings, a hotfix, a service pack and a key without a name")
    func utf8Export() throws {
        let text = """
            Windows Registry Editor Version 5.00

            [\(Self.uninstall)\\Tool]
            "DisplayName"="Tool \\"Pro\\" \\\\ Edition"
            "InstallDate"="20081124"

            [\(Self.uninstall)\\Fix]
            "DisplayName"="Hotfix 1"
            "ReleaseType"="hotfix"

            [\(Self.uninstall)\\SP]
            "DisplayName"="Service Pack 2"
            "ReleaseType"="Service Pack"

            [\(Self.uninstall)\\DirectDrawEx]
            "Version"="1"
            """
        let report = try Self.parse(text)
        #expect(
            report.devices[0].software == [
                RawSoftware(name: "Tool \"Pro\" \\ Edition", installed: Day("2008-11-24"), origin: "winreg")
            ])
        #expect(report.skipped.map(\.location) == ["line 7", "line 11"])
    }

    @Test("REGEDIT4 files keep hex(2) text in the Windows code page")
    func regedit4() throws {
        // `Café` as Windows-1252 bytes, then NUL.
        let text = "REGEDIT4\r\n\r\n[\(Self.uninstall)\\Cafe]\r\n\"DisplayName\"=hex(2):43,61,66,e9,00\r\n"
        let report = try Self.parse(text)
        #expect(report.devices[0].software.map(\.name) == ["Café"])
    }

    @Test("SystemComponent written as text or as hex(4) counts too")
    func componentForms() throws {
        let text = """
            Windows Registry Editor Version 5.00
            [\(Self.uninstall)\\A]
            "DisplayName"="A"
            "SystemComponent"="1"
            [\(Self.uninstall)\\B]
            "DisplayName"="B"
            "SystemComponent"=hex(4):01,00,00,00
            [\(Self.uninstall)\\C]
            "DisplayName"="C"
            "SystemComponent"=dword:00000000
            """
        let report = try Self.parse(text)
        #expect(report.devices[0].software.map(\.name) == ["C"])
        #expect(report.skipped.map(\.location) == ["line 2", "line 5"])
    }

    @Test("a file that is not a registry export names its first line")
    func notAnExport() {
        #expect(
            InventorySamples.failure { () throws(FormatError) in try Self.parse("\nDisplayName,Version\n") }
                == .line(
                    number: 2,
                    reason: "this is not a registry export: its first line should be \"Windows Registry Editor "
                        + "Version 5.00\"; export HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall "
                        + "with regedit or `reg export`"))
    }

    @Test(
        "broken values are errors naming their line",
        arguments: [
            (
                "\"DisplayName\"=\"never closes\n\"Publisher\"=\"X", 3,
                "the text of the value \"DisplayName\" does not close with \""
            ),
            ("\"NoModify\"=dword:zz", 3, "the value \"NoModify\" is a dword without 8 hex digits"),
            ("\"Blob\"=hex:01,0g", 3, "the value \"Blob\" has \"0g\" among its hex bytes"),
            (
                "\"Size\"=qword:1", 3,
                "the value \"Size\" is not understood: expected \"text\", dword:…, hex:… or hex(N):…"
            ),
            ("DisplayName=Visio", 3, "expected a [key], a \"Name\"=value line or a comment"),
            ("\"DisplayName\" \"Visio\"", 3, "the value \"DisplayName\" has no = after its name"),
        ])
    func brokenValue(line: String, number: Int, reason: String) {
        let text = "Windows Registry Editor Version 5.00\n[\(Self.uninstall)\\A]\n\(line)\n"
        #expect(
            InventorySamples.failure { () throws(FormatError) in try Self.parse(text) }
                == .line(number: number, reason: reason))
    }

    @Test("a value before any key, and an export without Uninstall entries, are refused")
    func misplaced() {
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try Self.parse("Windows Registry Editor Version 5.00\n\"DisplayName\"=\"X\"\n")
            } == .line(number: 2, reason: "a value comes before any [key] that would hold it"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try Self.parse("Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\Contoso]\n")
            }
                == .line(
                    number: 3,
                    reason: "the export holds no key under an Uninstall key; export "
                        + "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall itself"))
    }
}
