/// Denials of one product for one reason: how often, whom, and when the first and last were.
public struct DenialGroup: Sendable, Equatable {
    public var product: Product.ID
    /// The server's reason, as it gave it (nil when it gave none).
    public var reason: String?
    public var count: Int
    /// Users refused, most often refused first (then by name), with how often.
    public var users: [(user: String, count: Int)]
    /// Distinct hosts the refused requests came from.
    public var hosts: Int
    public var first: Instant
    public var last: Instant

    /// The denials of an estate in `[from, to)` (only of `products` when given), grouped by product and reason:
    /// by product id, then most frequent reason first.
    public static func groups(
        _ estate: Estate, products: Set<Product.ID>? = nil, from: Instant, to: Instant
    ) -> [DenialGroup] {
        struct Key: Hashable {
            var product: Product.ID
            var reason: String?
        }
        var groups: [Key: DenialGroup] = [:]
        var users: [Key: [String: Int]] = [:]
        var hosts: [Key: Set<String>] = [:]
        for denial in estate.denials
        where denial.at >= from && denial.at < to && products.map({ $0.contains(denial.product) }) ?? true {
            let key = Key(product: denial.product, reason: denial.reason)
            var group =
                groups[key]
                ?? DenialGroup(
                    product: denial.product, reason: denial.reason, count: 0, users: [], hosts: 0, first: denial.at,
                    last: denial.at)
            group.count += 1
            group.first = min(group.first, denial.at)
            group.last = max(group.last, denial.at)
            groups[key] = group
            if let user = denial.user { users[key, default: [:]][user, default: 0] += 1 }
            if let host = denial.host { hosts[key, default: []].insert(host) }
        }
        return groups.map { key, group in
            var group = group
            group.users = (users[key] ?? [:]).map { (user: $0.key, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.user < $1.user }
            group.hosts = hosts[key]?.count ?? 0
            return group
        }
        .sorted {
            $0.product != $1.product
                ? $0.product.rawValue < $1.product.rawValue
                : $0.count != $1.count ? $0.count > $1.count : ($0.reason ?? "") < ($1.reason ?? "")
        }
    }

    public static func == (a: DenialGroup, b: DenialGroup) -> Bool {
        a.product == b.product && a.reason == b.reason && a.count == b.count && a.hosts == b.hosts
            && a.first == b.first && a.last == b.last && a.users.map(\.user) == b.users.map(\.user)
            && a.users.map(\.count) == b.users.map(\.count)
    }
}
