import ArgumentParser
import Foundation

/// What the user meant by a command that does not exist: the closest command name of the group, if one is close.
enum CommandSuggestion {
    /// The first word of `arguments` (options skipped) that names no subcommand of the group reached so far, with
    /// the group's path and the closest name; nil when every word names a command.
    static func unknown(
        in arguments: [String], root: any ParsableCommand.Type
    )
        -> (word: String, path: String, closest: String?)?
    {
        var command: any ParsableCommand.Type = root
        var path = [root.configuration.commandName ?? "tally"]
        for argument in arguments {
            guard !argument.hasPrefix("-") else { return nil }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { names($0).contains(argument) }) {
                command = next
                path.append(argument)
                continue
            }
            let candidates = subcommands.flatMap(names)
            let closest = candidates.map { ($0, distance($0, argument)) }.filter { $0.1 <= max(2, argument.count / 3) }
                .min { $0.1 < $1.1 }?.0
            return (argument, path.joined(separator: " "), closest)
        }
        return nil
    }

    private static func names(_ command: any ParsableCommand.Type) -> [String] {
        [command._commandName] + command.configuration.aliases
    }

    /// The edit distance between two words (insertions, deletions, substitutions).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Tally {
    /// Runs the command line, first naming a command that does not exist (with the closest one), as an option
    /// misspelt is named; `tally help NAME` of no command fails the same way.
    static func main() async {
        var words = Array(CommandLine.arguments.dropFirst())
        if words.first == "help" { words.removeFirst() }
        if let unknown = CommandSuggestion.unknown(in: words, root: Tally.self) {
            let hint = unknown.closest.map { " Did you mean '\($0)'?" } ?? ""
            Terminal.error(
                "Error: '\(unknown.word)' is not a command of '\(unknown.path)'.\(hint)\n"
                    + "  See '\(unknown.path) --help' for the commands.")
            Foundation.exit(64)
        }
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
