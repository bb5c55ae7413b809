import Foundation
import TallyCore

/// A value handed once to a store transaction, and let go by it: the transaction's closure would otherwise hold a
/// large decoded file for as long as the closure lives.
final class Taken<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    init(_ value: consuming Value) { self.value = value }

    /// The value; a second call finds it gone.
    func take() throws(TallyError) -> Value {
        lock.lock()
        defer { lock.unlock() }
        guard let taken = value.take() else { throw .failed("the change was attempted twice; nothing was written") }
        return taken
    }
}
