import TallyCore

/// One purchase of licenses as a spreadsheet lists it, before its product is recognised.
public struct PurchaseRow: Sendable, Equatable {
    /// The product as written (`Microsoft Visio Professional 2019`).
    public var product: String
    /// The publisher as written (`Microsoft`), where the sheet has one.
    public var publisher: String?
    /// Licenses (seats) bought.
    public var quantity: Int?
    /// The price of one license.
    public var unitCost: Double?
    /// When the licenses start (the purchase date where the sheet has no other).
    public var start: Day?
    /// When they end: an expiry or a subscription's last day.
    public var end: Day?
    /// Who sold them (the supplier or reseller).
    public var vendor: String?
    /// The purchase order (or order number) that bought them.
    public var purchaseOrder: String?
    /// Free text kept with the purchase.
    public var notes: String?
    /// The line of the row in the file.
    public var line: Int

    /// A purchase from its parts.
    public init(
        product: String, publisher: String? = nil, quantity: Int? = nil, unitCost: Double? = nil, start: Day? = nil,
        end: Day? = nil, vendor: String? = nil, purchaseOrder: String? = nil, notes: String? = nil, line: Int
    ) {
        self.product = product
        self.publisher = publisher
        self.quantity = quantity
        self.unitCost = unitCost
        self.start = start
        self.end = end
        self.vendor = vendor
        self.purchaseOrder = purchaseOrder
        self.notes = notes
        self.line = line
    }
}

/// The purchases of a spreadsheet, and the rows that cannot be read.
public struct PurchaseList: Sendable, Equatable {
    /// The purchases, in file order.
    public var rows: [PurchaseRow] = []
    /// Rows that cannot be read as they are (no product, a value that is not what its column holds), each with its
    /// line and why: left out of `rows`, and an import refuses the file unless told to skip them.
    public var invalid: [InventoryWarning] = []

    /// A list from its parts.
    public init(rows: [PurchaseRow] = [], invalid: [InventoryWarning] = []) {
        self.rows = rows
        self.invalid = invalid
    }
}
