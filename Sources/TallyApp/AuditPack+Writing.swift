import Foundation
import TallyCore

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writing a pack to disk, whole or not at all: into a new or empty folder, or as one ZIP file (a path ending in
/// `.zip`). Everything is written under a temporary name beside the destination, then renamed into place, so that a
/// failure leaves nothing half-written; the files are their owner's only, as they hold prices and names.
extension AuditPack {
    /// Where a pack is written: into a folder, or as one ZIP file.
    public enum Destination: Equatable, Sendable {
        case folder(String)
        case zip(String)

        /// A path ending in `.zip` (in any case) is one ZIP file; any other a folder.
        public init(_ path: String) {
            self = path.lowercased().hasSuffix(".zip") ? .zip(path) : .folder(path)
        }

        var path: String {
            switch self {
            case .folder(let path), .zip(let path): path
            }
        }
    }

    /// Checks that a pack may be written to `path`: a new or empty folder, or a new ZIP file; with `replace`, also a
    /// file, or a folder holding a pack written before (never a folder holding anything else). A destination that
    /// `replace` would allow is a `conflict`; one it would not, `invalid`.
    public static func checkDestination(_ path: String, replace: Bool) throws(TallyError) {
        _ = try existing(Destination(path), replace: replace)
    }

    /// Writes the pack to `path` (see `Destination`), replacing what is there only as `checkDestination` allows.
    public func write(to path: String, replace: Bool) throws(TallyError) {
        let destination = Destination(path)
        let old = try Self.existing(destination, replace: replace)
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = ((folder.isEmpty ? "." : folder) as NSString)
            .appendingPathComponent(".\(name).partial-\(UUID().uuidString)")
        do throws(TallyError) {
            switch destination {
            case .zip:
                try Self.create(temporary, bytes: try zip())
            case .folder:
                try Self.createFolder(temporary)
                for file in files {
                    let target = (temporary as NSString).appendingPathComponent(file.path)
                    try Self.createFolder((target as NSString).deletingLastPathComponent)
                    try Self.create(target, bytes: file.bytes)
                }
            }
            try Self.move(temporary, to: path, replacing: old)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// What is at the destination: nothing (or an empty folder, which a folder's rename takes the place of), or
    /// what `replace` allows to be replaced; refuses the rest.
    private static func existing(_ destination: Destination, replace: Bool) throws(TallyError) -> Existing {
        let path = destination.path
        guard !path.isEmpty else { throw .invalid(path: "--out", reason: "give the folder or ZIP file to write") }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw .invalid(path: path, reason: String(cString: strerror(errno))) }
            let folder = (path as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            let exists = folder.isEmpty || FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
            if !exists || (!folder.isEmpty && !isFolder.boolValue) {
                throw .invalid(path: path, reason: "the folder \(folder) does not exist")
            }
            return .nothing
        }
        switch (info.st_mode & S_IFMT, destination) {
        case (S_IFLNK, _):
            throw .invalid(path: path, reason: "is a link; give the folder or file itself")
        case (S_IFDIR, .zip):
            throw .invalid(path: path, reason: "is a folder; a ZIP file needs a file name ending in .zip")
        case (S_IFDIR, .folder):
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if entries.isEmpty { return .nothing }
            let known = Set(contents.map { $0.path.hasSuffix("/") ? String($0.path.dropLast()) : $0.path })
            guard entries.allSatisfy(known.contains), entries.contains("SHA256SUMS") else {
                throw .invalid(
                    path: path,
                    reason: "is a folder holding other files than an audit pack; give a new or empty folder")
            }
            guard replace else { throw .conflict("\(path): is a folder that holds an audit pack already") }
            return .replaceable
        case (S_IFREG, _):
            guard replace else { throw .conflict("\(path): exists already") }
            return .replaceable
        default:
            throw .invalid(path: path, reason: "is not a regular file or folder")
        }
    }

    /// What a destination holds before a pack is written there.
    private enum Existing {
        /// Nothing, or an empty folder.
        case nothing
        /// A file or a pack's folder, to set aside and remove once the pack is in its place.
        case replaceable
    }

    /// Renames `temporary` to `path`; what is replaced is first renamed aside, and put back where the rename fails.
    private static func move(_ temporary: String, to path: String, replacing old: Existing) throws(TallyError) {
        guard case .replaceable = old else {
            guard rename(temporary, path) == 0 else { throw failure(path) }
            return
        }
        let aside = temporary + ".replaced"
        guard rename(path, aside) == 0 else { throw failure(path) }
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            _ = rename(aside, path)
            throw error
        }
        try? FileManager.default.removeItem(atPath: aside)
    }

    private static func createFolder(_ path: String) throws(TallyError) {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .invalid(path: path, reason: "cannot be made (\(error.localizedDescription))")
        }
    }

    /// Writes a new file whole and flushes it to the disk.
    private static func create(_ path: String, bytes: [UInt8]) throws(TallyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw failure(path) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                systemWrite(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let error = failure(path)
                close(descriptor)
                throw error
            }
            offset += written
        }
        guard fsync(descriptor) == 0, close(descriptor) == 0 else { throw failure(path) }
    }

    /// The system's reason for the last failure, against `path`.
    private static func failure(_ path: String) -> TallyError {
        .invalid(path: path, reason: String(cString: strerror(errno)))
    }
}
