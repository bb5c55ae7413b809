import Hummingbird
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// Devices and people: lists searched by id, name or login, and each record with what it has installed, the
/// licenses it consumes, and the form that retires it.
extension API {
    var recordPages: [PageRoute] {
        [
            PageRoute(.get, "/devices", .readAll) { web in
                try await recordList(
                    web, title: "Devices", path: "/devices",
                    heads: ["Device", "Host name", "Kind", "User", "Department", "Retired"],
                    list: operations.devices
                ) { device in
                    (
                        device.id.rawValue,
                        [
                            device.hostname ?? "", device.kind.rawValue, device.user?.rawValue ?? "",
                            device.department?.rawValue ?? "", device.retired?.description ?? "",
                        ]
                    )
                }
            },
            PageRoute(.get, "/people", .readAll) { web in
                try await recordList(
                    web, title: "People", path: "/people",
                    heads: ["Person", "Name", "Login", "Email", "Department", "Retired"],
                    list: operations.people
                ) { person in
                    (
                        person.id.rawValue,
                        [
                            person.name ?? "", person.login ?? "", person.email ?? "",
                            person.department?.rawValue ?? "",
                            person.retired?.description ?? "",
                        ]
                    )
                }
            },
            PageRoute(.get, "/devices/{id}", .readAll) { try await devicePage($0) },
            PageRoute(.get, "/people/{id}", .readAll) { try await personPage($0) },
            PageRoute(.post, "/devices/{id}/retire", .edit) { web in
                let id = try web.parameter("id")
                try await operations.retireDevice(.init(id), on: try retirementDay(web), by: web.principal.caller)
                return redirect("/devices/\(percentEncoded(id))?retired=1")
            },
            PageRoute(.post, "/people/{id}/retire", .edit) { web in
                let id = try web.parameter("id")
                try await operations.retirePerson(.init(id), on: try retirementDay(web), by: web.principal.caller)
                return redirect("/people/\(percentEncoded(id))?retired=1")
            },
        ]
    }

    /// The day a retire form names (`on`), today when it names none.
    private func retirementDay(_ web: WebRequest) throws -> Day {
        guard let text = web.form.text("on") else { return operations.clock().day }
        guard let day = Day(text) else { throw Problem(.unprocessableContent, "The day is not a date (YYYY-MM-DD).") }
        return day
    }

    /// A list of records searched and paged, each row its id (linking to its page) and `cells`.
    private func recordList<Item: Sendable>(
        _ web: WebRequest, title: String, path: String, heads: [String],
        list: (RecordQuery) async throws(TallyError) -> Page<Item>, cells: (Item) -> (id: String, values: [String])
    ) async throws -> Response {
        let size = 50
        let number = web.pageNumber
        let search = web.query("search")
        let page = try await list(
            RecordQuery(search: search, page: PageRequest(offset: (number - 1) * size, limit: size)))
        let rows = page.items.html { item in
            let (id, values) = cells(item)
            return "<tr><td><a href=\"\(path)/\(percentEncoded(id))\">\(id)</a></td>"
                + values.html { "<td>\($0)</td>" } + "</tr>"
        }
        let pagination = Pagination(number: number, size: size, total: page.total)
        return PageShell(principal: web.principal).page(
            title, section: path,
            """
            <h1>\(title)</h1>
            <form class="filters" method="get" action="\(path)" role="search">
            <div class="field"><label for="search">Search</label>
            <input id="search" name="search" type="search" value="\(search ?? "")"></div>
            <div class="field"><button type="submit">Show</button></div></form>
            <div class="scroll"><table id="records"><thead><tr>\(heads.html { "<th scope=\"col\">\($0)</th>" })</tr></thead>
            <tbody>\(page.items.isEmpty ? "<tr><td colspan=\"\(heads.count)\">None matches.</td></tr>" : rows)</tbody></table></div>
            \(pagination.links(path, [("search", search)]))
            """)
    }

