import TallyFormats

/// One page of a long list as the pages show it: which items, and the links to the pages before and after.
struct Pagination {
    /// The 1-based page shown (clamped to the pages there are).
    var number: Int
    var size: Int
    var total: Int

    init(number: Int, size: Int, total: Int) {
        self.size = max(1, size)
        self.total = max(0, total)
        let last = max(1, (self.total + self.size - 1) / self.size)
        self.number = min(max(1, number), last)
    }

    var offset: Int { (number - 1) * size }
    var pages: Int { max(1, (total + size - 1) / size) }

    /// The items of this page out of all of them.
    func slice<T>(_ items: [T]) -> ArraySlice<T> { items.dropFirst(offset).prefix(size) }

    /// The navigation: previous and next pages of `path` with the query `items` kept (`page` replaced).
    func links(_ path: String, _ items: [(String, String?)], id: String? = nil, label: String = "Pages") -> HTML {
        guard pages > 1 else { return "<p class=\"muted\">\(total) in all.</p>" }
        func link(_ page: Int, _ rel: String, _ text: String) -> HTML {
            let query = queryString(items + [("page", page == 1 ? nil : String(page))])
            return "<a rel=\"\(rel)\" href=\"\(path + query)\">\(text)</a>"
        }
        let identifier: HTML = id.map { " id=\"\($0)\"" } ?? ""
        return """
            <nav class="pagination" aria-label="\(label)"\(identifier)>
            \(number > 1 ? link(number - 1, "prev", "← Previous") : "")
            <span>Page \(number) of \(pages) (\(total) in all)</span>
            \(number < pages ? link(number + 1, "next", "Next →") : "")
            </nav>
            """
    }
}
