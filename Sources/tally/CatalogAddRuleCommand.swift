import ArgumentParser
import TallyCore
import TallyFormats
import TallyStore

extension CatalogCommand {
    /// Adds one rule to the license manager's own catalog.
    struct AddRule: ParsableCommand {
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

        func validate() throws {
            guard !name.isEmpty else { throw ValidationError("Give at least one --name pattern.") }
            guard [product, ignore, componentOf].compactMap({ $0 }).count == 1 else {
                throw ValidationError("Give one of --product, --ignore or --component-of.")
            }
        }

        func run() throws {
            try reportingErrors {
                let opened = try store.open()
                let own = try CatalogOptions.ownCatalog(of: opened, store)
                let ruleID = id ?? "own-\(own.rules.count + 1)"
                var products: [String] = []
                if let product, own.product(Product.ID(product)) == nil,
                    (try? CatalogFile.builtin())?.product(Product.ID(product)) == nil
                {
                    // A product the store already holds keeps its id: inventory titles then count for it, instead
                    // of making a second product of the same software.
                    let stored = try store.loadEstate(from: opened, asOf: Terminal.today).products.first {
                        $0.id.rawValue == product
                    }
                    guard let name = productName ?? stored?.name ?? stored.map({ _ in product }),
                        let maker = productPublisher ?? stored?.publisher ?? stored.map({ _ in "" })
                    else {
                        throw ValidationError(
                            "\(product) is a new product: give its --product-name and --product-publisher.")
                    }
                    products.append(
                        "{\"id\": \(quoted(product)), \"publisher\": \(quoted(maker)), \"name\": \(quoted(name))}")
                }
                var fields = ["\"id\": \(quoted(ruleID))", "\"name\": [\(name.map(quoted).joined(separator: ", "))]"]
                if !publisher.isEmpty {
                    fields.append("\"publisher\": [\(publisher.map(quoted).joined(separator: ", "))]")
                }
                if let rawVersion { fields.append("\"rawVersion\": \(quoted(rawVersion))") }
                if let product { fields.append("\"product\": \(quoted(product))") }
                if let version { fields.append("\"version\": \(quoted(version))") }
                if let ignore { fields.append("\"ignore\": \(quoted(ignore))") }
                if let componentOf { fields.append("\"componentOf\": \(quoted(componentOf))") }
                if let note { fields.append("\"note\": \(quoted(note))") }
                let document =
                    "{\"format\": \"\(CatalogFile.formatTag)\", \"products\": [\(products.joined(separator: ", "))], "
                    + "\"rules\": [{\(fields.joined(separator: ", "))}]}"
                let rule: Catalog
                do throws(FormatError) {
                    rule = try CatalogFile.decode(Array(document.utf8))
                } catch {
                    throw CommandError.input(
                        "the rule", reason: error.description.replacingOccurrences(of: "rules[0].", with: ""))
                }
                let combined: Catalog
                do {
                    combined = try Catalog(products: own.products + rule.products, rules: own.rules + rule.rules)
                } catch {
                    throw CommandError.input("the rule", reason: "\(error)")
                }
                do throws(StoreError) {
                    try opened.saveOwnCatalog(
                        String(decoding: CatalogFile.encode(combined), as: UTF8.self), change: ruleID, actor: store.who,
                        at: now)
                } catch {
                    throw CommandError.store(error, store)
                }
                Terminal.write(
                    "Added rule \(ruleID). Run `tally catalog apply` to read the stored inventory with it.\n")
            }
        }

        private func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }
}
