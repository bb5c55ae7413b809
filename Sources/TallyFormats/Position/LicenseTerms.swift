import TallyCore

/// A product's license model in words, as the product page and the audit evidence pack list it: the metric and the
/// parameters that apply to it, leaving out what is at its default and does not change the count.
public enum LicenseTerms {
    /// The terms that apply, each a name and its value: `("Core factor", "0.5")`.
    public static func describe(_ license: License) -> [(name: String, value: String)] {
        var terms: [(name: String, value: String)] = [("Metric", license.metric.rawValue)]
        if let rule = license.rule { terms.append(("Rule template", rule.rawValue)) }
        switch license.metric {
        case .core, .processor, .pvu:
            if license.minCoresPerProcessor > 0 {
                terms.append(("Minimum cores per processor", String(license.minCoresPerProcessor)))
            }
            if license.minCoresPerDevice > 0 {
                terms.append(("Minimum cores per device", String(license.minCoresPerDevice)))
            }
            if license.minCoresPerVM > 0 { terms.append(("Minimum cores per VM", String(license.minCoresPerVM))) }
            if license.metric == .pvu {
                terms.append(("PVU per core", rating(license.pvuPerCore)))
            } else {
                terms.append(("Core factor", rating(license.coreFactor)))
            }
            terms.append(("Virtual machines count", license.virtualization.rawValue))
            if let vms = license.vmsPerLicense { terms.append(("VMs per full host license", String(vms))) }
            if license.vmRequiresRights { terms.append(("A VM alone needs", "virtualization rights")) }
        case .user:
            if let devices = license.devicesPerUser { terms.append(("Devices per user", String(devices))) }
            if license.minimumUsersPerProcessor > 0 {
                terms.append(("Minimum users per processor", String(license.minimumUsersPerProcessor)))
            }
            if license.minimumUsersPerDevice > 0 {
                terms.append(("Minimum users per server", String(license.minimumUsersPerDevice)))
            }
        case .concurrent:
            terms.append(("Peak looked for over", "\(license.windowDays) days"))
            terms.append(("Sessions counted as one", license.countedDuplicates.rawValue))
        case .device:
            break
        }
        return terms
    }

    /// How a metric counts, in words: `per device`, `by concurrent use`.
    public static func per(_ metric: License.Metric) -> String {
        switch metric {
        case .device: "per device"
        case .user: "per user"
        case .concurrent: "by concurrent use"
        case .core: "per core"
        case .processor: "per processor"
        case .pvu: "by IBM PVU"
        }
    }

    private static func rating(_ rating: License.Rating) -> String {
        switch rating {
        case .value(let value): value == value.rounded() && value.magnitude < 1e15 ? String(Int(value)) : String(value)
        case .table(let name): "by processor (\(name.rawValue) table)"
        }
    }
}
