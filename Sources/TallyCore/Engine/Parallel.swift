import Dispatch
import Foundation

/// Work spread over the processor cores, for the parts of the engine that are independent item by item.
enum Parallel {
    /// `body(i)` for every `i` in `0..<count`, on up to `workers` threads, each with its own `State` (a cache);
    /// results come back in order. A failure stops its worker; the failure of the lowest `i` is thrown, so that the
    /// same input always reports the same problem.
    static func map<T, State>(
        count: Int, minimumPerWorker: Int = 1, state makeState: @Sendable () -> State,
        _ body: @Sendable (Int, inout State) throws(EstateError) -> T
    ) throws(EstateError) -> [T] {
        let workers = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumPerWorker)))
        let slots = Slots<T>(count: count, workers: workers)
        defer { slots.release() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var state = makeState()
            // Interleaved, so that a run of large items does not fall to one worker.
            for i in stride(from: worker, to: count, by: workers) {
                do throws(EstateError) {
                    slots.results[i] = try body(i, &state)
                } catch {
                    slots.failures[worker] = (i, error)
                    return
                }
            }
        }
        if let first = (0..<workers).compactMap({ slots.failures[$0] }).min(by: { $0.index < $1.index }) {
            throw first.error
        }
        return (0..<count).compactMap { slots.results[$0] }
    }

    /// Result slots that workers fill without locks: each slot is written by exactly one worker.
    private struct Slots<T>: @unchecked Sendable {
        let results: UnsafeMutablePointer<T?>
        let failures: UnsafeMutablePointer<(index: Int, error: EstateError)?>
        let count: Int
        let workers: Int

        init(count: Int, workers: Int) {
            self.count = count
            self.workers = workers
            results = .allocate(capacity: max(1, count))
            results.initialize(repeating: nil, count: count)
            failures = .allocate(capacity: workers)
            failures.initialize(repeating: nil, count: workers)
        }

        func release() {
            results.deinitialize(count: count)
            results.deallocate()
            failures.deinitialize(count: workers)
            failures.deallocate()
        }
    }
}
