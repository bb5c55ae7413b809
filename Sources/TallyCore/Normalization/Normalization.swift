/// What a raw inventory row is, according to a catalog.
public enum Normalization: Hashable, Sendable {
    /// An installation of a product, with its clean version where the rule writes one.
    case product(Product.ID, Version?)
    /// Software to leave out of the position, by the rule that says so.
    case ignored(CatalogRule.ID)
    /// No rule matches: the row goes to the license manager's review queue.
    case unrecognized
}
