import Foundation
import Testing

@testable import TallyFormats

/// Files for the inventory reader tests: the shared samples beside the repository (or their copies among the
/// fixtures), and the fixtures written for these tests.
enum InventorySamples {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// `../shared/data/<folder>/<name>` beside the package, else the copy in `Fixtures/inventory`.
    static func shared(_ folder: String, _ name: String) throws -> [UInt8] {
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data/\(folder)/\(name)")
        if FileManager.default.fileExists(atPath: shared.path) { return Array(try Data(contentsOf: shared)) }
        return try fixture(name)
    }

    /// `Fixtures/inventory/<name>`.
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: tests.appendingPathComponent("Fixtures/inventory/\(name)")))
    }

    /// The error a parse throws, or nil when it succeeds.
    static func failure<T>(_ parse: () throws(FormatError) -> T) -> FormatError? {
        do {
            _ = try parse()
            return nil
        } catch {
            return error
        }
    }

    /// UTF-16LE with a byte-order mark, as Windows writes "Unicode" text.
    static func utf16LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
}
