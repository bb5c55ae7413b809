import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The shared scenarios: each estate's positions and consumer units must equal the expected file exactly, and the
/// files without an expected result must be rejected with the named path.
@Suite("Shared scenarios")
struct ScenarioTests {
    /// Scenario files from the shared folder beside the repository, else the copies kept with the tests.
    static let folder: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/scenarios")
        if FileManager.default.fileExists(atPath: shared.path) { return shared }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")
    }()

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".estate.json") }.map { String($0.dropLast(".estate.json".count)) }.sorted()
    }()

    static var withExpectations: [String] {
        names.filter {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0).expected.json").path)
        }
    }

    @Test("there are scenarios to run")
    func scenariosExist() {
        #expect(Self.withExpectations.count >= 10)
    }

    @Test("positions and consumer units equal the expected result", arguments: withExpectations)
    func scenario(_ name: String) throws {
        let estate = try EstateFile.decode(
            Array(Data(contentsOf: Self.folder.appendingPathComponent("\(name).estate.json"))))
        let report = try JSONSerialization.jsonObject(with: Data(PositionJSON.encode(try Reconciler.reconcile(estate))))
        let expected = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent("\(name).expected.json")))
        let actual = try #require(report as? [String: Any])
        let wanted = try #require(expected as? [String: Any])

        #expect(actual["asOf"] as? String == wanted["asOf"] as? String)
        let actualPositions = try #require(actual["positions"] as? [[String: Any]])
        let wantedPositions = try #require(wanted["positions"] as? [[String: Any]])
        #expect(actualPositions.map { $0["product"] as? String } == wantedPositions.map { $0["product"] as? String })
        for (got, want) in zip(actualPositions, wantedPositions) {
            for (key, value) in want {
                #expect(
                    Self.same(got[key], value),
                    "\(name) \(want["product"] ?? "?").\(key): \(got[key] ?? "missing") != \(value)")
            }
        }
        let units = { (list: [[String: Any]]) in
            Dictionary(
                uniqueKeysWithValues: list.map {
                    ("\($0["product"] ?? "")/\($0["consumer"] ?? "")", $0["units"] as? Int)
                })
        }
        let actualConsumers = try #require(actual["consumers"] as? [[String: Any]])
        let wantedConsumers = try #require(wanted["consumers"] as? [[String: Any]])
        #expect(units(actualConsumers) == units(wantedConsumers))
    }

    @Test("the bad-reference scenario names installations[1].device")
    func badReference() throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("90-bad-reference.estate.json")))
        let estate = try EstateFile.decode(bytes)
        #expect(throws: EstateError.unknownReference(path: "installations[1].device", kind: "device", id: "zz")) {
            try Reconciler.reconcile(estate)
        }
    }

    @Test("the unknown-key scenario names devices[0].cpus")
    func unknownKey() throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("91-unknown-key.estate.json")))
        do {
            _ = try EstateFile.decode(bytes)
            Issue.record("an unknown key was accepted")
        } catch {
            guard case .field(let path, let reason) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(path == "devices[0].cpus")
            #expect(reason.hasPrefix("unknown key"))
        }
    }

    /// JSON numbers compare as numbers; null equals only null.
    static func same(_ a: Any?, _ b: Any) -> Bool {
        if b is NSNull { return a is NSNull }
        if let x = a as? NSNumber, let y = b as? NSNumber, !(b is String) { return x.doubleValue == y.doubleValue }
        if let x = a as? String, let y = b as? String { return x == y }
        return false
    }
}
