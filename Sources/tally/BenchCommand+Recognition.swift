import Foundation
import TallyCore
import TallyFormats

extension BenchCommand {
    /// The built-in catalog over labelled inventories: recall of commercial titles, the share of free and system
    /// titles set aside, and false products, with the titles behind each shortfall.
    func benchRecognition(_ folder: String) throws {
        let catalog: Catalog
        do throws(FormatError) {
            catalog = try CatalogFile.builtin()
        } catch {
            throw CommandError.input("the built-in catalog", reason: error.description)
        }
        let labels = folder + "/labels.csv"
        let labelBytes = try Terminal.readFile(labels)
        let bench: RecognitionBenchmark
        do throws(FormatError) {
            bench = try RecognitionBenchmark(
                labels: labelBytes, normalizer: Normalizer(catalog: catalog),
                read: { file throws(FormatError) in
                    do throws(CommandError) {
                        return try Terminal.readFile(folder + "/" + file)
                    } catch {
                        throw .field(path: file, reason: "cannot be read (\(error.description))")
                    }
                })
        } catch {
            throw CommandError.input(labels, reason: error.description)
        }
        let commercial = bench.count(.commercial), free = bench.count(.free), system = bench.count(.system)
        let probably = bench.missed.filter {
            catalog.publishers.publisher(of: $0.title.title.publisher)?.kind == .commercial
        }
        var lines = [
            "catalog: \(catalog.products.count) products from \(Set(catalog.products.map(\.publisher)).count) "
                + "publishers, \(catalog.rules.count) rules; publisher table: \(catalog.publishers.publishers.count) "
                + "publishers",
            "labelled titles: \(bench.outcomes.count) (\(commercial.titles) commercial, \(free.titles) free, "
                + "\(system.titles) system) in \(Set(bench.outcomes.map(\.title.file)).count) inventories",
            "recall of commercial titles: \(percent(bench.recall)) (\(commercial.products) of \(commercial.titles); "
                + "of the rest \(probably.count) listed first as probably licensable)",
            "free and system titles set aside: \(percent(bench.setAside)) (\(free.ignored + system.ignored) of "
                + "\(free.titles + system.titles))",
            "false products (free or system titles made products): \(bench.falseProducts.count)",
            "commercial titles made another product than labelled: \(bench.wrongProducts.count)",
        ]
        if !bench.unlabelled.isEmpty || !bench.unmatched.isEmpty {
            lines.append(
                "labels out of date: \(bench.unlabelled.count) rows without a label, \(bench.unmatched.count) labels "
                    + "no row matches")
        }
        if listMisses {
            func list(_ heading: String, _ items: [String]) {
                guard !items.isEmpty else { return }
                lines.append(heading + ":")
                lines += items.map { "  " + $0 }
            }
            func describe(_ outcome: RecognitionBenchmark.Outcome) -> String {
                let made: String
                switch outcome.normalization {
                case .product(let id, let version): made = id.rawValue + (version.map { " \($0)" } ?? "")
                case .ignored(let rule): made = "ignored by \(rule)"
                case .unrecognized: made = "unrecognised"
                }
                return "\(outcome.title.file): \(RecognitionBenchmark.describe(outcome.title.title)) -> \(made)"
            }
            list("commercial titles not made products", bench.missed.map(describe))
            list("false products", bench.falseProducts.map(describe))
            list(
                "made another product than labelled",
                bench.wrongProducts.map { describe($0) + " (labelled \($0.title.product?.rawValue ?? ""))" })
            list("free and system titles left unrecognised", bench.notSetAside.map(describe))
            list("rows without a label", bench.unlabelled)
            list("labels no row matches", bench.unmatched)
        }
        Terminal.write(lines.joined(separator: "\n") + "\n")
    }

    private func percent(_ share: Double) -> String {
        String(format: "%.1f %%", share * 100)
    }
}
