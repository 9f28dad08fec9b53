import Crypto
import Foundation
import Hummingbird
import MailroomCore

/// A logged-in console user: the identity of the session cookie and the form token derived from it.
struct ConsoleSession: Sendable {
    let identity: Identity
    /// The CSRF token of every form: SHA-256 of a label and the session token. Only a page served to this session
    /// can know it (the cookie is `HttpOnly` and never leaves with a cross-site request: `SameSite=Strict`).
    let csrf: String

    /// The session of a request: its identity must come from the console's cookie (a bearer token is for the API).
    init?(_ request: Request, _ context: MailroomRequestContext) {
        guard let identity = context.identity, identity.via == .session, let token = context.token,
            let cookie = request.cookies[AuthenticationMiddleware.cookie]?.value, cookie == token
        else { return nil }
        self.identity = identity
        csrf = Self.csrf(for: token)
    }

    static func csrf(for token: String) -> String {
        SHA256.hash(data: Data("mailroom-console-form:\(token)".utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Why the console refuses a request; each becomes a page (``Console/refusal(_:page:)``).
enum ConsoleRefusal: Error {
    /// Not logged in: a page sends the browser to the login form.
    case login(next: String)
    /// The role does not allow it.
    case forbidden
    /// The form's CSRF token is missing or wrong.
    case csrf
    /// The form cannot be read.
    case badForm(String)
    /// There is no such thing.
    case notFound(String)
}

/// The console's cookies: the session (set at login) and the login form's token (double submit).
enum ConsoleCookies {
    /// The login form's token cookie.
    static let loginToken = "mailroom_login"

    /// A `Set-Cookie` value: `HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` on an https deployment.
    static func make(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// A new random token (32 bytes, hex).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
