import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The installations of large files are read in pieces on every core; the result must be the same as in order.
@Suite("Reading installations in parallel pieces")
struct ParallelReadingTests {
    static let split = JSONReader.Split(pieces: 7, minimumBytes: 0)

    func decode(_ bytes: [UInt8], split: JSONReader.Split = split) throws(FormatError) -> Estate {
        do {
            return try bytes.withUnsafeBytes { buffer in try EstateFile.decode(buffer, split: split) }
        } catch let error as FormatError {
            throw error
        } catch {
            preconditionFailure("decode throws only FormatError")
        }
    }

    func sequentialError(_ bytes: [UInt8]) -> FormatError? {
        do {
            _ = try decode(bytes, split: JSONReader.Split(pieces: 1, minimumBytes: 0))
            return nil
        } catch {
            return error
        }
    }

    @Test("a synthetic estate reads back the same, in pieces")
    func synthetic() throws {
        let estate = SyntheticEstate.make(devices: 300, seed: 9, asOf: Day(year: 2026, month: 11, day: 29)!)
        #expect(try decode(EstateFile.encode(estate)) == estate)
    }

    @Test("strings that look like element boundaries do not mislead the pieces")
    func misleadingStrings() throws {
        var estate = SyntheticEstate.make(devices: 40, seed: 3, asOf: Day(year: 2026, month: 11, day: 29)!)
        for i in estate.installations.indices where i % 3 == 0 {
            estate.installations[i].source = String(repeating: "x\", {\"device\": \"d1\"}, {", count: 1 + i % 5)
        }
        let bytes = EstateFile.encode(estate)
        #expect(try decode(bytes) == estate)
        let minified = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n    ", with: "").utf8)
        #expect(try decode(minified) == estate)
    }

    @Test("an error in any piece names the same element as reading in order")
    func errors() throws {
        let estate = SyntheticEstate.make(devices: 60, seed: 5, asOf: Day(year: 2026, month: 11, day: 29)!)
        let text = String(decoding: EstateFile.encode(estate), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let installations = lines.indices.filter {
            lines[$0].contains("\"device\": ") && lines[$0].contains("\"product\"")
        }
        for target in [
            installations[1], installations[installations.count / 2], installations[installations.count - 2],
        ] {
            var broken = lines
            broken[target] = broken[target].replacingOccurrences(of: "\"product\"", with: "\"prodct\"")
            let bytes = Array(broken.joined(separator: "\n").utf8)
            let expected = try #require(sequentialError(bytes))
            #expect(throws: expected) { try decode(bytes) }
            #expect(expected.description.hasPrefix("installations[\(installations.firstIndex(of: target)!)].prodct"))
        }
        lines[installations[installations.count / 3]] += " oops"
        let syntax = Array(lines.joined(separator: "\n").utf8)
        #expect(throws: try #require(sequentialError(syntax))) { try decode(syntax) }
    }

    @Test("empty and single-element lists, and lists followed by other collections")
    func shapes() throws {
        let header =
            #"{"format": "tally-estate/1", "asOf": "2026-11-29", "devices": [{"id": "a"}], "#
            + #""products": [{"id": "p"}], "#
        let empty = try decode(Array((header + #""installations": [], "entitlements": []}"#).utf8))
        #expect(empty.installations.isEmpty)
        let one = try decode(
            Array(
                (header + #""installations": [{"device": "a", "product": "p"}], "#
                    + #""entitlements": [{"id": "e", "product": "p", "quantity": 1}]}"#).utf8))
        #expect(one.installations.count == 1 && one.entitlements.count == 1)
    }
}
