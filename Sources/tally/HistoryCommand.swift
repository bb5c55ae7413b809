import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// `tally history`: the positions kept by `tally reconcile`, over time.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the saved positions with their exposure and shortfall over time.")

    @Argument(help: "Only this product's figures.")
    var product: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let snapshots: [SnapshotSummary]
            let operations = try store.reading()
            do throws(TallyError) {
                snapshots = try await operations.history(product: product.map { Product.ID($0) })
            } catch {
                throw store.failure(error)
            }
            guard !snapshots.isEmpty else {
                Terminal.write("No positions saved yet: `tally reconcile` saves one each time it runs on the store.\n")
                return
            }
            var lines: [String]
            if let product {
                lines = [
                    "SNAPSHOT  AS OF       TAKEN AT              STATUS     DEMAND  COVERED  SHORTFALL       EXPOSURE"
                ]
                for snapshot in snapshots {
                    guard let position = snapshot.position else {
                        lines.append(
                            "\(String(snapshot.id).leftPadded(to: 8))  \(snapshot.asOf)  \(snapshot.takenAt)  "
                                + "(no position for \(product))")
                        continue
                    }
                    lines.append(
                        "\(String(snapshot.id).leftPadded(to: 8))  \(snapshot.asOf)  \(snapshot.takenAt)  "
                            + position.status.padding(toLength: 9, withPad: " ", startingAt: 0)
                            + String(position.demand).leftPadded(to: 8) + String(position.covered).leftPadded(to: 9)
                            + String(position.shortfall).leftPadded(to: 11)
                            + (position.exposure.map(PositionTable.money) ?? "unknown").leftPadded(to: 15))
                }
            } else {
                lines = [Self.totals(snapshots)]
            }
            Terminal.write(lines.joined(separator: "\n") + "\n")
        }
    }

    /// The totals of each snapshot: products under, units short per metric (units of different metrics are never
    /// added), exposure and surplus value.
    static func totals(_ snapshots: [SnapshotSummary]) -> String {
        let metrics = License.Metric.allCases.filter { metric in snapshots.contains { $0.shortfalls[metric] != nil } }
        let header =
            ["SNAPSHOT", "AS OF", "TAKEN AT", "UNDER"] + metrics.map { "SHORT (\($0.rawValue.uppercased()))" }
            + ["EXPOSURE", "SURPLUS VALUE"]
        var table = TextTable(header, right: Set([0, 3]).union(4..<header.count))
        for snapshot in snapshots {
            let figures =
                [String(snapshot.id), snapshot.asOf.description, snapshot.takenAt.description]
                + [String(snapshot.productsUnder)] + metrics.map { PositionTable.grouped(snapshot.shortfalls[$0] ?? 0) }
            table.append(
                figures + [PositionTable.money(snapshot.exposure), PositionTable.money(snapshot.surplusValue)])
        }
        return table.render().trimmingCharacters(in: .newlines)
    }
}
