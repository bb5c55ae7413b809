import TallyCore

/// One reader per object kind of the catalog format.
extension JSONReader {
    mutating func catalogProduct(at index: Int) throws(FormatError) -> CatalogProduct {
        let keys = CatalogKeys.product
        var id: String?, publisher: String?, name: String?
        try readObject(keys, at: "products[\(index)]") { reader, field throws(FormatError) in
            let path = "products[\(index)].\(field.rawValue)"
            switch field {
            case .id: id = try reader.string(path)
            case .publisher: publisher = try reader.string(path)
            case .name: name = try reader.string(path)
            }
        }
        guard let id else { throw missing("products[\(index)].id", "a stable id such as \"adobe-acrobat-pro\"") }
        guard let publisher else { throw missing("products[\(index)].publisher") }
        guard let name else { throw missing("products[\(index)].name") }
        return CatalogProduct(id: .init(id), publisher: publisher, name: name)
    }

    mutating func catalogRule(at index: Int) throws(FormatError) -> CatalogRule {
        let keys = CatalogKeys.rule
        let at = "rules[\(index)]"
        var id: String?, note: String?
        var publisher: [Pattern] = [], name: [Pattern]?, rawVersion: Pattern?
        var releases: [String: String] = [:]
        var product: String?, version: VersionTemplate?, componentOf: String?, ignore: CatalogRule.IgnoreReason?
        var outcomes: [CatalogRuleKey] = []
        try readObject(keys, at: at) { reader, field throws(FormatError) in
            let path = "\(at).\(field.rawValue)"
            switch field {
            case .id: id = try reader.string(path)
            case .publisher: publisher = try reader.patterns(path)
            case .name: name = try reader.patterns(path)
            case .rawVersion: rawVersion = try reader.pattern(path)
            case .product:
                product = try reader.string(path)
                outcomes.append(field)
            case .version:
                let text = try reader.string(path)
                do throws(CatalogError) {
                    version = try VersionTemplate(text)
                } catch {
                    throw .field(path: path, reason: error.description)
                }
            case .releases: releases = try reader.releases(path)
            case .componentOf:
                componentOf = try reader.string(path)
                outcomes.append(field)
            case .ignore:
                ignore = try reader.choice(path, as: CatalogRule.IgnoreReason.self)
                outcomes.append(field)
            case .note: note = try reader.optionalString(path)
            }
        }
        guard let id else { throw missing("\(at).id", "a stable id such as \"office-proplus\"") }
        guard let name else {
            throw missing("\(at).name", "a pattern for the name, as in \"Microsoft Visio Professional {year}*\"")
        }
        guard outcomes.count == 1 else {
            if outcomes.isEmpty {
                throw .field(path: at, reason: "a rule needs one of product, ignore or componentOf")
            }
            throw .field(
                path: "\(at).\(outcomes[1].rawValue)",
                reason: "a rule has one outcome; this one already has \(outcomes[0].rawValue)")
        }
        let outcome: CatalogRule.Outcome
        if let product {
            outcome = .product(.init(product), version: version)
        } else {
            if version != nil {
                throw .field(path: "\(at).version", reason: "only a rule with a product writes a version")
            }
            if let componentOf {
                outcome = .componentOf(.init(componentOf))
            } else {
                outcome = .ignore(ignore ?? .free)
            }
        }
        return CatalogRule(
            id: .init(id), publisher: publisher, name: name, rawVersion: rawVersion, outcome: outcome,
            releases: releases, note: note)
    }

    /// The releases of a rule: an object from a version as the rule writes it to the release a license names.
    mutating func releases(_ path: String) throws(FormatError) -> [String: String] {
        guard try peekKind() == .object else {
            throw mismatch(path, expected: "an object from versions to releases, as in {\"14\": \"2017\"}")
        }
        var releases: [String: String] = [:]
        try readObject { reader, key throws(FormatError) in
            let version = String(decoding: key, as: UTF8.self)
            let release = try reader.string("\(path).\(version)")
            guard !version.isEmpty, !release.isEmpty else {
                throw .field(path: "\(path).\(version)", reason: "is empty; write a version and its release")
            }
            guard releases.updateValue(release, forKey: version) == nil else {
                throw .field(path: "\(path).\(version)", reason: "is given twice")
            }
        }
        return releases
    }

    mutating func publisher(at index: Int) throws(FormatError) -> PublisherTable.Publisher {
        let at = "publishers[\(index)]"
        var name: String?, patterns: [Pattern]?, kind: PublisherTable.Kind?
        try readObject(CatalogKeys.publisher, at: at) { reader, field throws(FormatError) in
            let path = "\(at).\(field.rawValue)"
            switch field {
            case .name: name = try reader.string(path)
            case .patterns: patterns = try reader.patterns(path)
            case .kind: kind = try reader.choice(path, as: PublisherTable.Kind.self)
            }
        }
        guard let name else { throw missing("\(at).name", "the publisher's name, as in \"Proxy Networks\"") }
        guard let patterns else { throw missing("\(at).patterns", "the raw publishers, as in \"Proxy Networks*\"") }
        guard let kind else { throw missing("\(at).kind", "commercial or free") }
        return PublisherTable.Publisher(name: name, patterns: patterns, kind: kind)
    }

    /// One pattern, or a list of them, any of which may match.
    mutating func patterns(_ path: String) throws(FormatError) -> [Pattern] {
        switch try peekKind() {
        case .string: return [try pattern(path)]
        case .array: break
        default: throw mismatch(path, expected: "a pattern in a string, or a list of patterns")
        }
        var patterns: [Pattern] = []
        try readArray { reader, index throws(FormatError) in
            patterns.append(try reader.pattern("\(path)[\(index)]"))
        }
        guard !patterns.isEmpty else { throw .field(path: path, reason: "is an empty list; give one pattern or more") }
        return patterns
    }

    mutating func pattern(_ path: String) throws(FormatError) -> Pattern {
        guard try peekKind() == .string else { throw mismatch(path, expected: "a pattern in a string") }
        let text = try readString()
        do throws(CatalogError) {
            return try Pattern(text)
        } catch {
            throw .field(path: path, reason: error.description)
        }
    }
}
