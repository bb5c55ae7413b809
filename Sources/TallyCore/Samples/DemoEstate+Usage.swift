extension DemoBuilder {
    /// The MATLAB license server's pool: what it served before one year's seats expired, so a deadline reached it.
    static let matlabServerSeats = 15
    /// Checkouts on an ordinary day stay below the pool, so that the deadline day makes the peak.
    static let matlabOrdinaryDayLimit = 11
    /// Contractors log in to the license server under names HR does not know.
    static let contractorLogins = ["ext-mkowalski", "ext-dnguyen"]

    /// Adds eight weeks of MATLAB and Simulink checkouts, with a deadline day that fills the pool, and its denials.
    mutating func addUsage() {
        let engineers = people.indices.filter { person in
            let unit = people[person].department?.rawValue ?? ""
            return people[person].active && ["eng", "eng-platform", "design"].contains(unit)
        }
        let matlabUsers = Array(rng.shuffle(engineers).prefix(28))
        let simulinkUsers = Array(matlabUsers.prefix(6))
        let owned = devicesOfPerson
        var hosts: [String] = []
        for person in matlabUsers {
            let device = owned[person].first(where: { devices[$0].active }) ?? owned[person][0]
            install("matlab", on: device, version: rng.chance(0.6) ? "R2024b" : "R2024a")
            if simulinkUsers.contains(person) { install("simulink", on: device, version: "R2024b") }
            hosts.append(devices[device].id.rawValue)
        }
        let logins = matlabUsers.compactMap { people[$0].login } + Self.contractorLogins
        hosts += ["vdi-ext-01", "vdi-ext-02"]

        let deadline = weekday(onOrBefore: ago(9))
        for daysAgo in 1...56 {
            let day = ago(daysAgo)
            guard isWeekday(day), day != deadline else { continue }
            var today = 0
            for (i, login) in logins.enumerated() where today < Self.matlabOrdinaryDayLimit && rng.chance(0.3) {
                addSession("matlab", login: login, host: hosts[i], on: day)
                today += 1
            }
            for (i, person) in simulinkUsers.enumerated() where rng.chance(0.3) {
                addSession("simulink", login: people[person].login ?? "", host: hosts[i], on: day)
            }
        }
        addDeadline(on: deadline, logins: logins, hosts: hosts)
        // A checkout still open when the server's log was read: it runs to the end of the window.
        usage.append(
            UsageSession(
                product: "matlab", user: logins[0], host: hosts[0],
                start: at(asOf, hour: 8, minute: 12), source: "lmgrd"))
    }

    /// The deadline: every seat of the server held through the afternoon, and four engineers turned away.
    private mutating func addDeadline(on day: Day, logins: [String], hosts: [String]) {
        let order = rng.shuffle(Array(logins.indices))
        for i in order.prefix(Self.matlabServerSeats) {
            let start = at(day, hour: 12, minute: 30 + rng.within(0...29))
            let end = at(day, hour: 16 + rng.within(0...1), minute: rng.within(0...59))
            usage.append(
                UsageSession(
                    product: "matlab", user: logins[i], host: hosts[i], start: start, end: end,
                    source: "lmgrd"))
        }
        for (n, i) in order.dropFirst(Self.matlabServerSeats).prefix(4).enumerated() {
            denials.append(
                Denial(
                    product: "matlab", user: logins[i], host: hosts[i],
                    at: at(day, hour: 13, minute: 5 + 17 * n),
                    reason: "Licensed number of users already reached", source: "lmgrd"))
        }
    }

    /// One working session: starts in the morning, lasts one to eight hours.
    private mutating func addSession(_ product: Product.ID, login: String, host: String, on day: Day) {
        let start = at(day, hour: rng.within(7...10), minute: rng.within(0...59))
        let hours = rng.within(1...8)
        let end = Instant(secondsSinceEpoch: start.secondsSinceEpoch + Int64(hours * 3_600 - rng.within(0...1_800)))
        usage.append(UsageSession(product: product, user: login, host: host, start: start, end: end, source: "lmgrd"))
    }

    /// Visual Studio and Tableau seats are assigned to named people, whether or not they installed the product.
    mutating func addAssignments() {
        var studio: [Int] = []
        var tableau: [Int] = []
        for item in installations {
            guard let device = deviceIndex[item.device.rawValue], devices[device].active, hasActiveOwner(device)
            else { continue }
            let owner = deviceOwner[device]
            if item.product == "visual-studio", !studio.contains(owner) { studio.append(owner) }
            if item.product == "tableau", !tableau.contains(owner) { tableau.append(owner) }
        }
        // Every fourth Visual Studio user installed it without a subscription being assigned.
        for (n, person) in studio.enumerated() where n % 4 != 3 {
            assignments.append(Assignment(product: "visual-studio", assignee: .person(people[person].id)))
        }
        for person in tableau {
            assignments.append(Assignment(product: "tableau", assignee: .person(people[person].id)))
        }
        // A Tableau seat still assigned to someone who left, and one to an analyst who has not installed it yet.
        if let leaver = people.firstIndex(where: { !$0.active }) {
            assignments.append(Assignment(product: "tableau", assignee: .person(people[leaver].id)))
        }
        if let analyst = staff["fin"]?.first(where: { people[$0].active && !tableau.contains($0) }) {
            assignments.append(Assignment(product: "tableau", assignee: .person(people[analyst].id)))
        }
    }

    /// The instant `hour:minute` UTC on `day`.
    func at(_ day: Day, hour: Int, minute: Int) -> Instant {
        Instant(secondsSinceEpoch: day.start.secondsSinceEpoch + Int64(hour * 3_600 + minute * 60))
    }

    /// Monday to Friday; 1970-01-01 was a Thursday.
    func isWeekday(_ day: Day) -> Bool {
        let weekday = ((Int(day.daysSinceEpoch) + 3) % 7 + 7) % 7
        return weekday < 5
    }

    /// `day`, or the last weekday before it.
    func weekday(onOrBefore day: Day) -> Day {
        var result = day
        while !isWeekday(result) { result = result.adding(days: -1) }
        return result
    }
}
