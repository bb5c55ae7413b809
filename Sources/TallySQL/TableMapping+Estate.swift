import TallyCore

/// The mapping of every collection of the estate format.
enum EstateTables {
    static let departments = TableMapping<Department>(
        collection: "departments", table: "department", columns: ["id", "name", "cost_center", "parent"],
        identity: 1, keyed: true,
        values: { item in
            [
                item.id.rawValue.sqlValue, Column.text(item.name), Column.text(item.costCenter),
                Column.text(item.parent?.rawValue),
            ]
        },
        record: { row in
            Department(
                id: .init(row[0]), name: row[1], costCenter: row[2], parent: (row[3] as String?).map { .init($0) })
        })

    static let people = TableMapping<Person>(
        collection: "people", table: "person",
        columns: ["id", "name", "login", "email", "department", "active", "retired"],
        identity: 1, keyed: true,
        values: { item in
            [
                item.id.rawValue.sqlValue, Column.text(item.name), Column.text(item.login),
                Column.text(item.email),
                Column.text(item.department?.rawValue), Column.bool(item.active), Column.day(item.retired),
            ]
        },
        record: { row in
            Person(
                id: .init(row[0]), name: row[1], login: row[2], email: row[3],
                department: (row[4] as String?).map { .init($0) }, active: row[5], retired: try Column.day(row, 6))
        })

    static let devices = TableMapping<Device>(
        collection: "devices", table: "device",
        columns: [
            "id", "hostname", "kind", "host", "processors", "cores_per_processor", "vcpus", "processor_model",
            "serial", "os", "\"user\"", "department", "active", "last_seen", "retired", "cluster", "partitioning",
        ],
        identity: 1, keyed: true,
        values: { item in
            [
                item.id.rawValue.sqlValue, Column.text(item.hostname), item.kind.rawValue.sqlValue,
                Column.text(item.host?.rawValue), item.processors.sqlValue, Column.int(item.coresPerProcessor),
                Column.int(item.vcpus), Column.text(item.processorModel), Column.text(item.serial),
                Column.text(item.os),
                Column.text(item.user?.rawValue), Column.text(item.department?.rawValue), Column.bool(item.active),
                Column.day(item.lastSeen), Column.day(item.retired), Column.text(item.cluster),
                item.partitioning.rawValue.sqlValue,
            ]
        },
        record: { row in
            var device = Device(
                id: .init(row[0]), hostname: row[1], kind: try Column.choice(row, 2, Device.Kind.self),
                host: (row[3] as String?).map { .init($0) }, processors: row[4], coresPerProcessor: row[5],
                vcpus: row[6], processorModel: row[7], serial: row[8], os: row[9],
                user: (row[10] as String?).map { .init($0) }, department: (row[11] as String?).map { .init($0) },
                active: row[12], retired: try Column.day(row, 14), lastSeen: try Column.day(row, 13))
            device.cluster = row[15]
            device.partitioning = try Column.choice(row, 16, Device.Partitioning.self)
            return device
        })

    static let products = TableMapping<Product>(
        collection: "products", table: "product",
        columns: [
            "id", "publisher", "name", "metric", "min_cores_per_processor", "min_cores_per_device",
            "min_cores_per_vm", "core_factor", "pvu_per_core", "virtualization", "devices_per_user",
            "window_days", "unit_price", "duplicates", "rule", "vm_requires_rights", "vms_per_license",
            "minimum_users_per_processor", "minimum_users_per_device",
        ],
        identity: 1, keyed: true,
        values: { item in
            let license = item.license
            return [
                item.id.rawValue.sqlValue, Column.text(item.publisher), Column.text(item.name),
                license.metric.rawValue.sqlValue, license.minCoresPerProcessor.sqlValue,
                license.minCoresPerDevice.sqlValue, license.minCoresPerVM.sqlValue,
                Column.rating(license.coreFactor), Column.rating(license.pvuPerCore),
                license.virtualization.rawValue.sqlValue, Column.int(license.devicesPerUser),
                license.windowDays.sqlValue, Column.real(item.unitPrice),
                Column.text(license.duplicates?.rawValue),
                Column.text(license.rule?.rawValue), Column.bool(license.vmRequiresRights),
                Column.int(license.vmsPerLicense), license.minimumUsersPerProcessor.sqlValue,
                license.minimumUsersPerDevice.sqlValue,
            ]
        },
        record: { row in
            let license = License(
                metric: try Column.choice(row, 3, License.Metric.self), minCoresPerProcessor: row[4],
                minCoresPerDevice: row[5], minCoresPerVM: row[6], coreFactor: try Column.rating(row, 7),
                pvuPerCore: try Column.rating(row, 8),
                virtualization: try Column.choice(row, 9, License.Virtualization.self), devicesPerUser: row[10],
                windowDays: row[11], duplicates: try Column.optionalChoice(row, 13, License.Duplicates.self),
                vmRequiresRights: row[15], vmsPerLicense: row[16], minimumUsersPerProcessor: row[17],
                minimumUsersPerDevice: row[18], rule: try Column.optionalChoice(row, 14, LicenseRule.self))
            // Components are filled in from the `suite` column of the other products, once all are read.
            return Product(id: .init(row[0]), publisher: row[1], name: row[2], license: license, unitPrice: row[12])
        })

