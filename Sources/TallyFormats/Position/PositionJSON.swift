import TallyCore

/// The position as JSON, exactly as the estate format's section 5 gives it.
public enum PositionJSON {
    /// Writes the whole report, handing each filled chunk of bytes to `write` so that large reports stream.
    public static func write(_ reconciliation: Reconciliation, to write: ([UInt8]) -> Void) {
        var out = JSONWriter()
        out.raw("{\n  \"asOf\": ")
        out.string(reconciliation.asOf.description)
        out.raw(",\n  \"currency\": ")
        out.optionalString(reconciliation.currency)
        out.raw(",\n  \"positions\": [")
        for (i, position) in reconciliation.positions.enumerated() {
            out.raw(i == 0 ? "\n    " : ",\n    ")
            self.position(position, into: &out)
        }
        out.raw("\n  ],\n  \"entitlements\": [")
        for (i, use) in reconciliation.entitlements.enumerated() {
            out.raw(i == 0 ? "\n    " : ",\n    ")
            entitlement(use, into: &out)
        }
        out.raw("\n  ],\n  \"consumers\": [")
        for (i, consumer) in reconciliation.consumers.enumerated() {
            out.raw(i == 0 ? "\n    " : ",\n    ")
            self.consumer(consumer, into: &out)
            if out.bytes.count > 1 << 20 {
                write(out.bytes)
                out = JSONWriter()
            }
        }
        let totals = reconciliation.totals
        out.raw("\n  ],\n  \"totals\": { \"exposure\": ")
        out.decimal(totals.exposure)
        out.raw(", \"surplusValue\": ")
        out.decimal(totals.surplusValue)
        out.raw(" }\n}\n")
        write(out.bytes)
    }

    /// The whole report as bytes.
    public static func encode(_ reconciliation: Reconciliation) -> [UInt8] {
        var bytes: [UInt8] = []
        write(reconciliation) { bytes.append(contentsOf: $0) }
        return bytes
    }

    private static func position(_ position: Position, into out: inout JSONWriter) {
        out.raw("{ \"product\": ")
        out.string(position.product.rawValue)
        out.raw(", \"metric\": ")
        out.string(position.metric.rawValue)
        out.raw(", \"demand\": ")
        out.number(position.demand)
        out.raw(", \"covered\": ")
        out.number(position.covered)
        out.raw(", \"shortfall\": ")
        out.number(position.shortfall)
        out.raw(", \"supply\": ")
        out.optionalNumber(position.supply)
        out.raw(", \"surplus\": ")
        out.number(position.surplus)
        out.raw(", \"exposure\": ")
        out.decimal(position.exposure)
        out.raw(", \"surplusValue\": ")
        out.decimal(position.surplusValue)
        out.raw(", \"status\": ")
        out.string(position.status.rawValue)
        out.raw(" }")
    }

    private static func entitlement(_ use: EntitlementUse, into out: inout JSONWriter) {
        out.raw("{ \"id\": ")
        out.string(use.id.rawValue)
        out.raw(", \"product\": ")
        out.string(use.product.rawValue)
        out.raw(", \"active\": ")
        out.bool(use.active)
        out.raw(", \"quantity\": ")
        out.optionalNumber(use.quantity)
        out.raw(", \"used\": ")
        out.number(use.used)
        out.raw(", \"unused\": ")
        out.number(use.unused)
        out.raw(" }")
    }

    private static func consumer(_ consumer: Consumer, into out: inout JSONWriter) {
        out.raw("{ \"product\": ")
        out.string(consumer.product.rawValue)
        out.raw(", \"consumer\": ")
        out.string(consumer.key)
        out.raw(", \"units\": ")
        out.number(consumer.units)
        out.raw(", \"allocated\": [")
        for (i, allocation) in consumer.allocated.enumerated() {
            out.raw(i == 0 ? "{ \"entitlement\": " : ", { \"entitlement\": ")
            out.string(allocation.entitlement.rawValue)
            out.raw(", \"units\": ")
            out.number(allocation.units)
            out.raw(" }")
        }
        out.raw("], \"shortfall\": ")
        out.number(consumer.shortfall)
        out.raw(", \"why\": ")
        out.string(consumer.why)
        out.raw(" }")
    }
}
