import Hummingbird
import Logging
import NIOCore
import TallyApp

/// What a request carries through the server: who made it (once authenticated), how, and from where.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The account the request is made by; nil until the authentication middleware finds one.
    public var principal: Principal?
    /// The address the request came from, for limiting sign-in attempts.
    public var address: String
    /// A short id that every log line of the request carries.
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "unknown"
        requestID = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        logger[metadataKey: "request"] = .string(requestID)
    }

    /// Uploads (imports) go up to 64 MB; anything larger is refused with 413 before it is read.
    public var maxUploadSize: Int { 64 << 20 }
}
