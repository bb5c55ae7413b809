extension Estate {
    /// A record named in the user's words rather than by its place in a list: `device "ws-7"`, `the installation of
    /// "visio" on "ws-7"`; nil for a path that names no record.
    public func recordName(_ collection: Substring, _ index: Int) -> String? {
        func at<T>(_ list: [T]) -> T? { list.indices.contains(index) ? list[index] : nil }
        switch collection {
        case "departments": return at(departments).map { "department \"\($0.id)\"" }
        case "contracts": return at(contracts).map { "contract \"\($0.id)\"" }
        case "rates": return at(rates).map { "the rate of \($0.currency) on \($0.date)" }
        case "people": return at(people).map { "person \"\($0.id)\"" }
        case "devices": return at(devices).map { "device \"\($0.id)\"" }
        case "products": return at(products).map { "product \"\($0.id)\"" }
        case "entitlements": return at(entitlements).map { "entitlement \"\($0.id)\"" }
        case "installations":
            return at(installations).map { "the installation of \"\($0.product)\" on \"\($0.device)\"" }
        case "usage": return at(usage).map { "a session of \"\($0.product)\" at \($0.start)" }
        case "denials": return at(denials).map { "a denial of \"\($0.product)\" at \($0.at)" }
        case "assignments": return at(assignments).map { "the assignment of \"\($0.product)\"" }
        default: return nil
        }
    }

    /// An error's path told in the user's words: `device "ws-7": coresPerProcessor must be ...`.
    public func describe(_ error: EstateError) -> String {
        let path = error.path
        guard let open = path.firstIndex(of: "["), let close = path[open...].firstIndex(of: "]"),
            let index = Int(path[path.index(after: open)..<close]), let name = recordName(path[..<open], index)
        else { return error.description }
        let rest = path[path.index(after: close)...]
        let text = error.description.dropFirst(path.count)
        return name + (rest.hasPrefix(".") ? " " + rest.dropFirst() : String(rest)) + text
    }
}
