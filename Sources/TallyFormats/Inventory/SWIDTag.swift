/// One ISO/IEC 19770-2 software identification (SWID) tag: the software it names, and whether it names a product
/// of its own.
///
/// Both published schemas are read:
/// - 2015: `<SoftwareIdentity name= version= tagId=>` with `<Entity name= role=>` children (roles `softwareCreator`,
///   `licensor`, `tagCreator`, … space-separated) and `<Meta edition=>`;
/// - 2009: `<swid:software_identification_tag>` with `swid:product_title`, `swid:product_version` (`swid:name`, or
///   its `swid:numeric` parts), `swid:software_creator`, `swid:software_licensor`, `swid:tag_creator` (each with a
///   `swid:name`) and `swid:software_id/swid:unique_id`.
///
/// The publisher is the software creator, else the licensor, else the tag creator (a tag written by a packaging
/// tool names that tool's maker as tag creator: `tagCreator` is kept apart so that a caller can tell). Anything else
/// in a tag, a `ds:Signature` or a `Payload` of files, is ignored. A tag is read per file; reading a folder of tags
/// is the caller's work.
public struct SWIDTag: Sendable, Equatable {
    /// Which edition of ISO/IEC 19770-2 the tag follows.
    public enum Schema: String, Sendable, CaseIterable {
        case iso2015 = "ISO/IEC 19770-2:2015"
        case iso2009 = "ISO/IEC 19770-2:2009"
    }

    /// What the tag describes.
    public enum Kind: String, Sendable, CaseIterable {
        /// Installed software: a product of its own.
        case primary
        /// A patch to installed software (`patch="true"`).
        case patch
        /// Details added to another tag (`supplemental="true"`).
        case supplemental
        /// An installation package, not installed software (`corpus="true"`).
        case corpus
    }

    /// The software, with `origin` `swid`.
    public var software: RawSoftware
    /// A product, a patch, a supplemental tag or an installation package.
    public var kind: Kind
    /// The edition of the standard the tag follows.
    public var schema: Schema
    /// The tag's `tagId` (2015) or `unique_id` (2009).
    public var tagID: String?
    /// Who made the software (2015 role `softwareCreator`, 2009 `software_creator`).
    public var softwareCreator: String?
    /// Who licenses it (2015 role `licensor`, 2009 `software_licensor`).
    public var licensor: String?
    /// Who wrote the tag: the software's maker, or a tool that tags what a package manager installed.
    public var tagCreator: String?
    /// The edition the tag names (2015 `Meta edition=`), which may decide the license (`Enterprise`).
    public var edition: String?
    /// Whether the software needs an entitlement to run (2009 `entitlement_required_indicator`, 2015
    /// `Meta entitlementDataRequired=`), where the tag says.
    public var entitlementRequired: Bool?

    /// Whether the tag names a product of its own: patches, supplemental tags and installation packages do not.
    public var isProduct: Bool { kind == .primary }

    /// A tag from its parts.
    public init(
        software: RawSoftware, kind: Kind = .primary, schema: Schema, tagID: String? = nil,
        softwareCreator: String? = nil, licensor: String? = nil, tagCreator: String? = nil, edition: String? = nil,
        entitlementRequired: Bool? = nil
    ) {
        self.software = software
        self.kind = kind
        self.schema = schema
        self.tagID = tagID
        self.softwareCreator = softwareCreator
        self.licensor = licensor
        self.tagCreator = tagCreator
        self.edition = edition
        self.entitlementRequired = entitlementRequired
    }

    /// Parses the bytes of one `.swidtag` file.
    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> SWIDTag {
        let root = try XMLTree(bytes).root
        switch root.localName {
        case "SoftwareIdentity": return try iso2015(root)
        case "software_identification_tag": return try iso2009(root)
        default:
            throw .field(
                path: root.name,
                reason: "this is not a SWID tag: a tag's root element is <SoftwareIdentity> (ISO/IEC 19770-2:2015) "
                    + "or <swid:software_identification_tag> (2009)")
        }
    }

    private static func iso2015(_ root: XMLTree.Element) throws(FormatError) -> SWIDTag {
        guard let name = InventoryText.nonEmpty(root.attribute("name")) else {
            throw .field(path: "SoftwareIdentity", reason: "the tag has no name= for its software")
        }
        func flag(_ attribute: String) -> Bool {
            ["true", "1"].contains(InventoryText.trimmed(root.attribute(attribute) ?? "").lowercased())
        }
        let kind: Kind =
            flag("patch") ? .patch : flag("supplemental") ? .supplemental : flag("corpus") ? .corpus : .primary
        func entity(_ role: String) -> String? {
            root.children("Entity").first { entity in
                (entity.attribute("role") ?? "").split(whereSeparator: \.isWhitespace).contains { $0 == role }
            }.flatMap { InventoryText.nonEmpty($0.attribute("name")) }
        }
        let metas = root.children("Meta")
        let required = metas.lazy.compactMap { $0.attribute("entitlementDataRequired") }.first
        var tag = SWIDTag(
            software: RawSoftware(
                name: name, version: InventoryText.nonEmpty(root.attribute("version")), origin: "swid"),
            kind: kind, schema: .iso2015, tagID: InventoryText.nonEmpty(root.attribute("tagId")),
            softwareCreator: entity("softwareCreator"), licensor: entity("licensor"), tagCreator: entity("tagCreator"),
            edition: metas.lazy.compactMap { InventoryText.nonEmpty($0.attribute("edition")) }.first,
            entitlementRequired: required.flatMap(CellValue.bool))
        tag.software.publisher = tag.softwareCreator ?? tag.licensor ?? tag.tagCreator
        // The edition decides the license (`SQL Server 2019` of edition `Enterprise`): the catalog reads it as part of
        // the name, as Windows titles write it, unless the name already says it.
        if let edition = tag.edition, !name.lowercased().contains(edition.lowercased()) {
            tag.software.name = name + " " + edition
        }
        return tag
    }

    private static func iso2009(_ root: XMLTree.Element) throws(FormatError) -> SWIDTag {
        guard let name = root.childText("product_title") else {
            throw .field(path: "swid:product_title", reason: "missing: the tag does not name its software")
        }
        var version: String?
        if let product = root.children("product_version").first {
            version = product.childText("name")
            if version == nil, let numeric = product.children("numeric").first {
                let parts = ["major", "minor", "build", "review"].compactMap { numeric.childText($0) }
                version = parts.isEmpty ? nil : parts.joined(separator: ".")
            }
        }
        func party(_ element: String) -> String? {
            root.children(element).first?.childText("name")
        }
        var tag = SWIDTag(
            software: RawSoftware(name: name, version: version, origin: "swid"), schema: .iso2009,
            tagID: root.children("software_id").first?.childText("unique_id"),
            softwareCreator: party("software_creator"), licensor: party("software_licensor"),
            tagCreator: party("tag_creator"),
            entitlementRequired: root.childText("entitlement_required_indicator").flatMap(CellValue.bool))
        tag.software.publisher = tag.softwareCreator ?? tag.licensor ?? tag.tagCreator
        return tag
    }
}
