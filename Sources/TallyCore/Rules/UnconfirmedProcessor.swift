/// A processor that a vendor table does not list although a product counts by that table on it: its figure is the
/// table's assumption until the vendor confirms one.
public struct UnconfirmedProcessor: Sendable, Equatable {
    public let table: ProcessorTable.Name
    /// The processor model as the estate gives it (nil: none given).
    public let model: String?
    public let sockets: Int
    /// The figure assumed: the table's rule for processors it does not list.
    public let assumed: Double
    /// What the processor's family rows would give, where the table has some.
    public let likely: Double?
    /// The physical devices with it that the products count.
    public let devices: [Device.ID]
    public let products: [Product.ID]

    /// Every processor of `estate` that a table-rated product counts by an assumed row: the physical devices with an
    /// installation, the hosts of VMs with one, and under `cluster` the other hosts of their cluster.
    public static func find(in estate: Estate) -> [UnconfirmedProcessor] {
        let devices = Dictionary(estate.devices.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var clusterHosts: [String: [Device.ID]] = [:]
        for device in estate.devices where device.kind == .physical && device.counts(on: estate.asOf) {
            if let cluster = device.cluster { clusterHosts[cluster, default: []].append(device.id) }
        }
        let products = Dictionary(estate.products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        struct Key: Hashable {
            var table: ProcessorTable.Name
            var model: String?
            var sockets: Int
        }
        var found: [Key: (devices: Set<Device.ID>, products: Set<Product.ID>)] = [:]
        for installation in estate.installations where installation.isInstalled(on: estate.asOf) {
            guard let product = products[installation.product], let device = devices[installation.device],
                device.counts(on: estate.asOf)
            else { continue }
            let tables = [product.license.coreFactor, product.license.pvuPerCore].compactMap { rating in
                if case .table(let name) = rating { return name }
                return nil
            }
            guard !tables.isEmpty else { continue }
            var counted: [Device.ID] = [device.id]
            if device.kind == .virtual, let host = device.host {
                let cluster = devices[host]?.cluster
                counted =
                    product.license.virtualization == .cluster ? cluster.flatMap { clusterHosts[$0] } ?? [host] : [host]
            }
            for id in counted {
                guard let server = devices[id] else { continue }
                for table in tables {
                    let lookup = ProcessorTable.named(table).lookup(
                        model: server.processorModel, sockets: server.processors)
                    guard lookup.assumed else { continue }
                    let key = Key(table: table, model: server.processorModel, sockets: server.processors)
                    found[key, default: ([], [])].devices.insert(id)
                    found[key, default: ([], [])].products.insert(product.id)
                }
            }
        }
        return found.map { key, value in
            let lookup = ProcessorTable.named(key.table).lookup(model: key.model, sockets: key.sockets)
            return UnconfirmedProcessor(
                table: key.table, model: key.model, sockets: key.sockets, assumed: lookup.row.value,
                likely: lookup.likely?.value, devices: value.devices.sorted(), products: value.products.sorted())
        }.sorted { ($0.table.rawValue, $0.model ?? "", $0.sockets) < ($1.table.rawValue, $1.model ?? "", $1.sockets) }
    }
}
