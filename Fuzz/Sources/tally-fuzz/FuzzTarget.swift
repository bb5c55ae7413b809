import Foundation
import TallyCore
import TallyFormats

/// One parser under libFuzzer, chosen by the environment variable `TALLY_FUZZ`. A parser may refuse its input with
/// a `FormatError`; anything else (a crash, a trap, a leak, a hang) is a finding.
enum FuzzTarget: String, CaseIterable {
    case estate, catalog, flexlm, lmstat, rlmstat, glpi, osquery, registry, swid, csv, columnmap, featuremap
    case multipart

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["TALLY_FUZZ"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("set TALLY_FUZZ to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        do throws(FormatError) {
            switch self {
            case .estate:
                let estate = try EstateFile.decode(bytes)
                _ = try? Reconciler.reconcile(estate)
                _ = EstateFile.encode(estate)
            case .catalog:
                // The catalog and the publisher table share the seeds; a table read is used with the built-in rules.
                if let publishers = try? CatalogFile.decodePublishers(bytes) {
                    _ = publishers.publisher(of: "Proxy Networks, Inc.")
                }
                let catalog = try CatalogFile.decode(bytes)
                var normalizer = Normalizer(catalog: catalog)
                for (publisher, name, version) in [
                    ("Microsoft Corporation", "Microsoft SQL Server 2017 (64-bit)", "14.0.1000.169"),
                    ("", "libc6", "2.36-9"), ("Proxy Networks, Inc.", "PROXY Pro Host 7.0 (x86)", ""),
                ] {
                    _ = normalizer.normalize(publisher: publisher, name: name, version: version)
                }
            case .flexlm:
                let report = try FlexLMLog.parse(bytes, timeZone: TimeZone(identifier: "Europe/Madrid") ?? .gmt)
                var products = FeatureProducts(known: [], map: [:])
                _ = report.estate(asOf: Day(daysSinceEpoch: 20_000), source: "fuzz", products: &products)
            case .lmstat:
                _ = try LmstatReport.parse(bytes)
            case .rlmstat:
                _ = try RlmstatReport.parse(bytes)
            case .glpi:
                _ = try GLPIInventory.parse(bytes)
            case .osquery:
                _ = try OsqueryResults.parse(bytes, device: "fuzz")
            case .registry:
                _ = try WindowsRegistryExport.parse(bytes, device: "fuzz")
            case .swid:
                _ = try SWIDTag.parse(bytes)
            case .csv:
                _ = try CSVTable.parse(bytes)
                for map in ColumnMap.presets {
                    if map.kind == .installations {
                        _ = try? SpreadsheetInventory.installations(bytes, columns: map)
                    } else {
                        _ = try? SpreadsheetInventory.purchases(bytes, columns: map)
                    }
                }
            case .columnmap:
                _ = try ColumnMap.parse(String(decoding: bytes, as: UTF8.self), kind: .installations)
            case .featuremap:
                _ = try FeatureMapFile.parse(bytes)
            case .multipart:
                // The boundary a browser would announce; the body is the input.
                if let form = try? MultipartForm(contentType: "multipart/form-data; boundary=b0undary", body: bytes) {
                    _ = form.parts.map { form[field: $0.name] }
                    _ = form.file("file")
                }
            }
        } catch {
            _ = error.description
        }
    }
}

/// libFuzzer's driver, which reads its options from the command line and calls back with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry: hands the command line to libFuzzer's driver.
@main
struct TallyFuzz {
    static func main() {
        _ = FuzzTarget.current
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, size in
            guard let data else { return 0 }
            FuzzTarget.current.run(Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        }
        exit(status)
    }
}
