import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// `tally list products|devices|people|entitlements`: the ids a user types in every other command.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the store's products, devices, people or entitlements, with their ids.",
        discussion: "Products show their status and shortfall in the latest saved position (`tally reconcile`).")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case products, devices, people, entitlements
    }

    @Argument(help: "What to list: products, devices, people or entitlements.")
    var kind: Kind

    @Option(name: .long, help: "Only those whose id, name (or host name, vendor, order...) contains this text.")
    var search: String?

    @Option(name: .long, help: "How many to show.")
    var limit = 50

    @Option(name: .long, help: "How many to skip first.")
    var offset = 0

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors {
            let operations = try store.reading()
            let page = PageRequest(offset: offset, limit: limit)
            let shown = Terminal.printable
            var table: TextTable
            var total = 0
            do throws(TallyError) {
                switch kind {
                case .products:
                    let found = try await operations.products(ProductQuery(search: search, page: page))
                    table = TextTable(["PRODUCT", "PUBLISHER", "NAME", "METRIC", "STATUS", "SHORTFALL"], right: [5])
                    for item in found.items {
                        let product = item.product
                        table.append([
                            shown(product.id.rawValue), shown(product.publisher ?? ""), shown(product.name ?? ""),
                            product.license.metric.rawValue, item.position?.status ?? "-",
                            item.position.map { String($0.shortfall) } ?? "-",
                        ])
                    }
                    total = found.total
                case .devices:
                    let found = try await operations.devices(RecordQuery(search: search, page: page))
                    table = TextTable(["DEVICE", "HOST NAME", "KIND", "HOST", "USER", "RETIRED"], right: [])
                    for device in found.items {
                        table.append([
                            shown(device.id.rawValue), shown(device.hostname ?? ""), device.kind.rawValue,
                            shown(device.host?.rawValue ?? ""), shown(device.user?.rawValue ?? ""),
                            device.retired?.description ?? "",
                        ])
                    }
                    total = found.total
                case .people:
                    let found = try await operations.people(RecordQuery(search: search, page: page))
                    table = TextTable(["PERSON", "NAME", "LOGIN", "DEPARTMENT", "RETIRED"], right: [])
                    for person in found.items {
                        table.append([
                            shown(person.id.rawValue), shown(person.name ?? ""), shown(person.login ?? ""),
                            shown(person.department?.rawValue ?? ""), person.retired?.description ?? "",
                        ])
                    }
                    total = found.total
                case .entitlements:
                    let found = try await operations.entitlements(EntitlementQuery(search: search, page: page))
                    table = TextTable(["ENTITLEMENT", "PRODUCT", "QUANTITY", "START", "END", "VENDOR"], right: [2])
                    for item in found.items {
                        table.append([
                            shown(item.id.rawValue), shown(item.product.rawValue),
                            item.unlimited ? "unlimited" : item.quantity.map(String.init) ?? "",
                            item.start?.description ?? "", item.end?.description ?? "", shown(item.vendor ?? ""),
                        ])
                    }
                    total = found.total
                }
            } catch {
                throw store.failure(error)
            }
            let first = total == 0 ? 0 : min(offset + 1, total)
            let last = min(offset + limit, total)
            Terminal.write(
                table.render() + "\(first)-\(last) of \(total) \(kind.rawValue)"
                    + (last < total ? "; --offset \(last) shows the next" : "") + ".\n")
        }
    }
}
