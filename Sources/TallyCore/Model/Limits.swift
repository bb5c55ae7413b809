/// The largest values Tally accepts, each far above any real estate and low enough that no count, product of counts
/// or sum can overflow: a hostile or mistyped file is refused with its path instead of trapping or misleading.
/// docs/position-rules.md lists them.
public enum Limits {
    /// Physical processors (sockets) of one device.
    public static let processors = 1_024
    /// Cores of one processor.
    public static let coresPerProcessor = 1_024
    /// Virtual processors of one VM.
    public static let vcpus = 16_384
    /// Minimum cores (per processor, device or VM) and minimum named users (per processor or server).
    public static let minimum = 100_000
    /// Devices per user, VMs per license.
    public static let perLicense = 100_000
    /// Licenses held by one license-server checkout.
    public static let checkoutCount = 100_000
    /// Days of a concurrent window (a century).
    public static let windowDays = 36_500
    /// Units of one entitlement.
    public static let quantity = 1_000_000_000_000
    /// A price or cost of one unit, in the estate's currency.
    public static let amount = 1_000_000_000_000.0
    /// Units a product's demand, or its supply, or the whole estate's demand may add up to (2^60).
    public static let totalUnits = 1 << 60
    /// Instants of license-server evidence (sessions, denials, samples): from 1970 up to, not including, 2100.
    public static let instants: Range<Instant> =
        Instant(secondsSinceEpoch: 0)..<Instant(secondsSinceEpoch: 4_102_444_800)

    /// `a + b`, or nil where it passes `totalUnits`.
    public static func add(_ a: Int, _ b: Int) -> Int? {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow || sum > totalUnits ? nil : sum
    }

    /// `a * b`, or nil where it passes `totalUnits`.
    public static func multiply(_ a: Int, _ b: Int) -> Int? {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || product > totalUnits ? nil : product
    }
}
