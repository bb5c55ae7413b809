import Testing

@testable import TallyCore

/// The synthetic inventory that `tally bench` normalizes: the same for a seed, with the mix it promises.
@Suite("Normalization benchmark inventory")
struct NormalizationBenchmarkTests {
    @Test("One seed makes one inventory; another seed another")
    func deterministic() {
        let first = NormalizationBenchmark.workload(records: 5_000, distinct: 1_000, seed: 3)
        let again = NormalizationBenchmark.workload(records: 5_000, distinct: 1_000, seed: 3)
        let other = NormalizationBenchmark.workload(records: 5_000, distinct: 1_000, seed: 4)
        #expect(first.distinct == again.distinct)
        #expect(first.records == again.records)
        #expect(first.distinct != other.distinct)
    }

    @Test("About 70% free and OS rows, 20% commercial, 10% unknown, each distinct row once, records repeating")
    func mix() {
        let workload = NormalizationBenchmark.workload(records: 100_000, distinct: 4_000, seed: 1)
        #expect(workload.distinct.count == 4_000)
        #expect(Set(workload.distinct).count == workload.distinct.count)
        #expect(workload.records.count == 100_000)
        #expect(Set(workload.records).count < workload.distinct.count, "popular rows repeat, rare ones may not appear")
        func share(_ kinds: Set<NormalizationBenchmark.Kind>) -> Double {
            Double(workload.records.filter { kinds.contains(workload.kinds[Int($0)]) }.count) / 100_000
        }
        #expect(abs(share([.free]) - 0.70) < 0.01)
        #expect(abs(share([.commercial, .component]) - 0.20) < 0.01)
        #expect(abs(share([.unknown]) - 0.10) < 0.01)
    }

    @Test("Templates fill their parts: choices, number ranges and named lists")
    func expand() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<50 {
            let text = NormalizationBenchmark.expand("Office {2016|2019} - {lang} build {10-12}", &rng)
            #expect(!text.contains("{"))
            #expect(text.hasPrefix("Office 2016 - ") || text.hasPrefix("Office 2019 - "))
            #expect(["10", "11", "12"].contains(String(text.suffix(2))))
        }
    }
}
