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

    /// Text with its control characters escaped (`\n`, `\u{1B}`): what a user or a file gave, printed so that it
    /// cannot forge a line or drive the terminal.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar): out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
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
