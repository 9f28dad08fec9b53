import Foundation
import Hummingbird
import MailroomCore

/// Finds who is calling: `Authorization: Bearer TOKEN` (a session, an API token, or `http.opsToken`) or the
/// console's session cookie. A request without a valid token goes on without an identity; the routes that need
/// one answer 401 or 403 (``MailroomRequestContext/require(_:)``), so a hidden button is never the check.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = MailroomRequestContext
    let accounts: any AccountBackend
    let opsToken: String?

    /// The name of the console's session cookie.
    static let cookie = "mailroom_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let token = Self.token(in: request) {
            if let opsToken, Self.constantTimeEquals(token, opsToken) {
                context.identity = Identity(name: "ops-token", role: .manager, email: nil, via: .opsToken)
            } else if token.utf8.count <= 200, let identity = try await accounts.identity(token: token) {
                context.identity = identity
                context.token = token
            }
        }
        return try await next(request, context)
    }

    /// The bearer token, else the session cookie.
    static func token(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return String(parts[1]).trimmingCharacters(in: .whitespaces)
            }
        }
        return request.cookies[cookie]?.value
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
