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
        subcommands: [Apply.self, Unrecognized.self, Accept.self, AddRule.self])

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
            abstract: "List raw names no rule recognises: probably licensable ones first, then by devices.",
            discussion: "A title whose publisher sells commercial software is probably licensable: it comes first, "
                + "with the product it probably is (`tally catalog accept ID` makes it one).",
            aliases: ["unrecognised"])

        @Option(name: .long, help: "How many to list.")
        var limit = 50

        @Option(name: .long, help: "table, json or csv.")
        var format: OutputFormat = .table

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let titles: [ReviewTitle]
                let operations = try store.reading()
                do throws(TallyError) {
                    titles = try await operations.unrecognizedTitles(limit: limit)
                } catch {
                    throw store.failure(error)
                }
                let rows = titles
                switch format {
                case .table: Terminal.write(CatalogOutput.table(rows))
                case .json: Terminal.write(CatalogOutput.json(rows))
                case .csv: Terminal.write(CatalogOutput.csv(rows))
                }
            }
        }
    }

    /// One command from the review queue's suggestion to a product.
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a probably licensable title the product the review queue suggests, and apply it.",
            discussion: "Adds a rule to your own catalog for the titles with that suggestion (their names without "
                + "version, of the publisher's raw names), then reads every stored raw title again.")

        @Argument(help: "The suggested product id `tally catalog unrecognized` lists.")
        var product: String

        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.operations()
                do throws(TallyError) {
                    let accepted = try await operations.acceptSuggestion(Product.ID(product), by: who.caller)
                    let applied = accepted.applied
                    Terminal.write(
                        "Rule \(accepted.rule) added: \(accepted.suggestion.name) (\(accepted.suggestion.publisher)) is "
                            + "product \(product). Read \(applied.titles) raw titles: \(applied.changed) read otherwise "
                            + "than before; installations from inventories \(applied.installationsBefore) before, "
                            + "\(applied.installationsAfter) now.\n")
                } catch .notFound {
                    throw CommandError.input(
                        product,
                        reason: "no title of the review queue has this suggested product; "
                            + "`tally catalog unrecognized` lists the suggestions")
                } catch {
                    throw store.failure(error)
                }
            }
        }
    }
}
