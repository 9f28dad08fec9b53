import Foundation
import Hummingbird
import MailroomCore

/// `/api/v1/auth/login`, `/api/v1/auth/logout`, `/api/v1/me`, `/api/v1/me/password`.
struct AuthController {
    let accounts: any AccountBackend
    let limiter: RateLimiter

    func addRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.post("auth/login", use: login)
        group.post("auth/logout", use: logout)
        group.get("me", use: me)
        group.put("me/password", use: changePassword)
    }

    @Sendable func login(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        if let wait = await limiter.take(context.clientAddress) { throw APIError.tooMany(retryAfter: wait) }
        let body = try await RequestBody.json(LoginRequest.self, request, context)
        switch try await accounts.login(name: body.username, password: body.password) {
        case .success(let token, let expiresAt, let account):
            return try JSONResponse.make(LoginResponse(token: token, expiresAt: expiresAt, user: UserView(account)))
        case .refused:
            throw APIError(.unauthorized, "loginRefused", "wrong user name or password")
        case .locked(let until):
            var error = APIError(.tooManyRequests, "locked", "too many failed logins; locked for a while")
            error.headers[.retryAfter] = "\(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))"
            throw error
        }
    }

    @Sendable func logout(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.via != .opsToken, let token = context.token else {
            throw APIError.invalid("the machine token cannot log out; remove http.opsToken instead")
        }
        try await accounts.logout(token: token)
        return Response(status: .noContent)
    }

    @Sendable func me(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        return try JSONResponse.make(UserView(name: identity.name, role: identity.role, email: identity.email))
    }

    @Sendable func changePassword(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.via != .opsToken else { throw APIError.invalid("the machine token has no password") }
        let body = try await RequestBody.json(PasswordChangeRequest.self, request, context)
        try await accounts.changePassword(name: identity.name, current: body.current, new: body.new)
        return Response(status: .noContent)
    }
}