    func devicePage(_ web: WebRequest) async throws -> Response {
        let id = Device.ID(try web.parameter("id"))
        guard let device = try await operations.device(id) else {
            throw TallyError.notFound(kind: "device", id: id.rawValue)
        }
        let reconciliation = try await operations.latestPosition()
        let sightings = try await reportedSoftware(id)
        let facts: [(String, String?)] = [
            ("Host name", device.hostname), ("Kind", device.kind.rawValue), ("Host", device.host?.rawValue),
            ("Cluster", device.cluster), ("Processors", String(device.processors)),
            ("Cores per processor", device.coresPerProcessor.map(String.init)),
            ("vCPUs", device.vcpus.map(String.init)),
            ("Processor model", device.processorModel), ("Serial", device.serial), ("Operating system", device.os),
            ("User", device.user?.rawValue), ("Department", device.department?.rawValue),
            ("Last seen", device.lastSeen?.description), ("Retired", device.retired?.description),
        ]
        let rows = sightings.html { title in
            """
            <tr><td>\(title.name)</td><td>\(title.publisher ?? "")</td><td>\(title.version ?? "")</td>
            <td>\(title.outcome)</td><td>\(title.product.map { "<a href=\"/products/\(percentEncoded($0.rawValue))\">\($0.rawValue)</a>" as HTML } ?? "")</td>
            <td>\(title.source)</td><td>\(title.firstSeen.description)</td><td>\(title.lastSeen.description)</td>
            <td>\(title.removed?.description ?? "")</td></tr>
            """
        }
        let software: HTML = """
            <section class="card"><h2>Installed software</h2>
            \(sightings.isEmpty ? "<p>No inventory has reported this device's software.</p>" as HTML : """
            <div class="scroll"><table id="software"><thead><tr><th scope="col">Title</th><th scope="col">Publisher</th>
            <th scope="col">Version</th><th scope="col">Recognised as</th><th scope="col">Product</th><th scope="col">Source</th>
            <th scope="col">First seen</th><th scope="col">Last seen</th><th scope="col">Removed</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)</section>
            """
        return recordPage(
            web, title: "Device \(id.rawValue)", section: "/devices", facts: facts,
            consumed: reconciliation.consumers.indices(ofDevice: id), in: reconciliation, extra: software,
            retire: device.retired == nil ? "/devices/\(percentEncoded(id.rawValue))/retire" : nil)
    }

    /// What inventories reported on a device; none when no inventory reported it (its licenses then come from the
    /// estate's installations alone).
    private func reportedSoftware(_ id: Device.ID) async throws -> [SoftwareSighting] {
        do {
            return try await operations.deviceSoftware(id)
        } catch {
            if case .notFound = error { return [] }
            throw error
        }
    }

    func personPage(_ web: WebRequest) async throws -> Response {
        let id = Person.ID(try web.parameter("id"))
        guard let person = try await operations.person(id) else {
            throw TallyError.notFound(kind: "person", id: id.rawValue)
        }
        let reconciliation = try await operations.latestPosition()
        let facts: [(String, String?)] = [
            ("Name", person.name), ("Login", person.login), ("Email", person.email),
            ("Department", person.department?.rawValue), ("Retired", person.retired?.description),
        ]
        return recordPage(
            web, title: "Person \(id.rawValue)", section: "/people", facts: facts,
            consumed: reconciliation.consumers.indices(ofPerson: id), in: reconciliation, extra: "",
            retire: person.retired == nil ? "/people/\(percentEncoded(id.rawValue))/retire" : nil)
    }

    private func recordPage(
        _ web: WebRequest, title: String, section: String, facts: [(String, String?)], consumed: [Int],
        in reconciliation: Reconciliation, extra: HTML, retire: String?
    ) -> Response {
        let shell = PageShell(principal: web.principal)
        let factRows = facts.compactMap { name, value in value.map { (name, $0) } }.html { name, value in
            "<tr><th scope=\"row\">\(name)</th><td>\(value)</td></tr>"
        }
        let consumers = consumed.map { reconciliation.consumers[$0] }
        let consumerRows = consumers.html { consumer in
            let allocated = consumer.allocated.map { "\($0.entitlement.rawValue) × \($0.units)" }.joined(
                separator: ", ")
            return """
                <tr><td><a href="/products/\(percentEncoded(consumer.product.rawValue))">\(consumer.product.rawValue)</a></td>
                <td class="number">\(consumer.units)</td><td>\(allocated.isEmpty ? "none: short" : allocated)</td>
                <td>\(consumer.why)</td></tr>
                """
        }
        let retireForm: HTML =
            if let retire, web.principal.may(.edit) {
                """
                <section class="card"><h2>Retire</h2>
                <p>From this day on it no longer counts: its installations and assignments stop consuming licenses.</p>
                <form id="retire-form" class="inline" method="post" action="\(retire)">\(shell.csrfField)
                <div class="field"><label for="retire-on">From</label>
                <input id="retire-on" name="on" type="date" value="\(operations.clock().day.description)"></div>
                <button class="edit-control danger" type="submit">Retire</button></form></section>
                """
            } else {
                ""
            }
        let notice: HTML =
            web.query("retired") != nil ? "<p id=\"notice\" class=\"notice\" role=\"status\">Retired.</p>" : ""
        return shell.page(
            title, section: section,
            """
            <h1>\(title)</h1>\(notice)
            <div class="columns"><section class="card"><h2>Record</h2><table id="record"><tbody>\(factRows)</tbody></table></section>
            <section class="card"><h2>Licenses it consumes</h2><div class="scroll"><table id="consumed">
            <thead><tr><th scope="col">Product</th><th scope="col" class="number">Units</th><th scope="col">Covered by</th>
            <th scope="col">Why</th></tr></thead>
            <tbody>\(consumers.isEmpty ? "<tr><td colspan=\"4\">None.</td></tr>" : consumerRows)</tbody></table></div></section></div>
            \(extra)
            \(retireForm)
            """)
    }
}
