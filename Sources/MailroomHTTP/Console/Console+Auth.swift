import Foundation
import Hummingbird
import MailroomCore

/// `/ops` (the login form, or the start page), `/ops/login`, `/ops/logout`, `/ops/account`.
extension Console {
    @Sendable func root(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        if let session = ConsoleSession(request, context) {
            return Self.redirect(Self.next(request.query("next")) ?? startPage(session.identity.role))
        }
        return loginForm(request, error: nil, status: .ok)
    }

    /// Managers and admins start on the dashboard, agents on the tickets.
    func startPage(_ role: Role) -> String {
        role.includes(.manager) ? "/ops/dashboard" : "/ops/tickets"
    }

    /// The login form with a fresh token in its field and its cookie (double submit).
    func loginForm(_ request: Request, error: String?, status: HTTPResponse.Status) -> Response {
        let token = ConsoleCookies.random()
        var data: [String: Any] = ["loginToken": token]
        if let next = Self.next(request.query("next")) { data["next"] = next }
        return renderer.page(
            "login", title: "Log in", page: ConsolePage(error: error), data: data, status: status,
            headers: [.setCookie: ConsoleCookies.make(ConsoleCookies.loginToken, token, maxAge: 3600, secure: secure)])
    }

    @Sendable func login(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        do {
            let form = try await ConsoleForm.read(request, context)
            guard let cookie = request.cookies[ConsoleCookies.loginToken]?.value, let field = form["csrf"],
                Self.constantTimeEquals(cookie, field)
            else { throw ConsoleRefusal.csrf }
            if let wait = await loginLimiter.take(context.clientAddress) {
                return loginForm(request, error: "Too many attempts; wait \(wait) seconds.", status: .tooManyRequests)
            }
            let name = form["username"] ?? ""
            switch try await backend.accounts.login(name: name, password: form["password"] ?? "") {
            case .success(let token, let expiresAt, let account):
                let maxAge = max(60, Int(expiresAt.timeIntervalSinceNow))
                var headers = HTTPFields()
                headers[values: .setCookie] = [
                    ConsoleCookies.make(AuthenticationMiddleware.cookie, token, maxAge: maxAge, secure: secure),
                    ConsoleCookies.make(ConsoleCookies.loginToken, "", maxAge: 0, secure: secure),
                ]
                return Self.redirect(Self.next(form["next"]) ?? startPage(account.role), headers: headers)
            case .refused:
                return loginForm(request, error: "Wrong user name or password.", status: .unauthorized)
            case .locked:
                return loginForm(
                    request, error: "Too many failed logins: the account is locked for a while.",
                    status: .tooManyRequests)
            }
        } catch {
            return refusal(error, request: request, context: context)
        }
    }

    @Sendable func logout(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws -> Response {
        if let token = request.cookies[AuthenticationMiddleware.cookie]?.value {
            try await backend.accounts.logout(token: token)
        }
        return Self.redirect(
            "/ops",
            headers: [.setCookie: ConsoleCookies.make(AuthenticationMiddleware.cookie, "", maxAge: 0, secure: secure)])
    }

    @Sendable func account(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        renderer.page("account", title: "Your account", page: Self.page(request, session, active: "account"))
    }

    @Sendable func changePassword(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws
        -> Response
    {
        do {
            try await backend.accounts.changePassword(
                name: session.identity.name, current: form["current"] ?? "", new: form["new"] ?? "")
        } catch let error as APIError {
            return renderer.page(
                "account", title: "Your account",
                page: ConsolePage(session: session, error: error.message, active: "account"),
                status: error.status == .forbidden ? .forbidden : .unprocessableContent)
        }
        return Self.redirect(
            "/ops?done=passwordChanged",
            headers: [.setCookie: ConsoleCookies.make(AuthenticationMiddleware.cookie, "", maxAge: 0, secure: secure)])
    }

    /// A `next` path only when it is a console page of ours (no open redirect).
    static func next(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/ops/"), !value.hasPrefix("//"), value.utf8.count <= 300,
            value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "\\" })
        else { return nil }
        return value
    }
}
