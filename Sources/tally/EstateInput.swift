import ArgumentParser
import TallyCore
import TallyFormats

/// Loading an estate file for a command, with every problem turned into one message naming the file.
enum EstateInput {
    static func load(_ path: String, asOf: Day?) throws(CommandError) -> Estate {
        let bytes = try Terminal.readFile(path)
        do {
            var estate = try EstateFile.decode(bytes)
            if let asOf { estate.asOf = asOf }
            return estate
        } catch {
            throw .input(path, reason: error.description)
        }
    }

    static func reconcile(_ estate: Estate, path: String) throws(CommandError) -> Reconciliation {
        do {
            return try Reconciler.reconcile(estate)
        } catch {
            throw .input(path, reason: error.description)
        }
    }
}

/// Runs a command body, printing any failure as one line on standard error and exiting with status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CommandError {
        Terminal.error("error: \(error.description)")
        throw ExitCode(1)
    }
}

/// Runs an asynchronous command body, as `reportingErrors`.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CommandError {
        Terminal.error("error: \(error.description)")
        throw ExitCode(1)
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

extension Instant: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

/// How a position is printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// Prints a reconciliation in the chosen format.
func printPosition(_ reconciliation: Reconciliation, format: OutputFormat) {
    switch format {
    case .table: Terminal.write(PositionTable.render(reconciliation, colors: Terminal.wantsColor))
    case .json: PositionJSON.write(reconciliation) { Terminal.write($0) }
    case .csv: Terminal.write(PositionCSV.render(reconciliation))
    }
}
