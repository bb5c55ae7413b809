import ArgumentParser
import TallyApp
import TallyCore
import TallyFormats

extension ProductCommand {
    /// `tally product check`: license models no publisher uses, with the template to use.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Flag license models that no publisher uses, with the rule template to use instead.",
            discussion: "Oracle Enterprise products counted by sockets or by VM, Named User Plus without its "
                + "minimums, Microsoft server products without their core minimums or virtualization rights, PVU "
                + "without IBM's table. Set a template with `tally product edit ID --rule NAME`.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let findings: [LicenseFinding]
                let operations = try store.reading()
                do throws(TallyError) {
                    findings = try await operations.licenseModelFindings()
                } catch {
                    throw store.failure(error)
                }
                guard !findings.isEmpty else {
                    Terminal.write("Every product's license model is one its publisher uses.\n")
                    return
                }
                var table = TextTable(["PRODUCT", "FINDING", "USE"], right: [])
                for finding in findings {
                    table.append([finding.product.rawValue, finding.problem, "--rule " + finding.rule.rawValue])
                }
                Terminal.write(table.render())
            }
        }
    }

    /// `tally product processors`: processors the vendor tables do not list, whose figures are assumed.
    struct Processors: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List processors a vendor table does not list although a product counts by it on them.",
            discussion: "Their core factor or PVU rating is the table's rule for unlisted processors, an "
                + "assumption: confirm the figure with the publisher, or correct the device's processor model.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let found: [UnconfirmedProcessor]
                let operations = try store.reading()
                do throws(TallyError) {
                    found = try await operations.unconfirmedProcessors()
                } catch {
                    throw store.failure(error)
                }
                guard !found.isEmpty else {
                    Terminal.write("Every processor the products count is listed in its vendor table.\n")
                    return
                }
                var table = TextTable(
                    ["TABLE", "PROCESSOR", "SOCKETS", "ASSUMED", "LIKELY", "DEVICES", "PRODUCTS"], right: [2, 3, 4])
                for item in found {
                    table.append([
                        item.table.rawValue, item.model ?? "(no model)", String(item.sockets),
                        Self.number(item.assumed), item.likely.map(Self.number) ?? "-",
                        Self.list(item.devices.map(\.rawValue)), Self.list(item.products.map(\.rawValue)),
                    ])
                }
                Terminal.write(table.render())
            }
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }

        /// The first few of a list, and how many more.
        static func list(_ items: [String]) -> String {
            items.count <= 3
                ? items.joined(separator: ", ")
                : items.prefix(3).joined(separator: ", ")
                    + " and \(items.count - 3) more"
        }
    }
}
