import TallyCore

/// The estate file (`tally-estate/1`): reading it strictly, and writing it back.
public enum EstateFile {
    /// The format tag every estate file starts with.
    public static let formatTag = "tally-estate/1"

    /// Reads an estate from JSON bytes; unknown keys, wrong kinds and missing required values are errors with a path.
    /// References are checked by the engine, which names their path the same way.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(FormatError) -> Estate {
        try decode(bytes, split: .byCores)
    }

    /// Reads an estate, splitting the installations as `split` says (tests split small files).
    static func decode(_ bytes: UnsafeRawBufferPointer, split: JSONReader.Split) throws(FormatError) -> Estate {
        var reader = JSONReader(bytes.bindMemory(to: UInt8.self))
        guard try reader.peekKind() == .object else {
            throw reader.syntax("an estate file is one JSON object; this one starts with something else")
        }
        var format: String?
        var asOf: Day?
        var estate = Estate(asOf: Day(daysSinceEpoch: 0))
        let keys = EstateKeys.estate
        try reader.readObject(keys, at: "") { reader, name throws(FormatError) in
            switch name {
            case .format: format = try reader.string("format")
            case .asOf: asOf = try reader.optionalDay("asOf")
            case .currency: estate.currency = try reader.optionalString("currency")
            case .departments:
                estate.departments = try reader.list("departments") { reader, index throws(FormatError) in
                    try reader.department(at: index)
                }
            case .contracts:
                estate.contracts = try reader.list("contracts") { reader, index throws(FormatError) in
                    try reader.contract(at: index)
                }
            case .rates:
                estate.rates = try reader.list("rates") { reader, index throws(FormatError) in
                    try reader.rate(at: index)
                }
            case .people:
                estate.people = try reader.list("people") { reader, index throws(FormatError) in
                    try reader.person(at: index)
                }
            case .devices:
                estate.devices = try reader.list("devices") { reader, index throws(FormatError) in
                    try reader.device(at: index)
                }
            case .products:
                estate.products = try reader.list("products") { reader, index throws(FormatError) in
                    try reader.product(at: index)
                }
            case .installations:
                estate.installations = try reader.parallelList("installations", bulk: 28, split: split) {
                    reader, index throws(FormatError) in
                    try reader.installation(at: index)
                }
            case .usage:
                estate.usage = try reader.list("usage", bulk: 48) { reader, index throws(FormatError) in
                    try reader.usageSession(at: index)
                }
            case .denials:
                estate.denials = try reader.list("denials", bulk: 40) { reader, index throws(FormatError) in
                    try reader.denial(at: index)
                }
            case .assignments:
                estate.assignments = try reader.list("assignments") { reader, index throws(FormatError) in
                    try reader.assignment(at: index)
                }
            case .entitlements:
                estate.entitlements = try reader.list("entitlements") { reader, index throws(FormatError) in
                    try reader.entitlement(at: index)
                }
            }
        }
        try reader.expectEnd()
        try FormatError.check(format, is: formatTag, in: "an estate file")
        guard let asOf else { throw .field(path: "asOf", reason: "required: the date of the position, as YYYY-MM-DD") }
        estate.asOf = asOf
        return estate
    }

    /// Reads an estate from JSON bytes.
    public static func decode(_ bytes: [UInt8]) throws(FormatError) -> Estate {
        do {
            return try TextEncoding.utf8(bytes).withUnsafeBytes { buffer in try decode(buffer) }
        } catch let error as FormatError {
            throw error
        } catch {
            preconditionFailure("decode throws only FormatError")
        }
    }
}

extension JSONReader {
    /// Reads a list of objects. With `bulk`, room is reserved up front for as many objects as the rest of the
    /// document could hold (`bytesPerObject` each at the least): memory never touched costs nothing, while regrowing
    /// a list of millions copies and faults in twice the memory.
    mutating func list<T>(
        _ path: String, bulk bytesPerObject: Int? = nil, _ element: (inout JSONReader, Int) throws(FormatError) -> T
    ) throws(FormatError) -> [T] {
        if readNullIfPresent() { return [] }
        guard try peekKind() == .array else { throw mismatch(path, expected: "a list") }
        var items: [T] = []
        if let bytesPerObject { items.reserveCapacity((bytes.count - position) / bytesPerObject) }
        try readArray { reader, index throws(FormatError) in items.append(try element(&reader, index)) }
        return items
    }

    /// A required value that was not given.
    func missing(_ path: String, _ hint: String = "") -> FormatError {
        .field(path: path, reason: "required" + (hint.isEmpty ? "" : "; \(hint)"))
    }
}
