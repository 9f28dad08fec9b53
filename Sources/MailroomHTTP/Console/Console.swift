import Foundation
import Hummingbird
import MailroomCore

/// The ops console under `/ops`: server-rendered pages over the same backend as the API. Every page and every
/// action checks the role on the server; every form carries a CSRF token; pages are HTML-escaped by the template
/// engine; the CSP of ``SecurityHeadersMiddleware`` allows only Mailroom's own script and styles.
struct Console: Sendable {
    let backend: HTTPBackend
    let settings: HTTPSettings
    let renderer: ConsoleRenderer
    let loginLimiter: RateLimiter

    typealias Handler = @Sendable (Request, MailroomRequestContext) async throws -> Response

    /// Whether cookies get `Secure` (the deployment is reached over https).
    var secure: Bool { settings.publicURL?.lowercased().hasPrefix("https://") ?? false }

    func addRoutes(to router: Router<MailroomRequestContext>) {
        router.get("ops", use: root)
        router.post("ops/login", use: login)
        router.post("ops/logout", use: post(.agent, logout))
        router.get("ops/account", use: page(.agent, account))
        router.post("ops/account", use: post(.agent, changePassword))
        addTicketRoutes(to: router)
        addDashboardRoutes(to: router)
        addTemplateRoutes(to: router)
        addQueueRoutes(to: router)
        addUserRoutes(to: router)
    }

    // MARK: guards

    /// A page for `role` and above: not logged in sends the browser to the login form, a lesser role gets 403.
    func page(_ role: Role, _ body: @escaping @Sendable (Request, ConsoleSession) async throws -> Response)
        -> Handler
    {
        { request, context in
            do {
                let session = try Self.session(request, context, role: role)
                return try await body(request, session)
            } catch {
                return refusal(error, request: request, context: context)
            }
        }
    }

    /// A form post for `role` and above, with its CSRF token checked before anything else is read.
    func post(
        _ role: Role, _ body: @escaping @Sendable (Request, ConsoleSession, ConsoleForm) async throws -> Response
    ) -> Handler {
        { request, context in
            do {
                let session = try Self.session(request, context, role: role)
                let form = try await ConsoleForm.read(request, context)
                guard let token = form["csrf"], Self.constantTimeEquals(token, session.csrf) else {
                    throw ConsoleRefusal.csrf
                }
                return try await body(request, session, form)
            } catch {
                return refusal(error, request: request, context: context)
            }
        }
    }

    static func session(_ request: Request, _ context: MailroomRequestContext, role: Role) throws -> ConsoleSession {
        guard let session = ConsoleSession(request, context) else {
            throw ConsoleRefusal.login(next: request.uri.path)
        }
        // Every console user is at least an agent; `intake` accounts only post web forms.
        guard session.identity.role.includes(.agent), session.identity.role.includes(role) else {
            throw ConsoleRefusal.forbidden
        }
        return session
    }

    /// The page for an error: the login form, 403, 404, or the API's error message with its status.
    func refusal(_ error: any Error, request: Request, context: MailroomRequestContext) -> Response {
        let session = ConsoleSession(request, context)
        let page = ConsolePage(session: session)
        switch error {
        case ConsoleRefusal.login(let next):
            guard request.method == .get else {
                return renderer.page(
                    "refused", title: "Log in first", page: page,
                    data: ["heading": "Log in first", "message": "Your session has ended; log in again."],
                    status: .forbidden)
            }
            return Self.redirect(
                "/ops?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        case ConsoleRefusal.forbidden:
            return renderer.page("forbidden", title: "Not allowed", page: page, status: .forbidden)
        case ConsoleRefusal.csrf:
            return renderer.page("csrf", title: "Form refused", page: page, status: .forbidden)
        case ConsoleRefusal.badForm(let message):
            return renderer.page(
                "refused", title: "Form refused", page: page, data: ["heading": "Form refused", "message": message],
                status: .badRequest)
        case ConsoleRefusal.notFound(let what):
            return renderer.page(
                "refused", title: "Not found", page: page,
                data: ["heading": "Not found", "message": "\(what) not found"],
                status: .notFound)
        case let error as APIError:
            let details = error.details.isEmpty ? "" : ": " + error.details.joined(separator: "; ")
            return renderer.page(
                "refused", title: "Not done", page: page,
                data: ["heading": "Not done", "message": error.message + details], status: error.status)
        default:
            return renderer.page(
                "refused", title: "Something went wrong", page: page,
                data: ["heading": "Something went wrong", "message": "The request failed; it is in the log."],
                status: .internalServerError)
        }
    }

    // MARK: helpers

    /// `303 See Other` to a path of ours.
    static func redirect(_ location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        return Response(status: .seeOther, headers: fields)
    }

    /// Back to `path` with a message code (``ConsoleMessages``) after a successful post.
    static func done(_ path: String, _ code: String) -> Response {
        redirect(path + (path.contains("?") ? "&" : "?") + "done=" + code)
    }

    /// The page's message for `?done=CODE` (only codes we know: no text from the query reaches the page).
    static func page(_ request: Request, _ session: ConsoleSession?, active: String) -> ConsolePage {
        ConsolePage(
            session: session, flash: request.query("done").flatMap { ConsoleMessages.text[$0] }, active: active)
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        AuthenticationMiddleware.constantTimeEquals(a, b)
    }

    /// The `index`-th segment of the path (`/ops/tickets/ID`: 2 is the ID), limited to what ids and names look
    /// like.
    static func pathPart(_ request: Request, _ index: Int) throws -> String {
        let parts = request.uri.path.split(separator: "/")
        guard index < parts.count, let value = String(parts[index]).removingPercentEncoding,
            (1...128).contains(value.utf8.count),
            value.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || "0123456789-_.".unicodeScalars.contains($0))
            })
        else { throw ConsoleRefusal.notFound("the page") }
        return value
    }

    /// A numeric id in the path.
    static func numericPart(_ request: Request, _ index: Int) throws -> Int64 {
        guard let id = Int64(try pathPart(request, index)), id > 0 else { throw ConsoleRefusal.notFound("the page") }
        return id
    }
}

/// The success messages a redirect may name.
enum ConsoleMessages {
    static let text: [String: String] = [
        "replied": "Your answer is on its way (see the outgoing mail below).",
        "noted": "The note is on the ticket.",
        "closed": "The ticket is closed.",
        "reopened": "The ticket is open again.",
        "draftSent": "The draft is on its way to the customer, as written.",
        "saved": "Saved. The running gateway uses it from now on.",
        "rolledBack": "Rolled back: the earlier version is saved as the newest.",
        "approved": "Approved: it may be reused in answers now.",
        "rejected": "Rejected.",
        "edited": "Saved; the entry waits for review again.",
        "released": "Released: the message is processed again.",
        "dismissed": "Dismissed.",
        "retried": "Queued again.",
        "added": "The user is added.",
        "role": "The role is changed.",
        "password": "The password is set; the user's sessions have ended.",
        "removed": "The user is removed.",
        "passwordChanged": "Your password is changed; log in again on your other devices.",
    ]
}
