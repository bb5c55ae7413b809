import Foundation
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
        write(out.bytes)
        out = JSONWriter()
        consumers(reconciliation.consumers, to: write)
        let totals = reconciliation.totals
        out.raw("\n  ],\n  \"totals\": { \"exposure\": ")
        out.decimal(totals.exposure)
        out.raw(", \"surplusValue\": ")
        out.decimal(totals.surplusValue)
        out.raw(" }")
        // Only where entitlements in other currencies were converted: other reports keep section 5's keys.
        if !reconciliation.rates.isEmpty {
            out.raw(",\n  \"rates\": [")
            for (i, rate) in reconciliation.rates.enumerated() {
                out.raw(i == 0 ? "\n    { \"currency\": " : ",\n    { \"currency\": ")
                out.string(rate.currency)
                out.raw(", \"rate\": ")
                out.decimal(rate.rate)
                out.raw(", \"date\": ")
                out.string(rate.date.description)
                out.raw(" }")
            }
            out.raw("\n  ]")
        }
        out.raw("\n}\n")
        write(out.bytes)
    }

    /// The consumers, rendered in chunks on every core, a wave at a time, and written in order: a report of millions
    /// of consumers is mostly their whys.
    private static func consumers(_ consumers: ConsumerList, to write: ([UInt8]) -> Void) {
        let chunk = 16_384
        let chunks = (consumers.count + chunk - 1) / chunk
        let wave = max(1, ProcessInfo.processInfo.activeProcessorCount) * 2
        var first = 0
        while first < chunks {
            let last = min(chunks, first + wave)
            let rendered = Rendered(count: last - first)
            let base = first
            DispatchQueue.concurrentPerform(iterations: last - first) { offset in
                let start = (base + offset) * chunk, end = min(consumers.count, start + chunk)
                var out = JSONWriter(reservingCapacity: (end - start) * 256)
                var index = start
                consumers.forEach(in: start..<end) { consumer in
                    out.raw(index == 0 ? "\n    " : ",\n    ")
                    self.consumer(consumer, into: &out)
                    index += 1
                }
                rendered.set(offset, out.bytes)
            }
            for bytes in rendered.all { write(bytes) }
            first = last
        }
    }

    /// Chunks rendered at once, each into its own slot.
    private final class Rendered: @unchecked Sendable {
        private var slots: [[UInt8]]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: [], count: count) }

        func set(_ index: Int, _ bytes: [UInt8]) {
            lock.lock()
            slots[index] = bytes
            lock.unlock()
        }

        var all: [[UInt8]] { slots }
    }

    /// The whole report as bytes.
    public static func encode(_ reconciliation: Reconciliation) -> [UInt8] {
        var bytes: [UInt8] = []
        write(reconciliation) { bytes.append(contentsOf: $0) }
        return bytes
    }

    public static func position(_ position: Position, into out: inout JSONWriter) {
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
        if let why = position.why {
            out.raw(", \"why\": ")
            out.string(why)
        }
        out.raw(" }")
    }

    public static func entitlement(_ use: EntitlementUse, into out: inout JSONWriter) {
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

    public static func consumer(_ consumer: Consumer, into out: inout JSONWriter) {
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
