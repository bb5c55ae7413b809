import HTTPTypes
import Hummingbird
import TallyFormats
import TallyStore

/// A list's page as a request asks for it: `limit` (1 to 500, default 50) items after `cursor`, the opaque value
/// the previous page gave as `next`.
struct Paging {
    var offset: Int
    var limit: Int

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        limit = 50
        offset = 0
        if let text = query.get("limit") {
            guard let value = Int(text), (1...500).contains(value) else {
                throw Problem(.badRequest, "limit is a number from 1 to 500", field: "limit")
            }
            limit = value
        }
        if let text = query.get("cursor") {
            guard text.hasPrefix("o"), let value = Int(text.dropFirst()), value >= 0, value <= 1 << 40 else {
                throw Problem(.badRequest, "the cursor is not one a page gave; start again without it", field: "cursor")
            }
            offset = value
        }
    }

    var page: PageRequest { PageRequest(offset: offset, limit: limit) }

    /// `{..., "items": [...], "total": N, "next": cursor or null}`.
    func response<Item>(
        _ page: Page<Item>, header: (inout JSONWriter) -> Void = { _ in },
        _ item: (Item, inout JSONWriter) -> Void
    ) -> Response {
        var out = JSONWriter(reservingCapacity: 16_384)
        out.raw("{")
        header(&out)
        out.raw(#""items": ["#)
        for (i, element) in page.items.enumerated() {
            if i > 0 { out.raw(", ") }
            item(element, &out)
        }
        out.raw(#"], "total": "#)
        out.number(page.total)
        out.raw(#", "next": "#)
        let next = offset + page.items.count
        out.optionalString(next < page.total ? "o\(next)" : nil)
        out.raw("}")
        return json(out.bytes)
    }
}
