import Foundation
import GRDB
import TallyCore

/// The store's file on disk: what is there before SQLite opens it, and a new one made for its owner only.
enum StoreFile {
    /// Refuses what cannot be a store, in plain words: a folder, a missing folder, an empty file, no file at all
    /// when only reading.
    static func check(_ path: String, access: SQLiteStore.Access) throws(TallyError) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw .cannotOpen("it is a folder; give the store's file, such as \(path)/tally.sqlite")
            }
            if info.st_size == 0 {
                throw .cannotOpen("the file is empty, not a Tally store; remove it, or choose another store")
            }
            return
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, stat(folder, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR {
            throw .cannotOpen("the folder \(folder) does not exist")
        }
        if access == .readOnly { throw .notFound(kind: "store", id: path) }
    }

    /// Creates the store's file, readable and writable by its owner only, when there is none.
    static func create(_ path: String) throws(TallyError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw .cannotOpen(String(cString: strerror(errno)))
        }
    }

    /// Whether SQLite may write beside the file (its -wal and -shm files) and to the file itself: the system
    /// allows it, and the file and its folder are not marked read-only (which the system ignores for its
    /// administrator).
    static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return [path, folder.isEmpty ? "." : folder].allSatisfy { item in
            var info = stat()
            return access(item, W_OK) == 0 && stat(item, &info) == 0 && (info.st_mode & 0o222) != 0
        }
    }

    /// SQLite's words for a file it cannot open, plainer where it is not a store at all.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            if error.resultCode.primaryResultCode == .SQLITE_NOTADB { return "it is not a Tally store" }
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return "\(error)"
    }
}
