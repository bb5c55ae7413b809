import TallyStore

/// A store whose transactions run on a SQL connection, reachable as such: what copying a whole store from one backend
/// to another needs (`StoreCopy`). The calls block the calling thread; call them off any thread pool that must not
/// wait.
public protocol SQLStore: Store {
    /// Runs `body` in a read transaction (a consistent view), or a write transaction committed when it returns and
    /// rolled back when it throws.
    func transaction<T>(writing: Bool, _ body: (any SQLConnection) throws -> T) throws -> T
}
