/// A license model no publisher uses, found by `LicenseModelCheck`, with the rule template to use instead.
public struct LicenseFinding: Sendable, Equatable {
    public let product: Product.ID
    /// What is wrong, in the publisher's terms.
    public let problem: String
    /// The template that sets the model the publisher defines.
    public let rule: LicenseRule
}

/// Flags license models that no publisher uses: Oracle Enterprise products counted by sockets or by VM, Named User
/// Plus without its minimums, Microsoft server products without their core minimums or virtualization rights, PVU
/// without IBM's table. Products set from a template and left as it set them are not flagged.
public enum LicenseModelCheck {
    /// The findings for every product of an estate, in product order.
    public static func findings(_ products: [Product]) -> [LicenseFinding] {
        products.sorted { $0.id < $1.id }.flatMap(findings(for:))
    }

    static func findings(for product: Product) -> [LicenseFinding] {
        let license = product.license
        if let rule = license.rule, rule.filling(license) == license { return [] }
        let publisher = (product.publisher ?? "").lowercased()
        let name = (product.name ?? "").lowercased()
        var found: [(String, LicenseRule)] = []
        if publisher.contains("oracle") {
            let standard = name.contains("standard edition")
            switch license.metric {
            case .processor where !standard:
                found.append(
                    (
                        "Oracle counts Processor licenses of Enterprise products as cores x core factor, not sockets "
                            + "(only Standard Edition 2 counts sockets)", .oracleProcessor
                    ))
            case .core where license.coreFactor != .table(.oracle):
                found.append(("cores without Oracle's core factor table", .oracleProcessor))
            case .core where license.virtualization != .cluster:
                found.append(
                    (
                        "Oracle does not accept VMware or Hyper-V as limiting the count: every host a VM can move to "
                            + "counts (virtualization: cluster)", .oracleProcessor
                    ))
            case .user where license.minimumUsersPerProcessor == 0 && license.minimumUsersPerDevice == 0:
                found.append(
                    standard
                        ? ("Named User Plus without Standard Edition 2's minimum of 10 per server", .oracleSE2NUP)
                        : ("Named User Plus without the minimum of 25 per processor", .oracleNUP))
            default:
                break
            }
        }
        if publisher.contains("microsoft"), license.metric == .core {
            let windows = name.contains("windows server")
            let rule: LicenseRule =
                windows
                ? (name.contains("datacenter") ? .windowsServerDatacenter : .windowsServerStandard) : .msCore
            if license.minCoresPerProcessor == 0 {
                found.append(("a core metric without Microsoft's minimum cores per processor", rule))
            } else if name.contains("sql server"), license.virtualization == .perVM, !license.vmRequiresRights {
                found.append(
                    (
                        "licensing SQL Server by VM requires Software Assurance or a subscription since the 2022 terms",
                        .msCore
                    ))
            } else if windows, rule == .windowsServerStandard, license.vmsPerLicense == nil {
                found.append(("Windows Server Standard covers 2 VMs per licensing of the host's cores", rule))
            }
        }
        if license.metric == .pvu, case .value = license.pvuPerCore {
            found.append(
                ("PVU without IBM's PVU table", license.virtualization == .perVM ? .ibmPVUSubcapacity : .ibmPVU))
        }
        return found.map { LicenseFinding(product: product.id, problem: $0.0, rule: $0.1) }
    }
}
