/// A progress line on standard error, redrawn in place, shown only on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var last = -1

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// A phase that has no measure, such as reading a file.
    func say(_ text: String) {
        guard enabled else { return }
        Terminal.errorInPlace(text)
    }

    /// A bar for `done` of `total`, redrawn when the percentage changes.
    func update(_ done: Int, of total: Int, _ what: String) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != last else { return }
        last = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Terminal.errorInPlace("[\(bar)] \(percent)% \(what) (\(done) of \(total))")
    }

    /// Clears the line.
    func done() {
        guard enabled else { return }
        Terminal.errorInPlace("")
    }
}
