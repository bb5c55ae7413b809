import Testing

@testable import TallyCore

/// The product suggested for a probably licensable title: its name without what tells one copy from another.
@Suite("Product suggestions")
struct ProductSuggestionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let publisher: String
        let title: String
        let name: String
        let id: String
        var testDescription: String { title }
    }

    static let cases: [Case] = [
        Case(
            publisher: "Proxy Networks", title: "PROXY Pro Host 7.0 (x86)", name: "PROXY Pro Host", id: "proxy-pro-host"
        ),
        Case(publisher: "ESET", title: "Zork Agent V11", name: "Zork Agent", id: "eset-zork-agent"),
        Case(
            publisher: "Veeam Software", title: "Veeam Agent for Microsoft Windows 6.1.0.349",
            name:
                "Veeam Agent for Microsoft Windows", id: "veeam-agent-for-microsoft-windows"),
        Case(
            publisher: "O&O Software", title: "O&O Defrag Professional Edition 14.1",
            name:
                "O&O Defrag Professional Edition", id: "o-o-defrag-professional-edition"),
        Case(publisher: "1C", title: "1C:Enterprise 8.3 (x86-64)", name: "1C:Enterprise", id: "1c-enterprise"),
        Case(publisher: "ASCON", title: "KOMPAS-3D v21 Home", name: "KOMPAS-3D Home", id: "ascon-kompas-3d-home"),
        Case(
            publisher: "Microsoft", title: "Contoso Add-in 2019 - en-us", name: "Contoso Add-in",
            id: "microsoft-contoso-add-in"),
        Case(
            publisher: "Identity Finder", title: "Identity Finder 5.2.1", name: "Identity Finder", id: "identity-finder"
        ),
        Case(
            publisher: "Ivanti", title: "Ivanti Deployment Agent (CCA) 2019.1 SP2 HF1", name: "Ivanti Deployment Agent",
            id: "ivanti-deployment-agent"),
        Case(publisher: "КриптоПро", title: "КриптоПро CSP 5.0.12000", name: "КриптоПро CSP", id: "криптопро-csp"),
    ]

    @Test("The name keeps the product's words and drops versions, bitness and languages", arguments: cases)
    func names(_ example: Case) throws {
        let suggestion = ProductSuggestion(publisher: example.publisher, title: example.title)
        #expect(suggestion.name == example.name)
        #expect(suggestion.id.rawValue == example.id)
        #expect(suggestion.publisher == example.publisher)
        #expect(try Pattern(suggestion.namePattern).matches(example.title), "the pattern matches its own title")
    }

    @Test("The pattern takes other versions of the title, and its glob characters are plain")
    func patterns() throws {
        let middle = ProductSuggestion(publisher: "Contoso", title: "Contoso Server 2019 Standard")
        #expect(middle.name == "Contoso Server Standard")
        #expect(middle.namePattern == "Contoso Server*Standard*")
        #expect(try Pattern(middle.namePattern).matches("Contoso Server 2022 Standard"))
        let glob = ProductSuggestion(publisher: "Contoso", title: "Contoso [Beta]* Tool? 2")
        #expect(try Pattern(glob.namePattern).matches("Contoso [Beta]* Tool? 3"))
        #expect(try !Pattern(glob.namePattern).matches("Contoso Beta Tool 3"))
    }

    @Test("A title of noise alone keeps its first word")
    func firstWordKept() {
        #expect(ProductSuggestion(publisher: "Contoso", title: "2019 (x64)").name == "2019")
        #expect(ProductSuggestion(publisher: "", title: "Tool").id.rawValue == "publisher-tool")
    }

    @Test("A closing bracket without its opening one is a character of its word, and the words after it stay apart")
    func strayBracket() throws {
        let suggestion = ProductSuggestion(publisher: "Contoso", title: "Contoso Tool) Pro 2.0")
        #expect(suggestion.name == "Contoso Tool) Pro")
        #expect(try Pattern(suggestion.namePattern).matches("Contoso Tool) Pro 2.0"))
    }
}
