import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// Files from the field and hostile ones: every reader ends in a value or one clear error, never a crash.
@Suite("Hostile input: no crash, no silent misreading")
struct HostileInputTests {
    /// 30,000 nested `[` (60 KB) crashed the GLPI and osquery readers, which skip unknown values recursively.
    @Test("deeply nested JSON is refused by every JSON reader, naming the line and column")
    func deepNesting() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 30_000) + Array(repeating: UInt8(ascii: "]"), count: 30_000)
        let inGLPI = Array(#"{"content": {"x": "#.utf8) + deep + Array("}}".utf8)
        let inOsquery = Array(#"[{"name": "a", "x": "#.utf8) + deep + Array("}]".utf8)
        let readers: [(String, () throws(FormatError) -> Void)] = [
            ("glpi", { () throws(FormatError) in _ = try GLPIInventory.parse(inGLPI) }),

            ("osquery", { () throws(FormatError) in _ = try OsqueryResults.parse(inOsquery, device: "x") }),
            ("estate", { () throws(FormatError) in _ = try EstateFile.decode(deep) }),
            ("catalog", { () throws(FormatError) in _ = try CatalogFile.decode(deep) }),
        ]
        for (name, read) in readers {
            do throws(FormatError) {
                try read()
                Issue.record("\(name) accepted 30,000 nested lists")
            } catch {
                #expect(!error.description.isEmpty, "\(name)")
                if name == "glpi" { #expect(error.description.contains("nested more than 128 deep")) }
            }
        }
        let skipped = deep.withUnsafeBufferPointer { buffer -> FormatError? in
            var reader = JSONReader(buffer)
            do throws(FormatError) {
                try reader.skipValue()
                return nil
            } catch {
                return error
            }
        }
        #expect(skipped?.description == "line 1, column 130: objects and lists are nested more than 128 deep; this is not a file to read")
        // Nesting within the limit still reads: an unknown key of 100 levels in a GLPI inventory is skipped.
        let hundred = Array(repeating: UInt8(ascii: "["), count: 100) + Array(repeating: UInt8(ascii: "]"), count: 100)
        #expect(throws: Never.self) {
            try GLPIInventory.parse(Array(#"{"content": {"x": "#.utf8) + hundred + Array(#", "hardware": {"name": "a"}}}"#.utf8))
        }
    }
}
