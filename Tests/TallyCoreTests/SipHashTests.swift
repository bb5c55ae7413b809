import Testing

@testable import TallyCore

/// The keyed hash under the audit digest: the published SipHash-2-4 values, and the same value however the bytes
/// are fed (a digest kept in an audit trail must stay the digest of the same data).
@Suite("SipHash")
struct SipHashTests {
    /// The key 00 01 ... 0f of the reference implementation's vectors.
    private let key: (UInt64, UInt64) = (0x0706_0504_0302_0100, 0x0f0e_0d0c_0b0a_0908)

    @Test("The reference vectors: the empty message, and the fifteen bytes 00 ... 0e")
    func referenceVectors() {
        #expect(SipHasher(key: key).finalize() == 0x726f_db47_dd0e_0e31)
        var hasher = SipHasher(key: key)
        for byte in UInt8(0)..<15 { hasher.combine(byte) }
        #expect(hasher.finalize() == 0xa129_ca61_49be_45e5)
    }

    @Test("Numbers and texts fed whole hash as their bytes fed one by one, at every offset")
    func wholeEqualsBytes() {
        let texts = ["", "a", "d000001", "autocad-2024", "Microsoft Office Professional Plus 2019 — ünïcode"]
        let numbers: [Int64] = [0, 1, -1, Int64.min, Int64.max, 20_000_000_123]
        for lead in 0..<9 {
            for text in texts {
                for number in numbers {
                    var whole = SipHasher(key: key), bytes = SipHasher(key: key)
                    for byte in 0..<UInt8(lead) {
                        whole.combine(byte)
                        bytes.combine(byte)
                    }
                    whole.combine(text)
                    whole.combine(number)
                    for byte in Array(text.utf8) + [0xFF, 0, 0, 0, 0, 0, 0, 0] { bytes.combine(byte) }
                    for shift in stride(from: 0, to: 64, by: 8) {
                        bytes.combine(UInt8(truncatingIfNeeded: number >> Int64(shift)))
                    }
                    #expect(whole.finalize() == bytes.finalize(), "lead \(lead), \(text), \(number)")
                }
            }
        }
    }

    /// Digests kept in audit trails written by earlier versions: the demo estate's, with the fixed keys and with a
    /// secret, as they were computed when the hash took its input one byte at a time.
    @Test("The demo estate's digest is the one earlier versions recorded")
    func digestsKept() {
        let estate = DemoEstate.make(asOf: Day("2026-11-29")!)
        let fixed =
            "departments=2873cc24848f5756ec31d7a8992aec8b,"
            + "people=35b706741c1ea913fd6fadded6c5a023,"
            + "devices=9865bff44ba6868bed299b51dc71c1dd,"
            + "products=877830d719958dc1402c7ad74eb70e53,"
            + "installations=9deb88950e214817d49527d549955602,"
            + "usage=a57e15202d806de9294fe8884843a342,"
            + "denials=d9de8027888e999858d6e592df437db2,"
            + "assignments=ba997749e88b40bb5384109b1390bbfd,"
            + "entitlements=6dc07b99372c5ede2746486fe5252bce"
        let keyed =
            "departments=b4616b2305bf16f82fcc0a2168225053,"
            + "people=119cf5eb2acc974b546e9f6e873e2251,"
            + "devices=2027221acbdd5165fec0b2f4ffe7348b,"
            + "products=50ffa82b908f0e3acc59108400fe27a0,"
            + "installations=934483abd4579c0dfc233e47405f8fd1,"
            + "usage=7e4325a35ffe35645e983491395c6577,"
            + "denials=08a364e91cc3944b7689c984e432d6ad,"
            + "assignments=1e691813b68d4a990ae255d5e93b6953,"
            + "entitlements=7958c58f125b0dff886a3a6a70cf07aa"
        // Those versions had no contracts, rates or entitlements in other currencies: their digests read as empty
        // collections, and the others are unchanged.
        var before = estate
        before.contracts = []
        before.rates = []
        before.entitlements.removeAll { $0.currency != nil }
        let zero = String(repeating: "0", count: 32)
        let empty = ",contracts=" + zero + ",rates=" + zero
        #expect(EstateDigest(before, keys: DigestKeys(secret: nil)).description == fixed + empty)
        #expect(EstateDigest(before, keys: DigestKeys(secret: Array(0..<32))).description == keyed + empty)
        #expect(
            EstateDigest(fixed, keys: DigestKeys(secret: nil)) == EstateDigest(before, keys: DigestKeys(secret: nil)))
        // The demo of today adds contracts, rates and an entitlement in dollars; the other collections are as before.
        let today = EstateDigest(estate, keys: DigestKeys(secret: nil)).description
        let unchanged = fixed.split(separator: ",").prefix(8).joined(separator: ",")
        #expect(today.hasPrefix(unchanged + ",entitlements="))
        #expect(!today.contains(",contracts=" + zero) && !today.contains(",rates=" + zero))
    }
}
