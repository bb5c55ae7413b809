import TallyCore
import TallyFormats
import TallyStore

/// One transaction of a SQL store: every read and write of the store protocol, as SQL both backends run.
struct SQLTransaction: StoreWriter {
    let db: any SQLConnection

    /// Runs an INSERT and gives the id of the row it added.
    static func insertedID(_ db: any SQLConnection, sql: String, arguments: SQLArguments) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: sql + " RETURNING id", arguments: arguments) else {
            throw TallyError.failed("the store did not give the id of a row it added")
        }
        return id
    }
}

extension SQLTransaction {
    /// Ids as a JSON list, for the dialect's `jsonTexts`: one argument however many ids a statement names.
    static func jsonList(_ ids: [String]) -> String {
        var writer = JSONWriter(reservingCapacity: ids.count * 16)
        writer.raw("[")
        for (i, id) in ids.enumerated() {
            if i > 0 { writer.raw(",") }
            writer.string(id)
        }
        writer.raw("]")
        return writer.text
    }
}

/// The store protocol over a connection in a transaction: what each backend hands to the body of a read or write.
public func storeTransaction(on connection: any SQLConnection) -> any StoreWriter {
    SQLTransaction(db: connection)
}
