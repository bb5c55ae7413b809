import ArgumentParser
import Foundation
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

/// `tally contract add|edit|attach|show|list`.
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Record contracts, attach their documents, and see what they group.",
        discussion: "An entitlement belongs to a contract when its --contract names the contract's id.",
        subcommands: [Add.self, Edit.self, Attach.self, Show.self, List.self])

    /// The values of a contract, each optional so that `edit` changes only what is given; an empty text clears one.
    struct Values: ParsableArguments {
        @Option(help: "Who it is with.") var vendor: String?
        @Option(help: "Its number or reference.") var number: String?
        @Option(help: "First day (YYYY-MM-DD).") var start: Day?
        @Option(help: "Last day, unless it renews (YYYY-MM-DD).") var end: Day?
        @Option(help: "The day it renews or must be renewed (YYYY-MM-DD; default: its end).") var renewal: Day?
        @Option(
            name: .customLong("notice-days"), parsing: .unconditional,
            help: "Days before the renewal by which notice must be given.")
        var noticeDays: Int?
        @Flag(
            name: .customLong("auto-renew"), inversion: .prefixedNo,
            help: "It renews by itself unless notice is given (--no-auto-renew: it does not).")
        var autoRenew: Bool?
        @Option(help: "Who looks after it: an account's name or an email address.") var owner: String?
        @Option(help: "Anything worth knowing.") var notes: String?

        /// The values given; an empty text clears the value.
        var change: ContractChange {
            var change = ContractChange()
            change.vendor = vendor
            change.number = number
            change.owner = owner
            change.notes = notes
            change.start = start
            change.end = end
            change.renewal = renewal
            change.noticeDays = noticeDays
            change.autoRenew = autoRenew
            return change
        }
    }

    /// `tally contract add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a contract.")

        @Argument(help: "The new contract's id (what entitlements name in --contract).") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let item = values.change.applied(to: Contract(id: .init(id)))
                try await edit(store, who, done: "Added contract \(id).") { operations, caller throws(TallyError) in
                    do throws(TallyError) {
                        try await operations.addContract(item, by: caller)
                    } catch .conflict(let reason) {
                        throw .conflict(reason + "; change it with `tally contract edit`")
                    }
                }
            }
        }
    }

    /// `tally contract edit`.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a contract's values; what is not given stays (an empty text clears it).")

        @Argument(help: "The contract's id.") var id: String
        @OptionGroup var values: Values
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Changed contract \(id).") { operations, caller throws(TallyError) in
                    try await operations.editContract(.init(id), values.change, by: caller)
                }
            }
        }
    }

    /// `tally contract attach`.
    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a document (a PDF, any file up to 64 MB) to a contract.",
            discussion: "The file is kept beside the store (STORE.documents/), named by its SHA-256.")

        @Argument(help: "The contract's id.") var id: String
        @Argument(help: "The file to attach.") var file: String
        @Option(help: "The name to list it under (default: the file's name).") var name: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                let bytes = try Terminal.readFile(file)
                let upload = Upload(name: name ?? (file as NSString).lastPathComponent, bytes: bytes)
                let operations = try store.operations()
                let document: ContractDocument
                do throws(TallyError) {
                    document = try await operations.attachDocument(to: .init(id), upload, by: who.caller)
                } catch {
                    throw store.failure(error)
                }
                Terminal.write(
                    "Attached \(document.name) to contract \(id) as document \(document.id) "
                        + "(\(PositionTable.grouped(document.size)) bytes, SHA-256 \(document.sha256)).\n")
            }
        }
    }

    /// `tally contract show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a contract: its terms, its notice deadline, its entitlements and documents.")

        @Argument(help: "The contract's id.") var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.reading()
                let (contract, entitlements, documents): (Contract, [Entitlement], [ContractDocument])
                do throws(TallyError) {
                    guard let found = try await operations.contract(.init(id)) else {
                        throw TallyError.notFound(kind: "contract", id: id)
                    }
                    contract = found
                    entitlements = try await operations.entitlements(of: .init(id))
                    documents = try await operations.documents(of: .init(id))
                } catch {
                    throw store.failure(error)
                }
                Terminal.write(ContractOutput.text(contract, entitlements: entitlements, documents: documents))
            }
        }
    }

    /// `tally contract list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the contracts, by id.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.reading()
                let contracts: [Contract]
                do throws(TallyError) { contracts = try await operations.contracts() } catch {
                    throw store.failure(error)
                }
                Terminal.write(ContractOutput.table(contracts))
            }
        }
    }
}
