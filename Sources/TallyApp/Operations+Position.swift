import Dispatch
import TallyCore
import TallyStore

extension Operations {
    /// The license position of the store on `asOf` (today by default), computed off the caller's thread. `save`
    /// keeps it as a dated snapshot for `history`: a store that cannot take it now (busy, or read-only) still gives
    /// the position, and says why it was not kept.
    public func reconcile(asOf: Day? = nil, save: Bool) async throws(TallyError) -> SavedPosition {
        let day = asOf ?? today
        let (estate, installations, generation) = try await reading { reader in
            let (estate, installations) = try reader.estateForReconciling(asOf: day)
            return (estate, installations, try reader.generation())
        }
        guard !estate.products.isEmpty else { throw .conflict("the store holds no products yet") }
        let reconciliation = try await Self.reconcileOffThread(estate, installations: installations)
        guard save else { return SavedPosition(reconciliation: reconciliation, snapshot: nil, notSaved: nil) }
        let at = now
        do throws(TallyError) {
            let snapshot = try await writing { writer in
                try writer.insertSnapshot(reconciliation, takenAt: at, generation: generation, automatic: false)
            }
            return SavedPosition(reconciliation: reconciliation, snapshot: snapshot, notSaved: nil)
        } catch .unavailable(let reason) {
            return SavedPosition(reconciliation: reconciliation, snapshot: nil, notSaved: reason)
        }
    }

    /// Today's position of the store, without recomputing while nothing changed: a position computed at the
    /// store's current generation is kept in memory and reused; after a change the first read computes it again,
    /// and keeps its figures as the day's automatic snapshot (so that product lists, and every server sharing the
    /// store, show the current position without computing it).
    public func latestPosition() async throws(TallyError) -> Reconciliation {
        let day = today
        let generation = try await reading { try $0.generation() }
        if let cached = await positions.position(at: generation, on: day) { return cached }
        return try await positions.computing(at: generation, on: day) { () async throws(TallyError) in
            let (estate, installations, current, mark) = try await reading { reader in
                let (estate, installations) = try reader.estateForReconciling(asOf: day)
                return (estate, installations, try reader.generation(), try reader.latestSnapshot())
            }
            let reconciliation = try await Self.reconcileOffThread(estate, installations: installations)
            if mark?.generation != current || mark?.asOf != day {
                let at = now
                _ = try await writing { writer in
                    // Only when nothing changed meanwhile: a position of an older generation is not the latest. And
                    // once: another server sharing the store may have kept this very position already.
                    guard try writer.generation() == current else { return Int64(0) }
                    if let kept = try writer.latestSnapshot(), kept.generation == current, kept.asOf == day {
                        return kept.id
                    }
                    return try writer.insertSnapshot(reconciliation, takenAt: at, generation: current, automatic: true)
                }
            }
            return (reconciliation, current)
        }
    }

    /// How many times the latest position was computed since these operations began, and the seconds it took in all.
    public func positionComputations() async -> (count: Int, seconds: Double) {
        (await positions.computations, await positions.seconds)
    }

    /// Whether the latest snapshot is today's position at the store's current generation.
    public func positionIsCurrent() async throws(TallyError) -> Bool {
        let day = today
        return try await reading { reader in
            guard let mark = try reader.latestSnapshot() else { return false }
            return try mark.generation == reader.generation() && mark.asOf == day
        }
    }

    /// The snapshots kept, oldest first, with their totals, and one product's figures in each when asked.
    public func history(product: Product.ID? = nil) async throws(TallyError) -> [SnapshotSummary] {
        try await reading { try $0.snapshots(product: product) }
    }

    /// Reconciles on a thread of its own: the engine spreads its work over every core and waits for it, which must
    /// never hold a thread of the caller's (a web server's) pool.
    static func reconcileOffThread(
        _ estate: Estate, installations: InstallationTable? = nil
    ) async throws(TallyError)
        -> Reconciliation
    {
        try await offThread { () throws(EstateError) in try Reconciler.reconcile(estate, installations: installations) }
    }

    /// Runs engine work (which spreads over every core and waits for it) on a thread of its own, never one of the
    /// caller's (a web server's) pool.
    static func offThread<T: Sendable>(
        _ work: @escaping @Sendable () throws(EstateError) -> T
    ) async throws(TallyError) -> T {
        let result: Result<T, EstateError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(EstateError) in try work() })
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw TallyError(error)
        }
    }
}

/// A position computed from the store, and whether it was kept as a snapshot.
public struct SavedPosition: Sendable {
    public var reconciliation: Reconciliation
    /// The snapshot that keeps it; nil when it was not asked to be kept, or could not be.
    public var snapshot: Int64?
    /// Why it could not be kept (the store busy, or opened for reading only).
    public var notSaved: String?
}

/// The latest position computed, with the store generation and day it was computed at; one computation at a time,
/// which concurrent readers wait for rather than repeat.
actor PositionCache {
    private var latest: (position: Reconciliation, generation: Int64, day: Day)?
    private var running: Task<(Reconciliation, Int64), any Error>?
    /// How many positions were computed, and in how many seconds in all: for a server's metrics.
    private(set) var computations = 0
    private(set) var seconds = 0.0

    /// The kept position when it is of this generation and day.
    func position(at generation: Int64, on day: Day) -> Reconciliation? {
        guard let latest, latest.generation == generation, latest.day == day else { return nil }
        return latest.position
    }

    /// Computes the position (or waits for the computation already running) and keeps it.
    func computing(
        at generation: Int64, on day: Day,
        _ compute: @escaping @Sendable () async throws(TallyError) -> (Reconciliation, Int64)
    ) async throws(TallyError) -> Reconciliation {
        if let cached = position(at: generation, on: day) { return cached }
        let started = running == nil ? ContinuousClock.now : nil
        let task =
            running
            ?? Task { () async throws -> (Reconciliation, Int64) in try await compute() }
        running = task
        defer { running = nil }
        do {
            let (position, computedAt) = try await task.value
            latest = (position, computedAt, day)
            if let started {
                let took = ContinuousClock.now - started
                computations += 1
                seconds += Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
            }
            return position
        } catch let error as TallyError {
            throw error
        } catch {
            throw .failed("\(error)")
        }
    }
}
