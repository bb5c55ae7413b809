import TallyCore
import TallyFormats
import TallyStore

/// What re-reading the stored evidence with the catalog changed.
public struct CatalogSummary: Sendable, Equatable {
    public var titles = 0
    /// Titles the catalog now reads otherwise than before.
    public var changed = 0
    public var productsAdded = 0
    /// Installations derived from the evidence, before and after.
    public var installationsBefore = 0
    public var installationsAfter = 0
}

/// A rule for the license manager's own catalog (docs/catalog.md): patterns for the rows it recognises and what
/// they are, exactly one of a product, a reason to ignore them, or the suite they are part of.
public struct CatalogRuleRequest: Sendable, Equatable {
    public var names: [String]
    public var publishers: [String] = []
    public var rawVersion: String?
    public var product: String?
    /// A new product's name and publisher (a product the catalogs or the store know keeps theirs).
    public var productName: String?
    public var productPublisher: String?
    public var version: String?
    public var ignore: String?
    public var componentOf: String?
    /// The rule's id; `own-N` by default.
    public var id: String?
    public var note: String?

    public init(names: [String]) {
        self.names = names
    }
}

extension Operations {
    /// The catalog imports are read with: the license manager's own rules first, then the built-in ones.
    public func effectiveCatalog() async throws(TallyError) -> Normalizer {
        let own = try await ownCatalog()
        let builtin = try Self.builtinCatalog()
        let ownIDs = Set(own.products.map(\.id))
        do {
            return Normalizer(
                catalog: try Catalog(
                    products: own.products + builtin.products.filter { !ownIDs.contains($0.id) },
                    rules: own.rules + builtin.rules, publishers: builtin.publishers))
        } catch {
            throw .invalid(path: "the stored catalog", reason: "it does not fit the built-in one: \(error)")
        }
    }

    /// The catalog that ships with Tally (read once a process), with its publisher table.
    static func builtinCatalog() throws(TallyError) -> Catalog {
        do throws(FormatError) {
            return try CatalogFile.builtin()
        } catch {
            throw .failed("the built-in catalog: \(error.description)")
        }
    }

    /// The license manager's own catalog, empty when there is none.
    public func ownCatalog() async throws(TallyError) -> Catalog {
        let document = try await reading { try $0.ownCatalog() }
        do throws(FormatError) {
            guard let document else { return try CatalogFile.decode(Array(Self.emptyCatalog.utf8)) }
            return try CatalogFile.decode(Array(document.utf8))
        } catch {
            throw .invalid(path: "the stored catalog", reason: error.description)
        }
    }

    /// Adds a rule to the license manager's own catalog (read before the built-in one), as one audited change;
    /// returns its id. `applyCatalog` reads the stored evidence with it.
    @discardableResult
    public func addCatalogRule(_ request: CatalogRuleRequest, by caller: Caller) async throws(TallyError) -> String {
        let own = try await ownCatalog()
        let ruleID = request.id ?? "own-\(own.rules.count + 1)"
        var products: [String] = []
        if let product = request.product, own.product(Product.ID(product)) == nil,
            (try? CatalogFile.builtin())?.product(Product.ID(product)) == nil
        {
            // A product the store already holds keeps its id: inventory titles then count for it, instead of making a
            // second product of the same software.
            let stored = try await reading { try $0.product(Product.ID(product)) }
            guard let name = request.productName ?? stored?.name ?? stored.map({ _ in product }),
                let maker = request.productPublisher ?? stored?.publisher ?? stored.map({ _ in "" })
            else {
                throw .invalid(path: "product", reason: "\(product) is a new product: give its name and publisher")
            }
            products.append(
                JSONWriter.object(["id": .string(product), "publisher": .string(maker), "name": .string(name)]))
        }
        var rule: [(key: String, value: JSONValue)] = [("id", .string(ruleID)), ("name", .strings(request.names))]
        if !request.publishers.isEmpty { rule.append(("publisher", .strings(request.publishers))) }
        for (key, value) in [
            ("rawVersion", request.rawVersion), ("product", request.product), ("version", request.version),
            ("ignore", request.ignore), ("componentOf", request.componentOf), ("note", request.note),
        ] {
            if let value { rule.append((key, .string(value))) }
        }
        let document =
            "{\"format\": \"\(CatalogFile.formatTag)\", \"products\": [\(products.joined(separator: ", "))], "
            + "\"rules\": [\(JSONWriter.object(rule))]}"
        let added: Catalog
        do throws(FormatError) {
            added = try CatalogFile.decode(Array(document.utf8))
        } catch {
            throw .invalid(path: "the rule", reason: error.description.replacingOccurrences(of: "rules[0].", with: ""))
        }
        let combined: Catalog
        do {
            combined = try Catalog(products: own.products + added.products, rules: own.rules + added.rules)
        } catch {
            throw .invalid(path: "the rule", reason: "\(error)")
        }
        let encoded = String(decoding: CatalogFile.encode(combined), as: UTF8.self)
        let at = now
        let signing = signing
        try await writing { writer in
            let before = try writer.ownCatalog()
            try writer.saveOwnCatalog(encoded)
            // The catalog is no record of the estate: the digest stays as it was.
            try signing.append(
                AuditChange(entity: "catalog", id: ruleID, action: "edit", before: before, after: encoded),
                actor: caller.name, at: at, state: try signing.lastState(in: writer, asOf: at.day), in: writer)
        }
        return ruleID
    }