    static let installations = TableMapping<Installation>(
        collection: "installations", table: "installation",
        columns: ["device", "product", "version", "source", "installed", "last_used", "last_seen", "removed"],
        identity: 4, keyed: false,
        values: { item in
            [
                item.device.rawValue.sqlValue, item.product.rawValue.sqlValue,
                Column.text(item.version?.text),
                Column.text(item.source), Column.day(item.installed), Column.day(item.lastUsed),
                Column.day(item.lastSeen), Column.day(item.removed),
            ]
        },
        record: { row in
            Installation(
                device: .init(row[0]), product: .init(row[1]), version: (row[2] as String?).map(Version.init),
                installed: try Column.day(row, 4), removed: try Column.day(row, 7), lastUsed: try Column.day(row, 5),
                lastSeen: try Column.day(row, 6), source: row[3])
        })

    static let usage = TableMapping<UsageSession>(
        collection: "usage", table: "usage_session",
        columns: ["product", "\"user\"", "host", "start", "source", "\"end\"", "count", "feature"], identity: 5,
        keyed: false,
        values: { item in
            [
                item.product.rawValue.sqlValue, Column.text(item.user), Column.text(item.host),
                Column.instant(item.start), Column.text(item.source), Column.instant(item.end),
                item.count.sqlValue,
                Column.text(item.feature),
            ]
        },
        record: { row in
            UsageSession(
                product: .init(row[0]), user: row[1], host: row[2],
                start: Column.instant(row, 3) ?? Instant(secondsSinceEpoch: 0), end: Column.instant(row, 5),
                count: row[6], source: row[4], feature: row[7])
        })

    static let denials = TableMapping<Denial>(
        collection: "denials", table: "denial",
        columns: ["product", "\"user\"", "host", "at", "source", "reason", "feature"], identity: 5, keyed: false,
        values: { item in
            [
                item.product.rawValue.sqlValue, Column.text(item.user), Column.text(item.host),
                Column.instant(item.at), Column.text(item.source), Column.text(item.reason), Column.text(item.feature),
            ]
        },
        record: { row in
            Denial(
                product: .init(row[0]), user: row[1], host: row[2],
                at: Column.instant(row, 3) ?? Instant(secondsSinceEpoch: 0), reason: row[5], source: row[4],
                feature: row[6])
        })

    static let assignments = TableMapping<Assignment>(
        collection: "assignments", table: "assignment", columns: ["product", "person", "device"], identity: 3,
        keyed: false,
        values: { item in
            switch item.assignee {
            case .person(let person):
                return [item.product.rawValue.sqlValue, person.rawValue.sqlValue, .null]
            case .device(let device):
                return [item.product.rawValue.sqlValue, .null, device.rawValue.sqlValue]
            }
        },
        record: { row in
            if let person: String = row[1] {
                return Assignment(product: .init(row[0]), assignee: .person(.init(person)))
            }
            return Assignment(product: .init(row[0]), assignee: .device(.init(row[2] ?? "")))
        })

    static let contracts = TableMapping<Contract>(
        collection: "contracts", table: "contract",
        columns: [
            "id", "vendor", "number", "start", "\"end\"", "renewal", "notice_days", "auto_renew", "owner", "notes",
        ],
        identity: 1, keyed: true,
        values: { item in
            [
                item.id.rawValue.sqlValue, Column.text(item.vendor), Column.text(item.number),
                Column.day(item.start), Column.day(item.end), Column.day(item.renewal), Column.int(item.noticeDays),
                Column.bool(item.autoRenew), Column.text(item.owner), Column.text(item.notes),
            ]
        },
        record: { row in
            Contract(
                id: .init(row[0]), vendor: row[1], number: row[2], start: try Column.day(row, 3),
                end: try Column.day(row, 4), renewal: try Column.day(row, 5), noticeDays: row[6], autoRenew: row[7],
                owner: row[8], notes: row[9])
        })

    static let entitlements = TableMapping<Entitlement>(
        collection: "entitlements", table: "entitlement",
        columns: [
            "id", "product", "quantity", "version", "downgrade", "start", "\"end\"", "unlimited", "scope_department",
            "unit_cost", "cost_period", "vendor", "contract", "purchase_order", "notes", "software_assurance",
            "currency",
        ],
        identity: 1, keyed: true,
        values: { item in
            [
                item.id.rawValue.sqlValue, item.product.rawValue.sqlValue, Column.int(item.quantity),
                Column.text(item.version?.text), Column.bool(item.downgrade), Column.day(item.start),
                Column.day(item.end), Column.bool(item.unlimited), Column.text(item.scope?.rawValue),
                Column.real(item.unitCost), item.costPeriod.rawValue.sqlValue, Column.text(item.vendor),
                Column.text(item.contract), Column.text(item.purchaseOrder), Column.text(item.notes),
                Column.bool(item.softwareAssurance), Column.text(item.currency),
            ]
        },
        record: { row in
            // `covers` is read from its own table once all entitlements are read.
            Entitlement(
                id: .init(row[0]), product: .init(row[1]), quantity: row[2],
                version: (row[3] as String?).map(Version.init), downgrade: row[4], start: try Column.day(row, 5),
                end: try Column.day(row, 6), unlimited: row[7],
                scope: (row[8] as String?).map { .init($0) }, unitCost: row[9],
                costPeriod: try Column.choice(row, 10, Entitlement.CostPeriod.self), softwareAssurance: row[15],
                vendor: row[11], contract: row[12], purchaseOrder: row[13], notes: row[14], currency: row[16])
        })

    static let rates = TableMapping<ExchangeRate>(
        collection: "rates", table: "exchange_rate",
        columns: ["currency", "date", "rate"],
        identity: 2, keyed: false,
        values: { item in [item.currency.sqlValue, Column.day(item.date), item.rate.sqlValue] },
        record: { row in
            guard let date = try Column.day(row, 1) else { throw TallyError.failed("a stored rate has no date") }
            return ExchangeRate(currency: row[0], date: date, rate: row[2])
        })
}
