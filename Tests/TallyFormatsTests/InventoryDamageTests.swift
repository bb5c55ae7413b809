import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// Bad input must end in a report or an error, never a crash: every inventory fixture is damaged at random and read
/// again by its reader.
@Suite("Inventory readers on damaged files")
struct InventoryDamageTests {
    static let replacements: [[UInt8]] =
        [
            "", "{", "}", "[", "]", ",", ";", ":", "\"", "\\", "\n", "\r\n", "<", ">", "/>", "</", "&", "&#x;", "=",
            "dword:", "hex(2):", "\\\n", "null", "-1", "1e999", "\u{0}", "\u{FEFF}", "é", "[-", "<!--", "<![CDATA[",
        ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xFE], [0x00, 0x00]]

    static let readers: [(file: String, read: @Sendable ([UInt8]) throws(FormatError) -> Void)] = [
        ("computer_1_partial_softs.json", { bytes throws(FormatError) in _ = try GLPIInventory.parse(bytes) }),
        ("glpi-windows-vm.json", { bytes throws(FormatError) in _ = try GLPIInventory.parse(bytes) }),
        ("osqueryd.results.log", { bytes throws(FormatError) in _ = try OsqueryResults.parse(bytes) }),
        ("osqueryi-mac.json", { bytes throws(FormatError) in _ = try OsqueryResults.parse(bytes) }),
        ("uninstall-utf16.reg", { bytes throws(FormatError) in _ = try WindowsRegistryExport.parse(bytes) }),
        ("strongswan-deb-signed.swidtag", { bytes throws(FormatError) in _ = try SWIDTag.parse(bytes) }),
        ("swid2009-numeric.swidtag", { bytes throws(FormatError) in _ = try SWIDTag.parse(bytes) }),
        (
            "sccm-add-remove-programs.csv",
            { bytes throws(FormatError) in _ = try SpreadsheetInventory.installations(bytes, columns: .sccm) }
        ),
        (
            "snipeit-licenses.csv",
            { bytes throws(FormatError) in _ = try SpreadsheetInventory.purchases(bytes, columns: .snipeit) }
        ),
    ]

    @Test("every damaged file is either read or refused with an error that says where")
    func damage() throws {
        var random = SeededGenerator(seed: 7)
        var refused = 0, accepted = 0
        for (file, read) in Self.readers {
            let original = try InventorySamples.fixture(file)
            for _ in 0..<200 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let start = Int.random(in: 0..<bytes.count, using: &random)
                    let end = min(bytes.count, start + Int.random(in: 0...16, using: &random))
                    bytes.replaceSubrange(start..<end, with: Self.replacements.randomElement(using: &random) ?? [])
                }
                do throws(FormatError) {
                    try read(bytes)
                    accepted += 1
                } catch {
                    switch error {
                    case .syntax(let line, let column, let reason): #expect(line >= 1 && column >= 1 && !reason.isEmpty)
                    case .line(let number, let reason): #expect(number >= 1 && !reason.isEmpty)
                    case .field(let path, let reason): #expect(!path.isEmpty && !reason.isEmpty)
                    }
                    refused += 1
                }
            }
        }
        #expect(refused > 0 && accepted > 0)
        #expect(refused + accepted == Self.readers.count * 200)
    }

    @Test("XML nested thousands deep is refused, not followed down the stack")
    func deepXML() {
        let text = String(repeating: "<a>", count: 5000) + String(repeating: "</a>", count: 5000)
        let error = InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array(text.utf8)) }
        #expect(error == .syntax(line: 1, column: 769, reason: "elements nest more than 256 deep; this is not a tag"))
    }
}
