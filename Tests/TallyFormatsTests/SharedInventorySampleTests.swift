import Foundation
import TallyCore
import Testing

@testable import TallyFormats

/// The real inventory samples of the shared data folder through the built-in catalog. None of them is a commercial
/// title: the GLPI computer lists six Fedora packages (gitg, expat, gnome-calculator, libcryptui, tar, gettext), the
/// strongSwan SWID tags a Debian package (docker, the wmdocker docklet) and a Fedora package (docker-ce), and NIST's
/// tag its own public-domain validator (swidval). All must be ignored; none may become a product or wait for review.
@Suite("Shared inventory samples")
struct SharedInventorySampleTests {
    /// A sample from `../shared/data` beside the package, or the copy among the test fixtures.
    static func sample(_ folder: String, _ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.appendingPathComponent("../shared/data/\(folder)/\(name)").standardizedFileURL
        let copy = root.appendingPathComponent("Tests/TallyFormatsTests/Fixtures/inventory/\(name)")
        return try Data(contentsOf: FileManager.default.fileExists(atPath: shared.path) ? shared : copy)
    }

    /// The software of the GLPI agent's inventory, as the GLPI reader reports it.
    static func glpiSoftware() throws -> [RawSoftware] {
        let report = try GLPIInventory.parse(Array(try sample("glpi-inventory", "computer_1_partial_softs.json")))
        return report.devices.flatMap(\.software)
    }

    /// A SWID tag's software, as the SWID reader reports it.
    static func swidSoftware(_ name: String) throws -> RawSoftware {
        try SWIDTag.parse(Array(try sample("swid", name))).software
    }

    @Test("The GLPI computer's six Fedora packages are operating-system packages")
    func glpi() throws {
        let rows = try Self.glpiSoftware()
        #expect(rows.map(\.name) == ["gitg", "expat", "gnome-calculator", "libcryptui", "tar", "gettext"])
        let normalizer = Normalizer(catalog: try #require(BuiltinCatalogTests.catalog))
        for row in rows {
            let rule = normalizer.rule(matching: row.publisher, name: row.name, version: row.version)
            #expect(rule?.outcome == .ignore(.os), "\(row.name)")
        }
    }

    @Test("The SWID tags name Linux packages and a public-domain tool: ignored, none commercial")
    func swid() throws {
        let rows = try ["strongswan-deb-signed.swidtag", "strongswan-rpm.swidtag", "nist-authoritative.swidtag"]
            .map(Self.swidSoftware)
        #expect(rows.map(\.name) == ["docker", "docker-ce", "swidval"])
        #expect(
            rows.map(\.publisher) == [
                "strongSwan Project", "strongSwan Project", "National Institute of Standards and Technology",
            ])
        let normalizer = Normalizer(catalog: try #require(BuiltinCatalogTests.catalog))
        for row in rows {
            let result = normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version)
            guard case .ignored = result else {
                Issue.record("\(row.name) became \(result)")
                continue
            }
        }
    }
}
