import Foundation
import ZIPFoundation

/// Files gathered in order and packed into one ZIP archive in memory, each compressed with deflate.
///
/// It packs the parts of an .xlsx workbook and the audit evidence pack. Paths are relative, with `/` between
/// folders. A path that could unpack outside the folder it is unpacked into (`../x`, `/etc/x`, `C:x`, `a\b`), or
/// that would meet a file already added on a disk that ignores case (macOS, Windows), is refused when added, so
/// a pack never holds it. Every entry carries the same date, 1 January 1980 UTC (the earliest a ZIP can hold), so
/// the same files always pack into the same bytes.
public struct ZipPack: Sendable {
    /// One file to pack.
    private struct File: Sendable {
        var path: String
        var bytes: [UInt8]
    }

    private var files: [File] = []
    /// The lowercased paths of the files, to refuse a second file that differs only in case.
    private var filePaths: Set<String> = []
    /// The lowercased paths of every folder the files are in, so that no file takes a folder's name.
    private var folderPaths: Set<String> = []

    /// The date written on every entry: 1980-01-01 00:00:00 UTC, where ZIP's MS-DOS dates begin.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)
    /// The size of the pieces handed to the compressor.
    private static let chunkSize = 256 * 1024

    /// The paths added so far, in the order they will be packed.
    public var paths: [String] { files.map(\.path) }

    /// An empty pack.
    public init() {}

    /// Adds a file at a relative path (`evidence/licenses.csv`); refuses a path that is absolute, climbs out with
    /// `..`, uses `\` or a drive letter, holds control characters, or is already in the pack as a file or folder.
    public mutating func add(path: String, bytes: [UInt8]) throws(FormatError) {
        try Self.check(path)
        let key = path.lowercased()
        guard !filePaths.contains(key) else {
            throw .field(path: path, reason: "is already in the pack; give each file its own name")
        }
        guard !folderPaths.contains(key) else {
            throw .field(path: path, reason: "is already a folder in the pack; give the file another name")
        }
        let folders = Self.folders(of: key)
        if let clash = folders.first(where: filePaths.contains) {
            throw .field(path: path, reason: "its folder \"\(clash)\" is already a file in the pack")
        }
        files.append(File(path: path, bytes: bytes))
        filePaths.insert(key)
        folderPaths.formUnion(folders)
    }

    /// The ZIP archive of every file added, in the order they were added.
    public func archive() throws(FormatError) -> [UInt8] {
        let archive: Archive
        do {
            archive = try Archive(data: Data(), accessMode: .create)
        } catch {
            throw .field(path: "ZIP archive", reason: "could not be started in memory")
        }
        for file in files {
            do {
                try archive.addEntry(
                    with: file.path, type: .file, uncompressedSize: Int64(file.bytes.count),
                    modificationDate: Self.entryDate, compressionMethod: .deflate, bufferSize: Self.chunkSize
                ) { position, size in
                    let start = Int(position)
                    return Data(file.bytes[start..<min(start + size, file.bytes.count)])
                }
            } catch {
                throw .field(path: file.path, reason: "could not be compressed into the ZIP archive")
            }
        }
        guard let data = archive.data else {
            throw .field(path: "ZIP archive", reason: "was not kept in memory")
        }
        return [UInt8](data)
    }

    /// Refuses a path that is not a plain relative path of named folders and a file name.
    private static func check(_ path: String) throws(FormatError) {
        guard !path.isEmpty else {
            throw .field(path: "\"\"", reason: "a file in the pack needs a name")
        }
        guard path.utf8.count <= Int(UInt16.max) else {
            throw .field(path: String(path.prefix(40)) + "...", reason: "is longer than a ZIP path can be")
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .field(path: path.debugDescription, reason: "holds a control character; use printable names")
        }
        guard !path.contains("\\") else {
            throw .field(path: path, reason: "uses \\; folders in the pack are separated by /")
        }
        guard !path.hasPrefix("/") else {
            throw .field(path: path, reason: "is absolute; paths in the pack are relative, such as evidence/a.csv")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: { $0.isEmpty }) {
            throw .field(path: path, reason: "has an empty folder name (// or a / at the end)")
        }
        if parts.contains(where: { $0 == "." || $0 == ".." }) {
            throw .field(path: path, reason: "has a . or .. folder, which could unpack outside the pack's folder")
        }
        let first = Array(parts[0].unicodeScalars)
        if first.count >= 2, first[1] == ":", first[0].isASCII, first[0].properties.isAlphabetic {
            throw .field(path: path, reason: "starts with a drive letter; paths in the pack are relative")
        }
    }

    /// The folders a path is in, outermost first: `a/b/c.csv` is in `a` and `a/b`.
    private static func folders(of path: String) -> [String] {
        var folders: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            folders.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return folders
    }
}
