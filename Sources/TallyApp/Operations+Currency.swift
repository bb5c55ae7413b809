import TallyCore
import TallyFormats
import TallyStore

/// Exchange rates: what converts entitlements priced in other currencies into the estate's.
extension Operations {
    /// Records a currency's rate from a day on (replacing the one it had that day), as one audited change.
    public func setRate(_ rate: ExchangeRate, by caller: Caller) async throws(TallyError) {
        try await edit(by: caller) { writer in
            let conversion = try writer.currencyConversion()
            try Self.told(as: "the rate of \(rate.currency)", "rates[0]") { () throws(EstateError) in
                try RecordRules.check(rate, at: "rates[0]", estateCurrency: conversion.currency)
            }
            guard conversion.currency != nil else {
                throw TallyError.conflict(
                    "the estate names no currency to convert \(rate.currency) into; import an estate with currency")
            }
            let before = conversion.rates(of: rate.currency).first { $0.date == rate.date }
            try writer.insert(rate)
            return (
                AuditChange(
                    entity: "rate", id: "\(rate.currency)@\(rate.date)", action: before == nil ? "add" : "edit",
                    before: before.map(EstateFile.json(of:)), after: EstateFile.json(of: rate)),
                { @Sendable (digest: inout EstateDigest) in
                    if let before { digest.replace(before, with: rate) } else { digest.add([rate]) }
                }
            )
        }
    }

    /// The estate's currency and every rate, oldest first by currency.
    public func currencyConversion() async throws(TallyError) -> CurrencyConversion {
        try await reading { reader in try reader.currencyConversion() }
    }
}
