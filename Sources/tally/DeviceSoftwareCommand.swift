import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

extension DeviceCommand {
    /// The raw evidence of a device: what each source saw, what the catalog made of it, and what was uninstalled.
    struct Software: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the software inventories saw on a device: as reported, as recognised, and when.",
            discussion: "Software a source no longer reports is listed as removed on the day it disappeared.")

        @Argument(help: "The device's id.")
        var id: String

        @Flag(name: .long, help: "Also list what was removed.")
        var all = false

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let sightings: [SoftwareSighting]
                let operations = try store.reading()
                do throws(TallyError) {
                    sightings = try await operations.deviceSoftware(Device.ID(id))
                } catch .notFound {
                    throw CommandError.input(
                        store.path, reason: "no inventory has reported software on device \"\(id)\"")
                } catch {
                    throw store.failure(error)
                }
                let shown = all ? sightings : sightings.filter { $0.removed == nil }
                var table = TextTable(
                    ["NAME", "VERSION", "PUBLISHER", "SOURCE", "RECOGNISED AS", "FIRST SEEN", "LAST SEEN", "REMOVED"],
                    right: [])
                for item in shown {
                    let recognised: String
                    switch item.outcome {
                    case "product":
                        recognised = (item.product?.rawValue ?? "") + (item.cleanVersion.map { " " + $0 } ?? "")
                    case "ignored":
                        recognised = "ignored (\(item.rule ?? "a rule"))"
                    default:
                        recognised = "unrecognised"
                    }
                    table.append([
                        item.name, item.version ?? "", item.publisher ?? "", item.source, recognised,
                        item.firstSeen.description, item.lastSeen.description, item.removed?.description ?? "",
                    ])
                }
                let removed = sightings.count - sightings.filter { $0.removed == nil }.count
                Terminal.write(
                    table.render()
                        + (all || removed == 0 ? "" : "\(removed) removed earlier; --all lists them too.\n"))
            }
        }
    }
}
