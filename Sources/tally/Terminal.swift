import Foundation
import TallyCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line's contact with the outside: files, standard streams, the clock.
enum Terminal {
    /// Writes bytes to standard output.
    static func write(_ bytes: [UInt8]) {
        writeAll(bytes, to: STDOUT_FILENO)
    }

    static func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Writes one line to standard error.
    static func error(_ text: String) {
        writeAll(Array((text + "\n").utf8), to: STDERR_FILENO)
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                // A closed pipe (`tally ... | head`) ends the output; there is no one left to tell.
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Whether standard error is a terminal (progress is shown only there).
    static var standardErrorIsTerminal: Bool {
        isatty(STDERR_FILENO) != 0
    }

    /// Replaces the current line of standard error with `text`.
    static func errorInPlace(_ text: String) {
        writeAll(Array(("\r\u{1B}[2K" + text).utf8), to: STDERR_FILENO)
    }

    /// Whether standard output is a terminal that wants colour (`NO_COLOR` turns it off).
    static var wantsColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Today in UTC.
    static var today: Day {
        Day(daysSinceEpoch: Int32((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The most memory this process has held (resident), in bytes, where the system tells.
    static var peakMemory: Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
