import ArgumentParser
import Foundation
import TallyApp

/// `tally import swid`: ISO/IEC 19770-2 SWID tags found on one device.
struct ImportSWIDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swid",
        abstract: "Import ISO/IEC 19770-2 SWID tags (2015 or 2009 schema): files, or folders of .swidtag files.",
        discussion: "Patch and supplemental tags describe a product's parts, not products: they are left out.")

    @Argument(help: "Tag files, or folders searched for *.swidtag files.")
    var paths: [String]

    @Option(name: .long, help: "The device the tags were found on (its host name).")
    var device: String

    @OptionGroup var options: InventoryOptions

    func run() async throws {
        try await reportingErrors {
            var files: [String] = []
            for path in paths {
                var folder: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &folder), folder.boolValue {
                    let found = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
                        .filter { $0.lowercased().hasSuffix(".swidtag") }.sorted()
                    guard !found.isEmpty else { throw CommandError.file(path, reason: "holds no .swidtag file") }
                    files += found.map { (path as NSString).appendingPathComponent($0) }
                } else {
                    files.append(path)
                }
            }
            try await options.importing(.swid(device: device)).run(files)
        }
    }
}
