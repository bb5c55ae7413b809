import ArgumentParser
import Foundation
import TallyApp
import TallyCore
import TallyFormats
import TallyStore

extension Role: ExpressibleByArgument {}

/// `tally user`: the accounts of the web application.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list, disable accounts of the web application, or set their password.",
        discussion: """
            Roles: admin (everything, accounts included), manager (purchases, products, assignments, imports), \
            auditor (reads everything, verifies the audit trail, exports; never writes), viewer (reads the \
            consumers and positions of their department, all of them without one).
            """,
        subcommands: [Add.self, List.self, Disable.self, Password.self, SetRole.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; its password is made and shown once unless --password-stdin gives one.")

        @Argument(help: "The name the account signs in with.") var name: String
        @Option(name: .long, help: "admin, manager, auditor or viewer.") var role: Role
        @Option(name: .long, help: "For a viewer: the department whose consumers they see.") var department: String?
        @OptionGroup var password: PasswordOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await password.setting(store, who, done: "Added \(role.rawValue) account \(name).") {
                    operations, given, caller throws(TallyError) in
                    try await operations.addAccount(
                        name, role: role, department: department.map { .init($0) }, password: given, by: caller
                    ).password
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        @Flag(name: .long, help: "Write JSON instead of a table.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await reportingErrors {
                let operations = try store.reading()
                let accounts: [Account]
                do throws(TallyError) {
                    accounts = try await operations.accounts()
                } catch {
                    throw store.failure(error)
                }
                if json {
                    let objects = accounts.map { account in
                        JSONWriter.object([
                            "name": .string(account.name), "role": .string(account.role.rawValue),
                            "department": .string(account.department?.rawValue), "disabled": .bool(account.disabled),
                            "created": .string(account.created.description),
                        ])
                    }
                    Terminal.write("[" + objects.joined(separator: ",\n ") + "]\n")
                    return
                }
                let shown = Terminal.printable
                var table = TextTable(["ACCOUNT", "ROLE", "DEPARTMENT", "STATE", "CREATED"], right: [])
                for account in accounts {
                    table.append([
                        shown(account.name), account.role.rawValue, shown(account.department?.rawValue ?? "-"),
                        account.disabled ? "disabled" : "active", account.created.description,
                    ])
                }
                Terminal.write(table.render() + "\(accounts.count) accounts.\n")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: its sessions end and its API tokens stop working.")

        @Argument(help: "The account's name.") var name: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "Disabled account \(name).") { operations, caller throws(TallyError) in
                    _ = try await operations.disableAccount(name, by: caller)
                }
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password (made and shown once unless --password-stdin gives one); its "
                + "sessions end.")

        @Argument(help: "The account's name.") var name: String
        @OptionGroup var password: PasswordOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await password.setting(store, who, done: "Set the password of \(name).") {
                    operations, given, caller throws(TallyError) in
                    try await operations.setPassword(name, to: given, by: caller)
                }
            }
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role", abstract: "Change an account's role and department.")

        @Argument(help: "The account's name.") var name: String
        @Option(name: .long, help: "admin, manager, auditor or viewer.") var role: Role
        @Option(name: .long, help: "For a viewer: the department whose consumers they see.") var department: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                try await edit(store, who, done: "\(name) is now \(role.rawValue).") {
                    operations, caller throws(TallyError) in
                    _ = try await operations.setRole(
                        name, role: role, department: department.map { .init($0) }, by: caller)
                }
            }
        }
    }
}

/// `tally token`: API tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Make API tokens, sent as `Authorization: Bearer TOKEN`.",
        subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token for an account; it is shown once, the store keeps only its digest.")

        @Option(name: .long, help: "The account the token acts as.") var user: String
        @Option(name: .long, help: "The first day it is no longer accepted (YYYY-MM-DD; default: never).")
        var expires: Day?
        @OptionGroup var store: StoreOptions
        @OptionGroup var who: ActorOptions

        func run() async throws {
            try await reportingErrors {
                var token = ""
                try await edit(store, who, done: "Made an API token for \(user).") {
                    operations, caller throws(TallyError) in
                    token = try await operations.createToken(for: user, expires: expires, by: caller)
                }
                Terminal.write("Token (shown once): \(token)\n")
            }
        }
    }
}

/// Where a new password comes from: made by the operation and shown once, or the first line of standard input.
struct PasswordOptions: ParsableArguments {
    @Flag(name: .long, help: "Read the password from the first line of standard input.") var passwordStdin = false

    /// Runs an edit that sets a password (`given`, or nil for one made), then shows a made password once.
    func setting(
        _ store: StoreOptions, _ who: ActorOptions, done message: String,
        _ body: (Operations, String?, Caller) async throws(TallyError) -> String
    ) async throws(CommandError) {
        let given = passwordStdin ? try Terminal.readPassword() : nil
        var made = ""
        try await edit(store, who, done: message) { operations, caller throws(TallyError) in
            made = try await body(operations, given, caller)
        }
        if given == nil { Terminal.write("Password (shown once): \(made)\n") }
    }
}
