import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Terminal {
    /// Reads a whole file (`-`: standard input), or fails with a message that names it and the reason.
    static func readFile(_ path: String) throws(CommandError) -> [UInt8] {
        if path == "-" { return try readAll(STDIN_FILENO, named: "standard input") }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .file(path, reason: systemReason()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .file(path, reason: systemReason()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .file(path, reason: "is a folder, not a file") }
        return try readAll(descriptor, named: path, expected: Int(info.st_size))
    }

    private static func readAll(
        _ descriptor: Int32, named path: String, expected: Int = 0
    ) throws(CommandError)
        -> [UInt8]
    {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(expected + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .file(path, reason: systemReason())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// Writes a file whole (`-`: standard output). A file is replaced only once every byte is written, through a
    /// temporary file made exclusively, under an unpredictable name, beside the file (a link is written through to
    /// the file it names); a device or a pipe (`/dev/stdout`) is written to, never replaced.
    static func writeFile(_ path: String, _ produce: (([UInt8]) -> Void) -> Void) throws(CommandError) {
        if path == "-" {
            produce { writeAll($0, to: STDOUT_FILENO) }
            return
        }
        guard let target = try fileToReplace(path) else {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { throw .file(path, reason: systemReason()) }
            produce { writeAll($0, to: descriptor) }
            close(descriptor)
            return
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/.\(name).XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .file(path, reason: systemReason()) }
        let temporary = String(cString: template)
        var info = stat()
        // A file replaced keeps its permissions; a new one is its owner's only, as it may hold prices and names.
        _ = fchmod(descriptor, stat(target, &info) == 0 ? info.st_mode & 0o7777 : 0o600)
        var failed = false
        produce { bytes in
            guard !failed else { return }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes {
                    Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
                }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failed = true
                    return
                }
                offset += written
            }
        }
        if fsync(descriptor) != 0 || close(descriptor) != 0 { failed = true }
        guard !failed, rename(temporary, target) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw .file(path, reason: reason)
        }
    }

    /// Refuses a file to write that exists already, unless `replace` (`--force`) allows it; standard output (`-`),
    /// a device or a pipe are written to, never replaced, and pass.
    static func checkNewFile(_ path: String, replace: Bool) throws(CommandError) {
        guard path != "-", !replace else { return }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        // What a link names decides: /dev/stdout is a link to a device.
        if stat(path, &info) == 0, [S_IFCHR, S_IFIFO].contains(info.st_mode & S_IFMT) { return }
        throw .usage("\(path): exists already; give another --out, or --force to replace it")
    }

    /// The regular file a write to `path` replaces: `path`, or the file a link there names; nil for a device or a
    /// pipe, written to in place; refused where it is a folder, a socket or a link to nothing.
    private static func fileToReplace(_ path: String) throws(CommandError) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return path }
            throw .file(path, reason: systemReason())
        }
        var target = path
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw .file(path, reason: "is a link to nothing; give the file to write")
            }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &info) == 0 else { throw .file(path, reason: systemReason()) }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return target
        case S_IFCHR, S_IFIFO: return nil
        default:
            throw .file(
                path, reason: "is not a regular file, and is not replaced; give a file, or - for standard output")
        }
    }
}

extension Terminal {
    /// The first line of standard input, its line break dropped: a password given without showing it in the process
    /// list or the shell's history.
    static func readPassword() throws(CommandError) -> String {
        let bytes = try readFile("-")
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw .input("standard input", reason: "the password is not UTF-8 text")
        }
        return text
    }
}
