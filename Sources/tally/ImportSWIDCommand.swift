import ArgumentParser
import Foundation
import TallyFormats

/// `tally import swid`: ISO/IEC 19770-2 SWID tags found on one device.
struct ImportSWIDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swid",
        abstract: "Import ISO/IEC 19770-2 SWID tags (2015 or 2009 schema): files, or folders of .swidtag files.",
        discussion: "Patch and supplemental tags describe a product's parts, not products: they are left out.")

    @Argument(help: "Tag files, or folders searched for *.swidtag files.")
    var paths: [String]

    @Option(name: .long, help: "The device the tags were found on (its host name).")
    var device: String

    @OptionGroup var options: InventoryOptions

    func run() throws {
        try reportingErrors {
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
            var device = InventoryDevice(name: self.device)
            var skipped: [InventoryWarning] = []
            var invalid: [InventoryWarning] = []
            var digests: [String] = []
            for file in files {
                let bytes = try Terminal.readFile(file)
                digests.append(digest(bytes))
                let tag: SWIDTag
                do throws(FormatError) {
                    tag = try SWIDTag.parse(bytes)
                } catch {
                    // One tag is one row of this import: a broken one is invalid, as a bad row of a CSV is.
                    invalid.append(InventoryWarning(location: file, reason: error.description))
                    continue
                }
                if tag.isProduct {
                    device.software.append(tag.software)
                } else {
                    skipped.append(
                        InventoryWarning(location: file, reason: "a \(tag.kind.rawValue) tag, not a product"))
                }
            }
            try InventoryImport.checkInvalid(invalid, skip: options.skipInvalid, files: files)
            try options.importing("swid").write(
                InventoryReport(devices: [device], skipped: skipped, invalid: invalid), files: files, digests: digests)
        }
    }
}
