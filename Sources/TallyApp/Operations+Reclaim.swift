import TallyCore
import TallyFormats
import TallyStore

/// What a reclaim report answers: the days of disuse, and one product or all.
struct ReclaimQuestion: Hashable, Sendable {
    var unusedDays: Int
    var product: Product.ID?
}

/// Reclaiming licenses: what can be taken back today, and recording what was.
extension Operations {
    /// The most days of disuse a reclaim looks back: ten years.
    public static let reclaimWindowLimit = 3_650

    /// What can be taken back on `asOf` (today by default): installations unused for `unusedDays`, on devices unseen
    /// as long, or held by people who left; the licenses it frees and the position once reclaimed. `product` keeps
    /// one product.
    public func reclaim(
        unusedDays: Int, product: Product.ID? = nil, asOf: Day? = nil
    ) async throws(TallyError) -> ReclaimReport {
        guard (1...Self.reclaimWindowLimit).contains(unusedDays) else {
            throw .invalid(path: "unused", reason: "must be from 1 to \(Self.reclaimWindowLimit) days")
        }
        let day = asOf ?? today
        let question = ReclaimQuestion(unusedDays: unusedDays, product: product)
        let generation = try await reading { try $0.generation() }
        if let kept = await reclaims.answer(question, generation: generation, day: day) { return kept }
        let (estate, marks) = try await reading { reader in (try reader.estate(asOf: day), try reader.reclaimMarks()) }
        guard !estate.products.isEmpty else { throw .conflict("the store holds no products yet") }
        if let product, !estate.products.contains(where: { $0.id == product }) {
            throw .notFound(kind: "product", id: product.rawValue)
        }
        // Today's position is kept already; another day's is computed.
        let current: Reconciliation? = asOf == nil || asOf == today ? try await latestPosition() : nil
        let report = try await Self.offThread { () throws(EstateError) in
            let position: Reconciliation
            if let current { position = current } else { position = try Reconciler.reconcile(estate) }
            return try Reclaimer.report(
                estate, position: position, unusedDays: unusedDays, product: product, marks: marks)
        }
        await reclaims.keep(report, for: question, generation: generation, day: day)
        return report
    }

    /// Records that `product` was taken back from `device` on `day` (today by default), as one audited change, and
    /// returns the record.
    @discardableResult
    public func markReclaimed(
        device: Device.ID, product: Product.ID, on day: Day? = nil, note: String? = nil, by caller: Caller
    ) async throws(TallyError) -> ReclaimMark {
        let mark = ReclaimMark(device: device, product: product, day: day ?? today, actor: caller.name, note: note)
        if let note, note.count > 2_000 {
            throw TallyError.invalid(path: "note", reason: "must be at most 2,000 characters")
        }
        return try await editReturning(by: caller) { writer in
            _ = try Self.existing(try writer.device(device), "device", device.rawValue)
            _ = try Self.existing(try writer.product(product), "product", product.rawValue)
            try writer.insert(mark)
            var after: [(key: String, value: JSONValue)] = [
                ("device", .string(device.rawValue)), ("product", .string(product.rawValue)),
                ("day", .string(mark.day.description)),
            ]
            if let note { after.append(("note", .string(note))) }
            return (
                AuditChange(
                    entity: "reclaim", id: "\(device)/\(product)", action: "mark", before: nil,
                    after: JSONWriter.object(after)),
                { @Sendable (_: inout EstateDigest) in }, mark
            )
        }
    }
}