    /// Reads every stored raw title with the catalog again and derives the installations afresh, as one audited
    /// change.
    public func applyCatalog(by caller: Caller) async throws(TallyError) -> CatalogSummary {
        let catalog = try await effectiveCatalog()
        let at = now
        let signing = signing
        return try await writing { writer in
            var summary = CatalogSummary()
            var estate = try writer.estate(asOf: at.day)
            for title in try writer.titles() {
                summary.titles += 1
                let key = title.key
                let outcome = TitleOutcome(
                    catalog.evaluate(
                        publisher: key.publisher.isEmpty ? nil : key.publisher, name: key.name,
                        version: key.version.isEmpty ? nil : key.version))
                guard outcome != title.outcome else { continue }
                summary.changed += 1
                try writer.updateTitle(title.id, outcome: outcome)
            }
            summary.installationsBefore = estate.installations.count { $0.source?.hasPrefix("inventory:") ?? false }
            let batch = try writer.openBatch(
                ImportSource(name: "catalog", digest: "", actor: caller.name, at: at), mode: "catalog")
            try writer.closeBatch(
                batch, counts: ImportCounts(updated: summary.changed, unchanged: summary.titles - summary.changed),
                origin: nil)
            let devices = try writer.devicesWithEvidence()
            let evidence = try writer.evidence(on: devices, excluding: nil)
            summary.productsAdded = try Self.addProducts(
                Set(evidence.map(\.product)), to: &estate, catalog: catalog, in: writer)
            summary.installationsAfter = try Self.rederive(
                devices, from: evidence, in: &estate, batch: batch, in: writer)
            try Self.check(estate)
            try signing.append(
                AuditChange(
                    entity: "catalog", id: String(batch), action: "apply", before: nil,
                    after: JSONWriter.object([
                        "titles": .int(summary.titles), "changed": .int(summary.changed),
                        "productsAdded": .int(summary.productsAdded),
                        "installationsBefore": .int(summary.installationsBefore),
                        "installationsAfter": .int(summary.installationsAfter),
                    ])),
                actor: caller.name, at: at, state: EstateDigest(estate, keys: signing.digests), in: writer)
            try writer.markChanged()
            return summary
        }
    }

    /// Raw titles no rule recognises: the review queue. Titles of publishers that sell commercial software come
    /// first, as probably licensable, each with the product it probably is; then the rest; each group by the number
    /// of devices that have them, most first.
    public func unrecognizedTitles(limit: Int) async throws(TallyError) -> [ReviewTitle] {
        // Only the built-in catalog has a publisher table: no need to build the rules' index for it.
        let publishers = try Self.builtinCatalog().publishers
        let titles = try await reading { try $0.unrecognized(limit: Int(Int32.max)) }
        let queue = titles.map { title in
            ReviewTitle(
                publisher: title.publisher, name: title.name, versions: title.versions,
                unnumbered: title.unnumberedVersions, devices: title.devices, publishers: publishers)
        }
        return Array(
            (queue.filter(\.probablyLicensable) + queue.filter { !$0.probablyLicensable }).prefix(max(0, limit)))
    }

