import TallyCore
import Testing

@testable import TallyFormats

/// ISO/IEC 19770-2 SWID tags: the real 2015 samples (one signed), 2009 tags written from the schema, and the tags
/// that are not products of their own.
@Suite("Inventory SWID tags")
struct InventorySWIDTests {
    static func shared(_ name: String) throws -> SWIDTag {
        try SWIDTag.parse(InventorySamples.shared("swid", name))
    }

    static func fixture(_ name: String) throws -> SWIDTag {
        try SWIDTag.parse(InventorySamples.fixture(name))
    }

    @Test("NIST's tag: one entity that is both software and tag creator")
    func nist() throws {
        let tag = try Self.shared("nist-authoritative.swidtag")
        #expect(
            tag
                == SWIDTag(
                    software: RawSoftware(
                        publisher: "National Institute of Standards and Technology", name: "swidval",
                        version: "0.5.0.1", origin: "swid"),
                    schema: .iso2015, tagID: "gov.nist.decima-swidval-0.5.0.1",
                    softwareCreator: "National Institute of Standards and Technology",
                    tagCreator: "National Institute of Standards and Technology"))
        #expect(tag.isProduct)
    }

    @Test("the signed strongSwan tag: the signature is ignored, the tag creator is the only publisher named")
    func signed() throws {
        let tag = try Self.shared("strongswan-deb-signed.swidtag")
        #expect(
            tag
                == SWIDTag(
                    software: RawSoftware(
                        publisher: "strongSwan Project", name: "docker", version: "1.5-1", origin: "swid"),
                    schema: .iso2015, tagID: "debian_stretch~sid-x86_64-docker-1.5-1",
                    tagCreator: "strongSwan Project"))
        #expect(tag.softwareCreator == nil)
    }

    @Test("the strongSwan rpm tag, whose attributes come before its namespaces")
    func rpm() throws {
        let tag = try Self.shared("strongswan-rpm.swidtag")
        #expect(tag.software.name == "docker-ce")
        #expect(tag.software.version == "17.03.0.ce-1.fc24.x86_64")
        #expect(tag.tagID == "Fedora_28-x86_64-docker-ce-17.03.0.ce-1.fc24.x86_64")
        #expect(tag.kind == .primary && tag.schema == .iso2015)
    }

    @Test("a 2015 tag with an edition (read as part of the name), several entities, the software creator as publisher")
    func edition() throws {
        let tag = try Self.fixture("swid2015-edition.swidtag")
        #expect(
            tag
                == SWIDTag(
                    software: RawSoftware(
                        publisher: "Contoso Ltd.", name: "Contoso Analytics Enterprise", version: "12.1",
                        origin: "swid"),
                    schema: .iso2015, tagID: "com.contoso.analytics-12.1", softwareCreator: "Contoso Ltd.",
                    licensor: "Contoso Resale", tagCreator: "Example Packaging", edition: "Enterprise",
                    entitlementRequired: true))
    }

    @Test("supplemental and patch tags are reported as such, not as products; prefixed elements still count")
    func notProducts() throws {
        let supplemental = try Self.fixture("swid2015-supplemental.swidtag")
        #expect(supplemental.kind == .supplemental && !supplemental.isProduct)
        #expect(supplemental.softwareCreator == "Contoso Ltd.")
        #expect(supplemental.software.publisher == "Contoso Ltd.")
        let patch = try Self.fixture("swid2015-patch.swidtag")
        #expect(patch.kind == .patch && !patch.isProduct)
        // The licensor stands in for a missing software creator.
        #expect(patch.software.publisher == "Contoso Ltd.")
        #expect(patch.software.version == "12.1.3")
        let corpus = try SWIDTag.parse(Array(#"<SoftwareIdentity name="Setup" corpus="true"/>"#.utf8))
        #expect(corpus.kind == .corpus && corpus.software.version == nil)
    }

    @Test("a 2009 tag, with a byte-order mark: title, version name, creator, licensor and unique id")
    func iso2009() throws {
        let tag = try Self.fixture("swid2009-acrobat.swidtag")
        #expect(
            tag
                == SWIDTag(
                    software: RawSoftware(
                        publisher: "Adobe Systems Incorporated", name: "Acrobat X Pro", version: "10.0",
                        origin: "swid"),
                    schema: .iso2009, tagID: "AcrobatPro-AS1-Win-GM-MUL", softwareCreator: "Adobe Systems Incorporated",
                    licensor: "Adobe Systems Incorporated", tagCreator: "Adobe Systems Incorporated",
                    entitlementRequired: true))
    }

    @Test("a 2009 tag (2008 draft namespace) with only numeric version parts, entities, CDATA and a DOCTYPE")
    func iso2009Numeric() throws {
        let tag = try Self.fixture("swid2009-numeric.swidtag")
        #expect(tag.schema == .iso2009)
        #expect(tag.software.name == "Contoso Analytics & Reporting <Server>")
        #expect(tag.software.version == "12.1.0.3")
        #expect(tag.software.publisher == "Contoso \u{2013} Packaging")
        #expect(tag.softwareCreator == nil && tag.tagCreator == "Contoso \u{2013} Packaging")
        #expect(tag.tagID == "contoso-analytics-12")
        #expect(tag.entitlementRequired == false)
    }

    @Test("a tag in UTF-16 with a byte-order mark")
    func utf16() throws {
        let text =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<SoftwareIdentity name=\"Visio\" version=\"16.0\">"
            + "<Entity name=\"Microsoft Corporation\" role=\"softwareCreator tagCreator\"/></SoftwareIdentity>"
        let tag = try SWIDTag.parse(InventorySamples.utf16LE(text))
        #expect(
            tag.software
                == RawSoftware(publisher: "Microsoft Corporation", name: "Visio", version: "16.0", origin: "swid"))
    }

    @Test("malformed XML is one error naming its line and column")
    func malformed() {
        let mismatched =
            "<?xml version=\"1.0\"?>\n<SoftwareIdentity name=\"A\">\n  <Entity name=\"B\">\n</SoftwareIdentity>"
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array(mismatched.utf8)) }
                == .syntax(line: 4, column: 19, reason: "</SoftwareIdentity> closes <Entity>, opened on line 3"))
        let unquoted = "<SoftwareIdentity\n    name=A/>"
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array(unquoted.utf8)) }
                == .syntax(line: 2, column: 10, reason: "the value of the attribute name must be in quotes"))
        let entity = "<SoftwareIdentity name=\"A &copy; B\"/>"
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array(entity.utf8)) }
                == .syntax(line: 1, column: 27, reason: "the entity &copy; is not one XML knows"))
        let comment = "<!-- never ends\n<SoftwareIdentity name=\"A\"/>"
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array(comment.utf8)) }
                == .syntax(line: 1, column: 1, reason: "a comment that starts on this line never ends"))
        let unclosed = "<SoftwareIdentity name=\"A\">\n<Entity/>\n"
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array(unclosed.utf8)) }
                == .syntax(line: 3, column: 1, reason: "the element <SoftwareIdentity> is never closed"))
    }

    @Test("XML that is not a SWID tag, or a tag without a name, is refused")
    func notATag() {
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array("<html><body/></html>".utf8)) }
                == .field(
                    path: "html",
                    reason: "this is not a SWID tag: a tag's root element is <SoftwareIdentity> (ISO/IEC "
                        + "19770-2:2015) or <swid:software_identification_tag> (2009)"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try SWIDTag.parse(Array("<SoftwareIdentity version=\"1\"/>".utf8))
            } == .field(path: "SoftwareIdentity", reason: "the tag has no name= for its software"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in
                try SWIDTag.parse(Array("<swid:software_identification_tag xmlns:swid=\"x\"/>".utf8))
            } == .field(path: "swid:product_title", reason: "missing: the tag does not name its software"))
        #expect(
            InventorySamples.failure { () throws(FormatError) in try SWIDTag.parse(Array("  \n".utf8)) }
                == .syntax(line: 2, column: 1, reason: "the file holds no XML element"))
    }
}
