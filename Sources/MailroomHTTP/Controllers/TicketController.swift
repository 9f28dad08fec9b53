import Foundation
import Hummingbird
import MailroomCore

/// `/api/v1/tickets`: list and search, detail, web-form intake, actions, evaluation.
struct TicketController {
    let tickets: any TicketBackend
    let settings: HTTPSettings
    let byClient: RateLimiter
    let byAddress: RateLimiter

    func addRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.get("tickets", use: list)
        group.post("tickets", use: submit)
        group.get("tickets/:id", use: detail)
        group.post("tickets/:id/reply") { try await act($0, $1) { .reply($0 ?? "") } }
        group.post("tickets/:id/note") { try await act($0, $1) { .note($0 ?? "") } }
        group.post("tickets/:id/close") { try await act($0, $1, textOptional: true) { .close($0) } }
        group.post("tickets/:id/reopen") { try await act($0, $1, textOptional: true) { _ in .reopen } }
        group.post("tickets/:id/send-draft") { try await act($0, $1, textOptional: true) { .sendDraft($0) } }
        group.post("tickets/:id/evaluate", use: evaluate)
    }

    @Sendable func list(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.agent)
        let filter = try TicketFilterParser.parse(request)
        return try JSONResponse.make(try await tickets.tickets(filter))
    }

    @Sendable func detail(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.agent)
        let id = try Self.publicID(context)
        guard let detail = try await tickets.ticket(id) else { throw APIError.notFound("ticket \(id)") }
        return try JSONResponse.make(detail)
    }

    /// A web form: allowed with the intake role (or any role including it), or without a token when
    /// `http.publicIntake` is on; rate-limited per client address and per email address either way.
    @Sendable func submit(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        if !settings.publicIntake { _ = try context.require(.intake) }
        if let wait = await byClient.take(context.clientAddress) { throw APIError.tooMany(retryAfter: wait) }
        let form = try WebFormValidator.validate(try await RequestBody.json(WebFormRequest.self, request, context))
        if let wait = await byAddress.take(form.email.lowercased()) { throw APIError.tooMany(retryAfter: wait) }
        return try JSONResponse.make(try await tickets.submit(form), status: .created)
    }

    private func act(
        _ request: Request, _ context: MailroomRequestContext, textOptional: Bool = false,
        _ action: (String?) -> TicketAction
    ) async throws -> Response {
        let identity = try context.require(.agent)
        let id = try Self.publicID(context)
        var text: String?
        if request.headers[.contentType] != nil || !textOptional {
            text = try await RequestBody.json(OptionalText.self, request, context).text
            if !textOptional, (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw APIError.invalid("'text' is missing or empty")
            }
        }
        if let text, text.utf8.count > 100_000 { throw APIError.invalid("'text' is longer than 100,000 bytes") }
        guard let result = try await tickets.act(on: id, action(text), by: identity) else {
            throw APIError.notFound("ticket \(id)")
        }
        return try JSONResponse.make(result)
    }

    @Sendable func evaluate(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.require(.agent)
        let id = try Self.publicID(context)
        var apply = false
        if request.headers[.contentType] != nil {
            apply = try await RequestBody.json(EvaluateRequest.self, request, context).apply ?? false
        }
        guard let evaluation = try await tickets.evaluate(id, apply: apply, by: identity) else {
            throw APIError.notFound("ticket \(id) or a customer message on it")
        }
        return try JSONResponse.make(evaluation)
    }

    static func publicID(_ context: MailroomRequestContext) throws -> String {
        let id = try context.parameters.require("id").uppercased()
        guard id.utf8.count <= 32,
            id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D })
        else { throw APIError.notFound("ticket") }
        return id
    }

    struct OptionalText: Decodable {
        var text: String?
    }
}
