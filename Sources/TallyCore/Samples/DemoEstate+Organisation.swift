extension DemoBuilder {
    /// One department of the demo and how many people work there.
    struct Unit {
        let id: Department.ID
        let name: String
        let costCenter: String
        let parent: Department.ID?
        let headcount: Int
    }

    /// Eight departments, Platform Engineering inside Engineering so that a scope on Engineering covers both.
    static let units: [Unit] = [
        Unit(id: "eng", name: "Engineering", costCenter: "CC-1100", parent: nil, headcount: 58),
        Unit(id: "eng-platform", name: "Platform Engineering", costCenter: "CC-1110", parent: "eng", headcount: 24),
        Unit(id: "design", name: "Product Design", costCenter: "CC-1200", parent: nil, headcount: 34),
        Unit(id: "fin", name: "Finance", costCenter: "CC-2100", parent: nil, headcount: 26),
        Unit(id: "hr", name: "Human Resources", costCenter: "CC-2200", parent: nil, headcount: 14),
        Unit(id: "sales", name: "Sales", costCenter: "CC-3100", parent: nil, headcount: 46),
        Unit(id: "mkt", name: "Marketing", costCenter: "CC-3200", parent: nil, headcount: 26),
        Unit(id: "itops", name: "IT Operations", costCenter: "CC-4100", parent: nil, headcount: 22),
    ]

    static let firstNames = [
        "Ada", "Alan", "Amara", "Anders", "Aisha", "Bruno", "Camille", "Carlos", "Chen", "Clara", "Daniel", "Dmitri",
        "Elena", "Emma", "Farid", "Fatima", "Felix", "Grace", "Hannah", "Hugo", "Ines", "Ivan", "Jakob", "James",
        "Julia", "Kai", "Kenji", "Lars", "Laura", "Leila", "Lena", "Lucas", "Maja", "Marco", "Maria", "Mateo",
        "Mia", "Nadia", "Nils", "Noah", "Olga", "Omar", "Oscar", "Paula", "Pedro", "Priya", "Rafael", "Rania",
        "Ravi", "Rosa", "Samir", "Sara", "Sofia", "Stefan", "Tariq", "Tomas", "Ugo", "Vera", "Wei", "Yara",
        "Yusuf", "Zoe", "Elif", "Mikkel",
    ]

    static let lastNames = [
        "Andersen", "Bauer", "Becker", "Bergstrom", "Bianchi", "Brennan", "Castillo", "Costa", "Dahl", "Demir",
        "Dubois", "Eriksen", "Fischer", "Fontaine", "Garcia", "Gruber", "Haddad", "Hansen", "Hoffmann", "Ibrahim",
        "Jansen", "Kaur", "Keller", "Kowalski", "Kumar", "Lambert", "Larsen", "Lehmann", "Lindqvist", "Lopez",
        "Marino", "Martin", "Meyer", "Moreau", "Nakamura", "Navarro", "Nielsen", "Novak", "Okafor", "Olsen",
        "Papadopoulos", "Peters", "Petrov", "Quinn", "Ramos", "Richter", "Rossi", "Santos", "Schmidt", "Schulz",
        "Silva", "Sorensen", "Suzuki", "Tanaka", "Torres", "Vogel", "Wagner", "Weber", "Wolf", "Yilmaz", "Zhang",
        "Ziegler", "Horvat", "Virtanen",
    ]

    /// How many people left the company: their records stay, inactive, as an HR export keeps them.
    static let leavers = 9

    /// Adds the departments and their people with unique logins and emails; a few have left.
    mutating func addOrganisation() {
        var logins = Set<String>()
        var emails = Set<String>()
        var number = 10_001
        for unit in Self.units {
            departments.append(
                Department(
                    id: unit.id, name: unit.name, costCenter: unit.costCenter,
                    parent: unit.parent))
            for _ in 0..<unit.headcount {
                let first = rng.pick(Self.firstNames), last = rng.pick(Self.lastNames)
                let login = unique((String(first.prefix(1)) + last).lowercased(), in: &logins)
                let email = unique((first + "." + last).lowercased(), in: &emails) + "@example.com"
                staff[unit.id, default: []].append(people.count)
                people.append(
                    Person(
                        id: Person.ID("E" + String(number)), name: first + " " + last, login: login,
                        email: email, department: unit.id))
                number += rng.within(1...3)
            }
        }
        var left = 0
        while left < Self.leavers {
            let person = rng.below(people.count)
            if people[person].active {
                people[person].active = false
                left += 1
            }
        }
    }

    /// `base`, or `base` with the first free number appended, as directories do for namesakes.
    private func unique(_ base: String, in taken: inout Set<String>) -> String {
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = base + String(suffix)
            suffix += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// Dates the retirements, as an asset register and an HR export record them: a retired device stopped counting
    /// the day after it was last seen, a leaver the day after the last of their devices was; so positions on
    /// earlier dates count them again.
    mutating func dateRetirements() {
        var lastSeenOf: [Person.ID: Day] = [:]
        for device in devices {
            guard let user = device.user, let seen = device.lastSeen else { continue }
            lastSeenOf[user] = max(lastSeenOf[user] ?? seen, seen)
        }
        for i in devices.indices where !devices[i].active {
            devices[i].retired = devices[i].lastSeen?.adding(days: 1)
        }
        for i in people.indices where !people[i].active {
            people[i].retired = lastSeenOf[people[i].id]?.adding(days: 1)
        }
    }
}
