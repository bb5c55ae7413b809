import ArgumentParser
import TallyCore
import TallyFormats
import TallyStore

/// `tally history`: the positions kept by `tally reconcile`, over time.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the saved positions with their exposure and shortfall over time.")

    @Argument(help: "Only this product's figures.")
    var product: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let opened = try store.open()
            let snapshots: [SnapshotSummary]
            do throws(StoreError) {
                snapshots = try opened.fetchSnapshots(product: product.map { Product.ID($0) })
            } catch {
                throw CommandError.store(error, store)
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
                lines = ["SNAPSHOT  AS OF       TAKEN AT              SHORTFALL        EXPOSURE   SURPLUS VALUE"]
                for snapshot in snapshots {
                    lines.append(
                        "\(String(snapshot.id).leftPadded(to: 8))  \(snapshot.asOf)  \(snapshot.takenAt)  "
                            + String(snapshot.shortfall).leftPadded(to: 9)
                            + PositionTable.money(snapshot.exposure).leftPadded(to: 16)
                            + PositionTable.money(snapshot.surplusValue).leftPadded(to: 16))
                }
            }
            Terminal.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
