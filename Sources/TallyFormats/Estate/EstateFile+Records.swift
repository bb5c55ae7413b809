import TallyCore

extension EstateFile {
    /// One record as a JSON object, exactly as the estate format writes it: what the API returns for a record.
    public static func object(_ item: Device, into out: inout JSONWriter) { record(item, &out, fields) }
    public static func object(_ item: Person, into out: inout JSONWriter) { record(item, &out, fields) }
    public static func object(_ item: Product, into out: inout JSONWriter) { record(item, &out, fields) }
    public static func object(_ item: Entitlement, into out: inout JSONWriter) { record(item, &out, fields) }
    public static func object(_ item: Contract, into out: inout JSONWriter) { record(item, &out, fields) }

    private static func record<T>(_ item: T, _ out: inout JSONWriter, _ fields: (T, inout RecordWriter) -> Void) {
        out.raw("{")
        var record = RecordWriter(out: JSONWriter(reservingCapacity: 0))
        swap(&record.out, &out)
        fields(item, &record)
        swap(&record.out, &out)
        out.raw("}")
    }
}
