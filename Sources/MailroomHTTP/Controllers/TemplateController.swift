import Foundation
import Hummingbird
import MailroomCore

/// `/api/v1/templates`: managers read and preview, admins save.
struct TemplateController {
    let templates: any TemplateBackend

    func addRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.get("templates", use: list)
        group.get("templates/:language/:name", use: get)
        group.put("templates/:language/:name", use: put)
        group.post("templates/preview", use: preview)
    }

    @Sendable func list(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.manager)
        return try JSONResponse.make(try await templates.templates())
    }

    @Sendable func get(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.manager)
        let (language, name) = try Self.path(context)
        guard let text = try await templates.template(language: language, name: name) else {
            throw APIError.notFound("template \(language)/\(name)")
        }
        return try JSONResponse.make(text)
    }

    /// Saves a template that checks clean; one with errors is refused with 422 and the checker's problems.
    @Sendable func put(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.require(.admin)
        let (language, name) = try Self.path(context)
        let text = try await RequestBody.json(TemplateText.self, request, context)
        switch try await templates.save(language: language, name: name, text, by: identity) {
        case .saved(let saved): return try JSONResponse.make(saved)
        case .notFound: throw APIError.notFound("template language \(language)")
        case .refused(let problems):
            throw APIError.unprocessable(
                "the template has errors; nothing was saved",
                details: problems.map { "\($0.file)\($0.line.map { ":\($0)" } ?? ""): \($0.message)" })
        }
    }

    @Sendable func preview(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.manager)
        let body = try await RequestBody.json(PreviewRequest.self, request, context)
        _ = try Self.validated(language: body.language, name: body.name)
        if let ticket = body.ticket {
            guard ticket.utf8.count <= 32 else { throw APIError.invalid("'ticket' is not a ticket id") }
        }
        return try JSONResponse.make(try await templates.preview(body))
    }

    /// Language and name from the path: short, letters, digits, `_` and `-` only (no `/`, `..` or `%2F`).
    static func path(_ context: MailroomRequestContext) throws -> (String, String) {
        try validated(
            language: try context.parameters.require("language"), name: try context.parameters.require("name"))
    }

    static func validated(language: String, name: String) throws -> (String, String) {
        func valid(_ value: String, max: Int) -> Bool {
            (1...max).contains(value.utf8.count)
                && value.utf8.allSatisfy {
                    ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F
                        || $0 == 0x2D
                }
        }
        guard valid(language, max: 16), valid(name, max: 64), language.first != "-", name.first != "-" else {
            throw APIError.invalid("a template is named by a language (de, pt-br) and a name (track_order)")
        }
        return (language.lowercased(), name)
    }
}

/// `/api/v1/users`: admins only.
struct UserController {
    let accounts: any AccountBackend

    func addRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.get("users") { _, context in
            _ = try context.require(.admin)
            return try JSONResponse.make(UserList(users: try await accounts.accounts().map(UserView.init)))
        }
        group.post("users") { request, context in
            _ = try context.require(.admin)
            let body = try await RequestBody.json(NewUserRequest.self, request, context)
            return try JSONResponse.make(UserView(try await accounts.createAccount(body)), status: .created)
        }
        group.delete("users/:name") { _, context in
            _ = try context.require(.admin)
            let name = try context.parameters.require("name")
            guard Account.isValidName(name), try await accounts.removeAccount(name: name) else {
                throw APIError.notFound("user \(name)")
            }
            return Response(status: .noContent)
        }
    }
}
