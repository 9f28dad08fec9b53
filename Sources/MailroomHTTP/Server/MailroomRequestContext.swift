import Foundation
import Hummingbird
import MailroomCore

/// The request context of every route: the core storage, who is calling (after authentication), the client's
/// address (for rate limits) and the body limit.
public struct MailroomRequestContext: RequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// The authenticated caller, if any.
    public var identity: Identity?
    /// The session or API token the caller presented, if any (for logout).
    public var token: String?
    /// The client's IP address (`unknown` when the channel has none).
    public let clientAddress: String
    /// The largest request body accepted.
    public var maxUploadSize: Int { 256 * 1024 }

    /// Creates the context of a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The caller, or 401.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthorized }
        return identity
    }

    /// The caller when their role includes `role`, else 401 or 403.
    func require(_ role: Role) throws -> Identity {
        let identity = try requireIdentity()
        guard identity.role.includes(role) else { throw APIError.forbidden(role.rawValue) }
        return identity
    }
}
