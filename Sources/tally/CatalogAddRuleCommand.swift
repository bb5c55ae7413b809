import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

extension CatalogCommand {
    /// Adds one rule to the license manager's own catalog.
    struct AddRule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-rule",
            abstract: "Add a rule to your own catalog (read before the built-in one); `tally catalog apply` uses it.",
            discussion: "Patterns match whole names, ignoring case: * is any text, ? one character, {year} a year "
                + "and {version} a version, which --version can write (\"{year}\"). Give what the rows are: "
                + "--product, --ignore or --component-of.")

        @Option(name: .long, help: "A pattern the raw name must match (repeat for several).")
        var name: [String]

        @Option(name: .long, help: "A pattern the publisher must match (repeat for several; any when none).")
        var publisher: [String] = []

        @Option(name: .customLong("raw-version"), help: "A pattern the raw version must match.")
        var rawVersion: String?

        @Option(name: .long, help: "The product the rows are installations of.")
        var product: String?

        @Option(name: .customLong("product-name"), help: "The product's name, when it is new.")
        var productName: String?

        @Option(name: .customLong("product-publisher"), help: "The product's publisher, when it is new.")
        var productPublisher: String?

        @Option(name: .long, help: "The clean version to keep, from the pattern's parts (\"{year}\").")
        var version: String?

        @Option(name: .long, help: "Rows to leave out: free, os, driver, runtime or update.")
        var ignore: String?

        @Option(name: .customLong("component-of"), help: "Rows that are parts of this suite (language packs…).")
        var componentOf: String?

        @Option(name: .long, help: "The rule's id (default: own-N).")
        var id: String?

        @Option(name: .long, help: "Why the rule is there.")
        var note: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func validate() throws {
            guard !name.isEmpty else { throw ValidationError("Give at least one --name pattern.") }
            guard [product, ignore, componentOf].compactMap({ $0 }).count == 1 else {
                throw ValidationError("Give one of --product, --ignore or --component-of.")
            }
        }

        func run() async throws {
            var request = CatalogRuleRequest(names: name)
            request.publishers = publisher
            request.rawVersion = rawVersion
            request.product = product
            request.productName = productName
            request.productPublisher = productPublisher
            request.version = version
            request.ignore = ignore
            request.componentOf = componentOf
            request.id = id
            request.note = note
            var added: String?
            try await reportingErrors {
                let operations = try store.operations()
                do throws(TallyError) {
                    added = try await operations.addCatalogRule(request, by: who.caller)
                } catch .invalid(let path, _) where path == "product" {
                    return
                } catch .invalid(let path, let reason) where path == "the rule" {
                    throw CommandError.input(path, reason: reason)
                } catch {
                    throw store.failure(error)
                }
            }
            guard let added else {
                throw ValidationError(
                    "\(product ?? "") is a new product: give its --product-name and --product-publisher.")
            }
            Terminal.write("Added rule \(added). Run `tally catalog apply` to read the stored inventory with it.\n")
        }
    }
}
