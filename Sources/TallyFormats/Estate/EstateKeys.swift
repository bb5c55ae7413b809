/// The keys of each object of the estate format (spec section 1); any other key is an error.
enum EstateKey: String, CaseIterable, Sendable {
    case format, asOf, currency, departments, people, devices, products, installations, usage, denials, assignments,
        entitlements, contracts, rates
}

enum RateKey: String, CaseIterable, Sendable {
    case currency, date, rate
}

enum ContractKey: String, CaseIterable, Sendable {
    case id, vendor, number, start, end, renewal, noticeDays, autoRenew, owner, notes
}

enum DepartmentKey: String, CaseIterable, Sendable {
    case id, name, costCenter, parent
}

enum PersonKey: String, CaseIterable, Sendable {
    case id, name, login, email, department, active, retired
}

enum DeviceKey: String, CaseIterable, Sendable {
    case id, hostname, kind, host, cluster, partitioning, processors, coresPerProcessor, vcpus, processorModel, serial,
        os, user, department, active, retired, lastSeen
}

enum ProductKey: String, CaseIterable, Sendable {
    case id, publisher, name, license, unitPrice, components
}

enum LicenseKey: String, CaseIterable, Sendable {
    case metric, minCoresPerProcessor, minCoresPerDevice, minCoresPerVM, coreFactor, pvuPerCore, virtualization,
        devicesPerUser, windowDays, duplicates, rule, vmRequiresRights, vmsPerLicense, minimumUsersPerProcessor,
        minimumUsersPerDevice
}

enum InstallationKey: String, CaseIterable, Sendable {
    case device, product, version, installed, removed, lastUsed, lastSeen, source
}

enum UsageKey: String, CaseIterable, Sendable {
    case product, user, host, start, end, count, source
}

enum DenialKey: String, CaseIterable, Sendable {
    case product, user, host, at, reason, source
}

enum AssignmentKey: String, CaseIterable, Sendable {
    case product, person, device
}

enum EntitlementKey: String, CaseIterable, Sendable {
    case id, product, quantity, version, downgrade, covers, start, end, unlimited, scope, unitCost, costPeriod,
        softwareAssurance, vendor, contract, purchaseOrder, notes, currency
}

enum ScopeKey: String, CaseIterable, Sendable {
    case department
}

/// One shared table per object kind, built once.
enum EstateKeys {
    static let estate = KeyTable<EstateKey>()
    static let department = KeyTable<DepartmentKey>()
    static let contract = KeyTable<ContractKey>()
    static let rate = KeyTable<RateKey>()
    static let person = KeyTable<PersonKey>()
    static let device = KeyTable<DeviceKey>()
    static let product = KeyTable<ProductKey>()
    static let license = KeyTable<LicenseKey>()
    static let installation = KeyTable<InstallationKey>()
    static let usage = KeyTable<UsageKey>()
    static let denial = KeyTable<DenialKey>()
    static let assignment = KeyTable<AssignmentKey>()
    static let entitlement = KeyTable<EntitlementKey>()
    static let scope = KeyTable<ScopeKey>()
}
