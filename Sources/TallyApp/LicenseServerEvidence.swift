import TallyCore

/// What the store holds that shapes new license-server evidence: the estate, and which product each mapped feature
/// (`VENDOR:FEATURE`) counts for.
struct LicenseServerContext: Sendable {
    var estate: Estate
    var featureMap: [String: Product.ID]
    /// When each license server was last sampled.
    var lastSample: [String: Instant] = [:]
}

/// What a license server said, ready to be written as one import: new products for unmapped features, usage
/// sessions (new, continuing and ended) and denials, and for a status report the server's sample.
struct LicenseServerEvidence: Sendable {
    /// Products, usage and denials, merged into the store.
    var records: Estate
    /// A status report's sample: the server, when, and its pools, which replace the server's pools kept so far (a
    /// sample with no pools, its server down, keeps them).
    var sample: (server: String, at: Instant, pools: [ServerPool])?

    /// Evidence from its parts.
    init(records: Estate, sample: (server: String, at: Instant, pools: [ServerPool])? = nil) {
        self.records = records
        self.sample = sample
    }
}
