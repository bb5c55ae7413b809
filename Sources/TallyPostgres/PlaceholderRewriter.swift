/// SQLite's argument marks made PostgreSQL's: `?` is the next number after the highest so far, `?NNN` that number,
/// each written `$N`. Marks inside quoted text, quoted names and comments are left alone.
enum PlaceholderRewriter {
    static func numbered(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var output: [UInt8] = []
        output.reserveCapacity(sql.utf8.count + 16)
        let bytes = Array(sql.utf8)
        var highest = 0
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // A quoted text or name, its quote doubled inside.
                output.append(byte)
                i += 1
                while i < bytes.count {
                    output.append(bytes[i])
                    if bytes[i] == byte {
                        if i + 1 < bytes.count, bytes[i + 1] == byte {
                            output.append(byte)
                            i += 2
                            continue
                        }
                        break
                    }
                    i += 1
                }
                i += 1
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") {
                    output.append(bytes[i])
                    i += 1
                }
            case UInt8(ascii: "?"):
                var j = i + 1
                var number = 0
                while j < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]), number < 100_000 {
                    number = number * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                    j += 1
                }
                if j == i + 1 { number = highest + 1 }
                highest = max(highest, number)
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(number).utf8)
                i = j
            default:
                output.append(byte)
                i += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
