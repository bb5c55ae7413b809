/// A synthetic inventory for measuring normalization, made from a seed: distinct raw rows such as inventory tools
/// report them (about 70% operating-system packages and free software, 20% commercial titles and their suite parts,
/// 10% software no catalog knows), and a long list of rows drawn from them with the skew of a real estate, where the
/// same rows repeat across thousands of devices.
///
/// It makes data and counts answers; the caller measures the time (`tally bench`, or a release-built executable).
public enum NormalizationBenchmark {
    /// What a distinct row was made as, and so what the built-in catalog should make of it.
    public enum Kind: Sendable, CaseIterable {
        /// A commercial title: a product.
        case commercial
        /// A part of a commercial suite (an update, a language pack): ignored, counted through the suite.
        case component
        /// An operating-system package, driver, runtime or free program: ignored.
        case free
        /// Software of a vendor no catalog knows: unrecognized.
        case unknown
    }

    /// The distinct rows, what each was made as, and the rows of the inventory as positions in `distinct`.
    public struct Workload: Sendable {
        public let distinct: [SoftwareTitle]
        public let kinds: [Kind]
        public let records: [Int32]
    }

    /// How many rows became products, were ignored, or were left unrecognized.
    public struct Counts: Hashable, Sendable {
        public var products = 0
        public var ignored = 0
        public var unrecognized = 0

        /// No answers counted yet.
        public init() {}

        /// Counts one answer.
        public mutating func add(_ normalization: Normalization) {
            switch normalization {
            case .product: products += 1
            case .ignored: ignored += 1
            case .unrecognized: unrecognized += 1
            }
        }
    }

    /// The share of distinct rows and of records of each kind.
    static let shares: [(kind: Kind, share: Double)] = [
        (.free, 0.70), (.commercial, 0.17), (.component, 0.03), (.unknown, 0.10),
    ]

    /// `records` rows drawn from about `distinct` distinct ones, every choice following from `seed`.
    public static func workload(records: Int = 5_000_000, distinct: Int = 20_000, seed: UInt64 = 1) -> Workload {
        var rng = SeededGenerator(seed: seed)
        var rows: [SoftwareTitle] = []
        var kinds: [Kind] = []
        var ranges: [Kind: Range<Int>] = [:]
        var seen = Set<SoftwareTitle>()
        for (kind, share) in shares {
            let start = rows.count
            let target = max(1, Int((Double(max(1, distinct)) * share).rounded()))
            let templates = titles(of: kind)
            var attempts = 0
            while rows.count - start < target, attempts < target * 50 {
                attempts += 1
                let template = rng.pick(templates)
                let row = SoftwareTitle(
                    publisher: template.publisher.isEmpty ? nil : expand(template.publisher, &rng),
                    name: expand(template.name, &rng), version: expand(template.version, &rng))
                guard seen.insert(row).inserted else { continue }
                rows.append(row)
                kinds.append(kind)
            }
            ranges[kind] = start..<rows.count
        }
        // Rows repeat with a skew: the first rows of each kind are on almost every device, the last on a few.
        let draws = shares.map { (share: $0.share, range: ranges[$0.kind] ?? 0..<0) }
        var drawn: [Int32] = []
        drawn.reserveCapacity(max(0, records))
        for _ in 0..<max(0, records) {
            var roll = rng.unit()
            var range = 0..<0
            for draw in draws {
                range = draw.range
                if roll < draw.share { break }
                roll -= draw.share
            }
            guard !range.isEmpty else { continue }
            let skewed = rng.unit() * rng.unit() * rng.unit()
            drawn.append(Int32(range.lowerBound + min(range.count - 1, Int(skewed * Double(range.count)))))
        }
        return Workload(distinct: rows, kinds: kinds, records: drawn)
    }

    /// Normalizes every record in order, with the normalizer's memory: the path an import takes.
    public static func normalize(_ workload: Workload, with normalizer: inout Normalizer) -> Counts {
        var tally = Counts()
        workload.distinct.withUnsafeBufferPointer { rows in
            for record in workload.records {
                let row = rows[Int(record)]
                tally.add(normalizer.normalize(publisher: row.publisher, name: row.name, version: row.version))
            }
        }
        return tally
    }

    /// Works out every distinct row once from the rules, without the memory: what a row costs the first time.
    public static func evaluateDistinct(_ workload: Workload, with normalizer: Normalizer) -> Counts {
        var tally = Counts()
        for row in workload.distinct {
            tally.add(normalizer.evaluate(publisher: row.publisher, name: row.name, version: row.version))
        }
        return tally
    }

    /// A template with its `{...}` parts filled in: `{a|b|c}` picks one, `{10-99}` a number in the range, and a
    /// name (`{lang}`) one entry of that list.
    static func expand(_ template: String, _ rng: inout SeededGenerator) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += part(rest[rest.index(after: open)..<close], &rng)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func part(_ token: Substring, _ rng: inout SeededGenerator) -> String {
        if token.contains("|") { return String(rng.pick(token.split(separator: "|"))) }
        let bounds = token.split(separator: "-")
        if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]), low <= high {
            return String(rng.within(low...high))
        }
        return rng.pick(lists[String(token)] ?? [String(token)])
    }
}
