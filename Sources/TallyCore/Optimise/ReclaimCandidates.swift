extension Reclaimer {
    /// A line found, with the record it came from.
    struct Found {
        var installation: Int?
        var assignment: Int?
        var product: Product.ID
        var device: Device.ID?
        var person: Person.ID?
        var version: String?
        var reason: ReclaimLine.Reason
        var lastUse: Day?
        var detail: String
    }
}

/// The installations and assignments that can be taken back, gathered one record at a time.
struct ReclaimCandidates {
    let estate: Estate
    let since: Day
    let excluded: Set<Pair>
    let only: Product.ID?
    private let devices: [Device.ID: Device]
    private let people: [Person.ID: Person]
    private let pooled: Set<Product.ID>
    private(set) var lines: [Reclaimer.Found] = []

    init(estate: Estate, since: Day, excluded: Set<Pair>, only: Product.ID?) {
        self.estate = estate
        self.since = since
        self.excluded = excluded
        self.only = only
        devices = Dictionary(estate.devices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        people = Dictionary(estate.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        pooled = Set(estate.products.filter { $0.license.metric == .concurrent }.map(\.id))
    }

    private func wanted(_ product: Product.ID) -> Bool {
        (only == nil || only == product) && !pooled.contains(product)
    }

    /// When a person who no longer counts left: their retirement day, or nil for one merely inactive.
    private func left(_ id: Person.ID?) -> (person: Person, on: Day?)? {
        guard let id, let person = people[id], !person.counts(on: estate.asOf) else { return nil }
        return (person, person.retired)
    }

    private func leftDetail(_ person: Person, _ day: Day?) -> String {
        day.map { "\(person.id) left on \($0)" } ?? "\(person.id) is no longer active"
    }

    mutating func consider(installation index: Int, _ item: Installation, evidence: UseEvidence) {
        guard wanted(item.product), item.isInstalled(on: estate.asOf), let device = devices[item.device],
            device.counts(on: estate.asOf), !excluded.contains(Pair(item.device, item.product))
        else { return }
        let person = device.user
        let session = evidence.lastSession(
            of: item.product,
            users: person.flatMap { people[$0] }.map { [$0.login, $0.id.rawValue].compactMap { $0 } } ?? [],
            hosts: [device.hostname, device.id.rawValue].compactMap { $0 })
        let lastUse = [item.lastUsed, session].compactMap { $0 }.max()
        func add(_ reason: ReclaimLine.Reason, _ detail: String) {
            lines.append(
                .init(
                    installation: index, product: item.product, device: item.device, person: person,
                    version: item.version?.text, reason: reason, lastUse: lastUse, detail: detail))
        }
        if let (gone, day) = left(person) {
            add(.userLeft, leftDetail(gone, day))
        } else if let seen = device.lastSeen, seen < since {
            add(.deviceNotSeen, "device not seen since \(seen)")
        } else if let lastUse {
            if lastUse < since { add(.unused, "last used \(lastUse)") }
        } else if evidence.tracked.contains(item.product), (item.installed.map { $0 < since } ?? true) {
            add(.unused, "no use recorded since \(since)" + (item.installed.map { " (installed \($0))" } ?? ""))
        }
    }

    mutating func consider(assignment index: Int, _ item: Assignment) {
        guard wanted(item.product), case .person(let id) = item.assignee, let (gone, day) = left(id) else { return }
        lines.append(
            .init(
                assignment: index, product: item.product, person: id, reason: .userLeft,
                detail: "assigned to " + leftDetail(gone, day)))
    }
}
