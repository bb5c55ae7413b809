import Dispatch

/// Work started on another thread now and waited for when its value is needed: an import's estate digest is summed
/// while its rows are written.
final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// The work's value, once it has finished.
    var value: Value {
        done.wait()
        done.signal()
        // The semaphore orders the write before this read.
        return result!
    }
}
