import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// `tally catalog apply|unrecognized|add-rule`: how raw inventory names become products.
struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Recognise products in raw inventory names: review what is unknown, add rules, apply them.",
        discussion: "Your own rules (added with add-rule) are read before the built-in catalog of commercial "
            + "titles and free and system software; the first rule that matches decides. docs/catalog.md describes "
            + "rules and patterns.",
        subcommands: [Apply.self, Unrecognized.self, AddRule.self])

    /// Reads every stored raw title with the catalog again.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read every stored raw title with the catalog again, and derive the installations afresh.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let summary: CatalogSummary
                let operations = try store.operations()
                do throws(TallyError) {
                    summary = try await operations.applyCatalog(by: who.caller)
                } catch {
                    throw store.failure(error)
                }
                Terminal.write(
                    "Read \(summary.titles) raw titles: \(summary.changed) read otherwise than before; "
                        + "\(summary.productsAdded) new products; installations from inventories "
                        + "\(summary.installationsBefore) before, \(summary.installationsAfter) now.\n")
            }
        }
    }

    /// The review queue.
    struct Unrecognized: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List raw names no rule recognises, by the number of devices that have them.",
            aliases: ["unrecognised"])

        @Option(name: .long, help: "How many to list.")
        var limit = 50

        @Option(name: .long, help: "table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let titles: [UnrecognizedTitle]
                let operations = try store.reading()
                do throws(TallyError) {
                    titles = try await operations.unrecognizedTitles(limit: limit)
                } catch {
                    throw store.failure(error)
                }
                let rows = titles.map { ($0.publisher, $0.name, $0.versions, $0.devices) }
                switch format {
                case .table: Terminal.write(CatalogOutput.table(rows))
                case .json: Terminal.write(CatalogOutput.json(rows))
                case .csv: Terminal.write(CatalogOutput.csv(rows))
                }
            }
        }
    }
}