    /// Makes the suggested product `id` of the review queue a product: a rule for its titles (their names without
    /// version, of the publisher's raw names) in the license manager's own catalog, then the stored titles read again.
    public func acceptSuggestion(
        _ id: Product.ID, by caller: Caller
    ) async throws(TallyError) -> (rule: String, suggestion: ProductSuggestion, applied: CatalogSummary) {
        let queue = try await unrecognizedTitles(limit: Int(Int32.max))
        let titles = queue.filter { $0.suggestion?.id == id }
        guard let first = titles.first, let suggestion = first.suggestion, let publisher = first.knownPublisher else {
            throw .notFound(kind: "suggested product in the review queue", id: id.rawValue)
        }
        var request = CatalogRuleRequest(names: Array(Set(titles.compactMap(\.suggestion?.namePattern))).sorted())
        request.publishers = publisher.patterns.map(\.text)
        request.product = id.rawValue
        request.productName = suggestion.name
        request.productPublisher = suggestion.publisher
        // The major release as the version, where every title's version starts with one (a rule's rawVersion that a
        // version does not match would leave that title unrecognised).
        if titles.allSatisfy({ $0.versionsStartWithNumber }) {
            request.rawVersion = "{major:number}*"
            request.version = "{major}"
        }
        request.note = "accepted from the review queue: \(suggestion.publisher) \(suggestion.name)"
        let rule = try await addCatalogRule(request, by: caller)
        let applied = try await applyCatalog(by: caller)
        return (rule, suggestion, applied)
    }

    /// Everything inventory sources saw on a device, with what the catalog made of it: present first, by name, then
    /// what was removed, latest first.
    /// The device is found as inventories name it too: `WS-0042` and `ws-0042.corp.example.com` are `ws-0042`.
    public func deviceSoftware(_ id: Device.ID) async throws(TallyError) -> [SoftwareSighting] {
        let sightings = try await reading { reader in
            let exact = try reader.sightings(on: id)
            guard exact.isEmpty else { return exact }
            let short = DeviceMatcher.shortName(id.rawValue)
            let candidates = try reader.devices(RecordQuery(search: short, page: PageRequest(limit: 1000))).items
            guard let known = DeviceMatcher(devices: candidates).match(serial: nil, name: id.rawValue) else {
                return []
            }
            return try reader.sightings(on: known)
        }
        guard !sightings.isEmpty else { throw .notFound(kind: "software reported on device", id: id.rawValue) }
        let catalog = try await effectiveCatalog()
        return sightings.map { sighting in
            var explained = sighting
            explained.reason = Self.reason(for: sighting, catalog: catalog)
            return explained
        }
    }

    /// Why the catalog reads a title as it does: the deciding rule and what it says (`java-runtime (runtime)`,
    /// `office-proofing (part of microsoft-office)`), or for an unrecognised title whether it is probably licensable.
    static func reason(for sighting: SoftwareSighting, catalog: Normalizer) -> String {
        switch sighting.outcome {
        case "product":
            return catalog.rule(matching: sighting.publisher, name: sighting.name, version: sighting.version)?.id
                .rawValue ?? "a rule of an earlier catalog; `tally catalog apply` reads it again"
        case "ignored":
            let id = sighting.rule ?? ""
            switch catalog.catalog.rule(CatalogRule.ID(id))?.outcome {
            case .ignore(let why)?: return "\(id) (\(why.rawValue))"
            case .componentOf(let suite)?: return "\(id) (part of \(suite))"
            default: return id
            }
        default:
            guard let known = catalog.catalog.publishers.publisher(of: sighting.publisher), known.kind == .commercial
            else { return "no rule matches" }
            return "no rule matches; probably licensable: \(known.name) sells commercial software"
        }
    }

    private static let emptyCatalog = "{\"format\": \"\(CatalogFile.formatTag)\", \"products\": [], \"rules\": []}"
}
