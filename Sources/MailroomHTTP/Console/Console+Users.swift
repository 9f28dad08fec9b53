import Foundation
import Hummingbird
import MailroomCore

/// `/ops/users` (admins): add, change the role, reset the password, remove.
extension Console {
    func addUserRoutes(to router: Router<MailroomRequestContext>) {
        router.get("ops/users", use: page(.admin, userList))
        router.post("ops/users", use: post(.admin, addUser))
        router.post("ops/users/:name/role", use: post(.admin, userAction("role")))
        router.post("ops/users/:name/password", use: post(.admin, userAction("password")))
        router.post("ops/users/:name/remove", use: post(.admin, userAction("remove")))
    }

    @Sendable func userList(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let accounts = try await backend.accounts.accounts()
        let users = accounts.map { account -> [String: Any] in
            [
                "name": account.name, "role": account.role.rawValue, "email": account.email ?? "",
                "created": ConsoleFormat.time(account.createdAt), "isSelf": account.name == session.identity.name,
                "roles": Role.allCases.map { ["value": $0.rawValue, "selected": $0 == account.role] },
            ]
        }
        return renderer.page(
            "users", title: "Users", page: Self.page(request, session, active: "users"),
            data: ["users": users, "roles": Role.allCases.map { ["value": $0.rawValue, "selected": $0 == .agent] }])
    }

    @Sendable func addUser(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws -> Response
    {
        guard let role = form.text("role").flatMap(Role.init(rawValue:)) else {
            throw APIError.invalid("choose a role")
        }
        let user = NewUserRequest(
            name: form.text("name") ?? "", role: role, email: form.text("email"), password: form["password"])
        _ = try await backend.accounts.createAccount(user)
        return Self.done("/ops/users", "added")
    }

    func userAction(_ action: String) -> @Sendable (Request, ConsoleSession, ConsoleForm) async throws -> Response {
        { request, session, form in
            let name = try Self.pathPart(request, 2)
            let found: Bool
            switch action {
            case "role":
                guard let role = form.text("role").flatMap(Role.init(rawValue:)) else {
                    throw APIError.invalid("choose a role")
                }
                guard name != session.identity.name || role == .admin else {
                    throw APIError.conflict("you cannot take the admin role from yourself")
                }
                found = try await backend.accounts.setRole(name: name, role: role)
            case "password":
                found = try await backend.accounts.resetPassword(name: name, password: form["password"] ?? "")
            default:
                guard name != session.identity.name else { throw APIError.conflict("you cannot remove yourself") }
                found = try await backend.accounts.removeAccount(name: name)
            }
            guard found else { throw ConsoleRefusal.notFound("user \(name)") }
            return Self.done("/ops/users", action == "remove" ? "removed" : action)
        }
    }
}
