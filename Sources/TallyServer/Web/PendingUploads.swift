import TallyApp
import TallyCore

/// Files uploaded for a preview, kept until the account that sent them confirms the import: at most 256 MB in all
/// and an hour each; the oldest go first. A server that restarts forgets them, and the upload is simply sent again.
actor PendingUploads {
    struct Pending: Sendable {
        var account: String
        var file: Upload
        var at: Instant
    }

    private var pending: [String: Pending] = [:]
    private var order: [String] = []
    private let budget = 256 << 20
    private let lifetime: Int64 = 3600

    /// Keeps `file` for `account` and returns the token that takes it back.
    func keep(_ file: Upload, for account: String, at now: Instant) -> String {
        drop(olderThan: now)
        let token = Secrets.random(bytes: 18)
        pending[token] = Pending(account: account, file: file, at: now)
        order.append(token)
        var total = pending.values.reduce(0) { $0 + $1.file.bytes.count }
        while total > budget, order.count > 1 {
            let oldest = order.removeFirst()
            total -= pending.removeValue(forKey: oldest)?.file.bytes.count ?? 0
        }
        return token
    }

    /// The file kept under `token` for `account`, taken out; nil when there is none (expired, or another's).
    func take(_ token: String, for account: String, at now: Instant) -> Upload? {
        drop(olderThan: now)
        guard let kept = pending[token], kept.account == account else { return nil }
        pending[token] = nil
        order.removeAll { $0 == token }
        return kept.file
    }

    private func drop(olderThan now: Instant) {
        let expired = order.filter { token in
            (pending[token].map { now.secondsSinceEpoch - $0.at.secondsSinceEpoch > lifetime }) ?? true
        }
        for token in expired { pending[token] = nil }
        order.removeAll { pending[$0] == nil }
    }
}
