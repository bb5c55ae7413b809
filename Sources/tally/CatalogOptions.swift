import Foundation
import TallyCore
import TallyFormats
import TallyStore

/// The catalogs inventory imports are read with.
enum CatalogOptions {
    /// The license manager's own catalog, empty when there is none.
    static func ownCatalog(of store: SQLiteStore, _ options: StoreOptions) throws(CommandError) -> Catalog {
        let document: String?
        do throws(StoreError) {
            document = try store.fetchOwnCatalog()
        } catch {
            throw .store(error, options)
        }
        guard let document else {
            do {
                return try Catalog(products: [], rules: [])
            } catch {
                throw .input(options.path, reason: "\(error)")
            }
        }
        do throws(FormatError) {
            return try CatalogFile.decode(Array(document.utf8))
        } catch {
            throw .input(options.path, reason: "the stored catalog: \(error.description)")
        }
    }

    /// The own catalog's rules first, then the built-in ones.
    static func effectiveCatalog(of store: SQLiteStore, _ options: StoreOptions) throws(CommandError) -> Normalizer {
        let own = try ownCatalog(of: store, options)
        let builtin: Catalog
        do throws(FormatError) {
            builtin = try CatalogFile.builtin()
        } catch {
            throw .input("the built-in catalog", reason: error.description)
        }
        let ownIDs = Set(own.products.map(\.id))
        do {
            return Normalizer(
                catalog: try Catalog(
                    products: own.products + builtin.products.filter { !ownIDs.contains($0.id) },
                    rules: own.rules + builtin.rules))
        } catch {
            throw .input(options.path, reason: "the stored catalog does not fit the built-in one: \(error)")
        }
    }
}
