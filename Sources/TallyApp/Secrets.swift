import HummingbirdBcrypt
import TallyStore

/// Random values for sessions, tokens and passwords, and the one-way forms they are kept in.
public enum Secrets {
    /// `count` bytes from the system's cryptographic generator, in base64url without padding.
    public static func random(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(bytes)
    }

    /// What a session or token is kept as: the SHA-256 of its value, in hex.
    static func digest(_ value: String) -> String { AuditChain.digest(Array(value.utf8)) }

    /// A bcrypt hash of a password, at `cost` (2^cost rounds).
    static func hash(password: String, cost: UInt8) -> String { Bcrypt.hash(password, cost: cost) }

    static func verify(password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func base64URL(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for digit in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * digit)) & 63]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Whether two secrets are equal, in a time that does not tell where they first differ.
public func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let a = Array(a.utf8), b = Array(b.utf8)
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}
