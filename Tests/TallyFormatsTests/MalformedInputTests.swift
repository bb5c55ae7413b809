import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// Bad input must end in an error, never a crash: random damage to real estate files is read and reconciled.
@Suite("Damaged estate files")
struct MalformedInputTests {
    static let replacements: [[UInt8]] = [
        "", "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "-1", "0", "1e999", "99999999999999999999", "\"x\"",
        "true", "[]", "{}", "\"2026-02-30\"", "\"virtual\"", "\"host\"", "\"oracle\"", "\u{0}", "\u{FEFF}", "é",
    ].map { Array($0.utf8) }

    @Test("every damaged file is either read and reconciled or refused with an error")
    func damage() throws {
        var random = SeededGenerator(seed: 42)
        let files = try FileManager.default.contentsOfDirectory(atPath: ScenarioTests.folder.path)
            .filter { $0.hasSuffix(".estate.json") }.sorted()
        var refused = 0, accepted = 0
        for name in files {
            let original = Array(try Data(contentsOf: ScenarioTests.folder.appendingPathComponent(name)))
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let start = Int.random(in: 0..<bytes.count, using: &random)
                    let end = min(bytes.count, start + Int.random(in: 0...12, using: &random))
                    let replacement = Self.replacements.randomElement(using: &random) ?? []
                    bytes.replaceSubrange(start..<end, with: replacement)
                }
                do {
                    _ = try Reconciler.reconcile(try EstateFile.decode(bytes))
                    accepted += 1
                } catch {
                    #expect(!"\(error)".isEmpty)
                    refused += 1
                }
            }
        }
        #expect(refused > 0)
        #expect(accepted + refused == files.count * 300)
    }
}
