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

        @Option(name: .long, help: "table or json.")
        var format: OutputFormat = .table

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard format != .csv else { throw ValidationError("--format is table or json") }
        }

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
                if format == .json {
                    // Every title, removed ones too: scripts check recognition over a device's whole history.
                    Terminal.write(Self.json(sightings))
                    return
                }
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

        /// Every title as JSON: what the source reported, what the catalog made of it and why, and when.
        static func json(_ sightings: [SoftwareSighting]) -> String {
            let items = sightings.map { item -> String in
                let outcome = item.outcome == "unrecognized" ? "unrecognised" : item.outcome
                return "  "
                    + JSONWriter.object([
                        "name": .string(item.name), "publisher": .string(item.publisher),
                        "version": .string(item.version), "source": .string(item.source),
                        "outcome": .string(outcome), "product": .string(item.product?.rawValue),
                        "cleanVersion": .string(item.cleanVersion), "reason": .string(item.reason),
                        "firstSeen": .string(item.firstSeen.description),
                        "lastSeen": .string(item.lastSeen.description),
                        "removed": .string(item.removed?.description),
                    ])
            }
            return "{\"software\": [" + (items.isEmpty ? "" : "\n" + items.joined(separator: ",\n") + "\n") + "]}\n"
        }
    }
}
