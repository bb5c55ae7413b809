import Foundation
import TallyCore
import Testing

@testable import TallyFormats

@Suite("Reading and writing estate files")
struct EstateFileTests {
    func decode(_ text: String) throws(FormatError) -> Estate {
        try EstateFile.decode(Array(text.utf8))
    }

    func failure(_ text: String) -> FormatError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    let header = #"{"format": "tally-estate/1", "asOf": "2026-11-29""#

    @Test("defaults fill what a file leaves out")
    func defaults() throws {
        let estate = try decode(
            header + #"""
                , "devices": [{"id": "a"}], "products": [{"id": "p", "license": {"metric": "concurrent"}}],
                "usage": [{"product": "p", "user": "u", "start": "2026-11-02T09:00:00Z", "end": null}],
                "entitlements": [{"id": "e", "product": "p", "quantity": 2}]}
                """#)
        let device = try #require(estate.devices.first)
        #expect(device.active && device.kind == .physical && device.processors == 1)
        let license = try #require(estate.products.first?.license)
        #expect(license.virtualization == .perVM && license.windowDays == 90 && license.coreFactor == .value(1))
        #expect(estate.usage.first?.count == 1 && estate.usage.first?.end == nil)
        let entitlement = try #require(estate.entitlements.first)
        #expect(!entitlement.downgrade && entitlement.covers.isEmpty && entitlement.costPeriod == .once)
        #expect(!entitlement.unlimited && entitlement.scope == nil && entitlement.start == nil)
    }

    @Test("unknown keys are errors at every depth, naming their path")
    func unknownKeys() {
        #expect(
            failure(header + #", "colour": 1}"#)
                == .field(
                    path: "colour",
                    reason: "unknown key (allowed here: format, asOf, currency, departments, people, devices, "
                        + "products, installations, usage, denials, assignments, entitlements, contracts, rates)"))
        let nested = failure(header + #", "products": [{"id": "p", "license": {"metrc": "user"}}]}"#)
        #expect(nested?.description.hasPrefix("products[0].license.metrc: unknown key") == true)
        let scope = failure(
            header + #", "entitlements": [{"id": "e", "product": "p", "quantity": 1, "scope": {"dept": "x"}}]}"#)
        #expect(scope?.description.hasPrefix("entitlements[0].scope.dept: unknown key") == true)
    }

    @Test("a value of the wrong kind names its path and what was found")
    func wrongKinds() {
        #expect(
            failure(header + #", "devices": [{"id": "a", "processors": "two"}]}"#)
                == .field(path: "devices[0].processors", reason: "expected a whole number, found \"two\""))
        #expect(
            failure(header + #", "devices": [{"id": "a", "processors": 1.5}]}"#)
                == .field(path: "devices[0].processors", reason: "expected a whole number, found a fraction"))
        #expect(
            failure(header + #", "devices": [{"id": "a", "processors": 123456789012345678901234}]}"#)
                == .field(path: "devices[0].processors", reason: "the number is too large"))
        #expect(
            failure(header + #", "devices": {"id": "a"}}"#)
                == .field(path: "devices", reason: "expected a list, found an object"))
        #expect(
            failure(header + #", "devices": [{"id": "a", "kind": "cloud"}]}"#)
                == .field(path: "devices[0].kind", reason: "\"cloud\" is not one of \"physical\", \"virtual\""))
        #expect(
            failure(header + #", "entitlements": [{"id": "e", "product": "p", "quantity": 1, "end": "2026-13-01"}]}"#)
                == .field(path: "entitlements[0].end", reason: "expected a date as YYYY-MM-DD, found \"2026-13-01\""))
        #expect(
            failure(header + #", "products": [{"id": "p", "license": {"coreFactor": "intel"}}]}"#)
                == .field(
                    path: "products[0].license.coreFactor",
                    reason: "\"intel\" names no table; use a number or \"oracle\""))
    }

    @Test("required values: format, asOf, ids, references, exactly one assignee")
    func required() {
        #expect(failure(#"{"asOf": "2026-11-29"}"#)?.description.hasPrefix("format: required") == true)
        #expect(
            failure(#"{"format": "tally-estate/2", "asOf": "2026-11-29"}"#)?.description.hasPrefix("format:") == true)
        #expect(failure(#"{"format": "tally-estate/1"}"#)?.description.hasPrefix("asOf: required") == true)
        #expect(
            failure(header + #", "devices": [{"hostname": "x"}]}"#) == .field(path: "devices[0].id", reason: "required")
        )
        #expect(
            failure(header + #", "installations": [{"device": "a"}]}"#)
                == .field(path: "installations[0].product", reason: "required"))
        #expect(
            failure(header + #", "assignments": [{"product": "p", "person": "a", "device": "b"}]}"#)
                == .field(path: "assignments[0]", reason: "name exactly one of \"person\" or \"device\""))
    }

    @Test("broken JSON is reported with its line and column")
    func syntax() {
        let error = failure("{\"format\": \"tally-estate/1\",\n  \"asOf\": }")
        #expect(error == .syntax(line: 2, column: 11, reason: "unexpected '}' where a value is expected"))
        #expect(failure("[1, 2]")?.description.contains("one JSON object") == true)
        #expect(failure(header + "} trailing")?.description.contains("after the end of the document") == true)
        #expect(failure(header + ", \"currency\": \"EU") != nil)
    }

    @Test("a byte-order mark, escapes and non-ASCII text are read")
    func text() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                (header + #"""
                    , "people": [{"id": "z\u00fc", "name": "Zo\u00eb \"Z\" \ud83d\ude00", "email": "zoë@example.com"}]}
                    """#).utf8)
        let person = try #require(try EstateFile.decode(bytes).people.first)
        #expect(person.id == "zü")
        #expect(person.name == "Zoë \"Z\" 😀")
        #expect(person.email == "zoë@example.com")
    }

    @Test("writing then reading gives the same estate back")
    func roundTrip() throws {
        let estate = Estate(
            asOf: Day(year: 2026, month: 11, day: 29)!, currency: "EUR",
            departments: [
                Department(id: "eng", name: "Engineering", costCenter: "CC-1"),
                Department(id: "web", parent: "eng"),
            ],
            people: [
                Person(
                    id: "ann", name: "Ann \"A\" Lee", login: "alee", email: "a@x", department: "web",
                    active: false, retired: Day("2026-10-01"))
            ],
            devices: [
                Device(
                    id: "h", hostname: "h.example", processors: 2, coresPerProcessor: 16,
                    processorModel: "Intel Xeon", serial: "S1", os: "Linux", user: "ann",
                    department: "eng", lastSeen: Day("2026-11-01")),
                Device(id: "v", kind: .virtual, host: "h", vcpus: 4, active: false, retired: Day("2026-09-30")),
                Device(id: "c", cluster: "vc-1", processors: 2, coresPerProcessor: 8),
                Device(id: "lpar", kind: .virtual, host: "c", partitioning: .hard, vcpus: 2),
            ],
            products: [
                Product(
                    id: "db", publisher: "IBM", name: "Db2",
                    license: License(metric: .pvu, pvuPerCore: .table(.ibmPVU), virtualization: .host),
                    unitPrice: 12.5),
                Product(
                    id: "o",
                    license: License(
                        metric: .core, minCoresPerProcessor: 4, minCoresPerDevice: 16,
                        minCoresPerVM: 4, coreFactor: .value(0.5)),
                    components: ["w"]),
                Product(id: "w", license: License(metric: .user, devicesPerUser: 3, windowDays: 30)),
                Product(id: "m", license: License(metric: .concurrent, duplicates: .separate)),
                Product(
                    id: "sql", license: LicenseRule.msCore.filling(License(minCoresPerVM: 8), except: [.minCoresPerVM])),
                Product(
                    id: "wss",
                    license: LicenseRule.windowsServerStandard.filling(
                        License(vmsPerLicense: nil), except: [.vmsPerLicense])),
                Product(
                    id: "nup", license: License(metric: .user, minimumUsersPerProcessor: 25, minimumUsersPerDevice: 3)),
            ],
            installations: [
                Installation(
                    device: "h", product: "db", version: Version("11.5"), installed: Day("2024-01-02"),
                    removed: Day("2026-11-28"), lastUsed: Day("2026-11-20"), lastSeen: Day("2026-11-28"),
                    source: "glpi")
            ],
            usage: [
                UsageSession(
                    product: "db", user: "alee", host: "h", start: Instant("2026-11-02T09:00:00Z")!,
                    end: Instant("2026-11-02T10:00:00Z"), count: 3, source: "lmstat")
            ],
            denials: [
                Denial(
                    product: "db", user: "bob", host: "x", at: Instant("2026-11-02T09:05:00Z")!,
                    reason: "Licensed number of users already reached", source: "log")
            ],
            assignments: [
                Assignment(product: "w", assignee: .person("ann")),
                Assignment(product: "db", assignee: .device("h")),
            ],
            entitlements: [
                Entitlement(
                    id: "e1", product: "db", quantity: 100, version: Version("11"), downgrade: true,
                    covers: ["db"], start: Day("2024-01-01"), end: Day("2027-01-01"),
                    scope: "eng", unitCost: 60.25, costPeriod: .year, vendor: "V", contract: "C",
                    purchaseOrder: "PO", notes: "line\nbreak"),
                Entitlement(id: "e2", product: "w", quantity: nil, unlimited: true),
                Entitlement(id: "e3", product: "sql", quantity: 4, softwareAssurance: true),
                Entitlement(id: "e4", product: "w", quantity: 2, unitCost: 12.5, currency: "USD"),
            ],
            rates: [ExchangeRate(currency: "USD", date: Day("2026-11-01")!, rate: 0.9213)])
        let bytes = EstateFile.encode(estate)
        #expect(try EstateFile.decode(bytes) == estate)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""duplicates": "none""#) && text.contains(#""removed": "2026-11-28""#))
        #expect(
            text.contains(#""rates": ["#) && text.contains(#""currency": "USD", "date": "2026-11-01", "rate": 0.9213"#))
    }

    @Test("a rule fills the keys it names that the file leaves out; the file's own keys win")
    func ruleTemplates() throws {
        let estate = try decode(
            header + #"""
                , "products": [
                  {"id": "ee", "license": {"rule": "oracle-processor"}},
                  {"id": "sql", "license": {"minCoresPerVM": 8, "rule": "ms-core"}},
                  {"id": "wss", "license": {"rule": "windows-server-standard", "vmsPerLicense": null}}],
                "devices": [{"id": "h", "cluster": "vc", "processors": 2, "coresPerProcessor": 8},
                  {"id": "v", "kind": "virtual", "host": "h", "vcpus": 2, "partitioning": "hard"}],
                "entitlements": [{"id": "e", "product": "sql", "quantity": 4, "softwareAssurance": true}]}
                """#)
        #expect(estate.products[0].license == LicenseRule.oracleProcessor.license)
        let sql = estate.products[1].license
        #expect(sql.rule == .msCore && sql.minCoresPerVM == 8 && sql.minCoresPerProcessor == 4 && sql.vmRequiresRights)
        #expect(estate.products[2].license.vmsPerLicense == nil && estate.products[2].license.minCoresPerDevice == 16)
        #expect(estate.devices[0].cluster == "vc" && estate.devices[1].partitioning == .hard)
        #expect(estate.entitlements[0].softwareAssurance)
        // Written back, a templated product keeps its rule and only what differs from it.
        let text = String(decoding: EstateFile.encode(estate), as: UTF8.self)
        #expect(text.contains(#"{"id": "ee", "license": {"rule": "oracle-processor"}}"#))
        #expect(text.contains(#""license": {"rule": "ms-core", "minCoresPerVM": 8}"#))
        #expect(text.contains(#""license": {"rule": "windows-server-standard", "vmsPerLicense": null}"#))
        #expect(try EstateFile.decode(EstateFile.encode(estate)) == estate)
        let bad = failure(header + #", "products": [{"id": "p", "license": {"rule": "oracle-enterprise"}}]}"#)
        #expect(bad?.description.hasPrefix("products[0].license.rule: \"oracle-enterprise\" is not one of") == true)
    }

    @Test("the keys of rules v2 are read, and a bad value names its path")
    func rulesV2Keys() throws {
        let estate = try decode(
            header + #"""
                , "people": [{"id": "ann", "retired": "2026-10-01"}],
                "devices": [{"id": "a", "retired": null}],
                "products": [{"id": "p", "license": {"metric": "concurrent", "duplicates": "user"}}],
                "installations": [{"device": "a", "product": "p", "installed": "2026-01-01", "removed": "2026-02-01"}]}
                """#)
        #expect(estate.people.first?.retired == Day("2026-10-01") && estate.devices.first?.retired == nil)
        #expect(estate.products.first?.license.duplicates == .user)
        #expect(estate.products.first?.license.countedDuplicates == .user)
        #expect(estate.installations.first?.removed == Day("2026-02-01"))
        let bad = failure(header + #", "products": [{"id": "p", "license": {"duplicates": "everyone"}}]}"#)
        #expect(bad?.description.hasPrefix("products[0].license.duplicates: ") == true)
        #expect(bad?.description.contains(#""userHost", "user", "host", "none""#) == true)
        let date = failure(header + #", "devices": [{"id": "a", "retired": "2026-13-01"}]}"#)
        #expect(date?.description.hasPrefix("devices[0].retired: ") == true)
    }
}

@Suite("Printing the position")
struct PositionOutputTests {
    func demoResult() throws -> Reconciliation {
        let folder = ScenarioTests.folder
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent("09-suite-covers-scope.estate.json")))
        return try Reconciler.reconcile(try EstateFile.decode(bytes))
    }

    @Test("json has the spec's keys, in order, with null for an unknown exposure")
    func json() throws {
        let text = String(decoding: PositionJSON.encode(try demoResult()), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["asOf", "currency", "positions", "entitlements", "consumers", "totals"])
        let pdfStandard =
            #"{ "product": "pdf-std", "metric": "device", "demand": 2, "covered": 1, "shortfall": 1, "#
            + #""supply": 0, "surplus": 0, "exposure": null, "surplusValue": 0, "status": "under" }"#
        #expect(text.contains(pdfStandard))
        #expect(text.contains(#""totals": { "exposure": 400, "surplusValue": 1600 }"#))
        let consumer = try #require((object["consumers"] as? [[String: Any]])?.first)
        #expect(Set(consumer.keys) == ["product", "consumer", "units", "allocated", "shortfall", "why"])
    }

    @Test("csv has a header and one row per position")
    func csv() throws {
        let lines = PositionCSV.render(try demoResult()).split(separator: "\r\n")
        #expect(
            lines.first
                == "product,publisher,name,metric,demand,covered,shortfall,supply,surplus,exposure,surplusValue,status")
        #expect(lines.count == 4)
        #expect(lines.contains("pdf-std,Adobe,Acrobat Standard,device,2,1,1,0,0,,0,under"))
        #expect(PositionCSV.field("a, \"b\"") == "\"a, \"\"b\"\"\"")
    }

    @Test("the table shows each product and the totals, coloured only when asked")
    func table() throws {
        let plain = PositionTable.render(try demoResult(), colors: false)
        #expect(plain.contains("office"))
        #expect(plain.contains("unknown"))
        #expect(plain.contains("Exposure (shortfall at list price): 400.00"))
        #expect(plain.contains("3 products: 2 under-licensed, 1 over-licensed, 0 compliant"))
        #expect(!plain.contains("\u{1B}["))
        #expect(PositionTable.render(try demoResult(), colors: true).contains("\u{1B}[31m"))
        #expect(PositionTable.money(1234567.5) == "1,234,567.50")
    }
}
