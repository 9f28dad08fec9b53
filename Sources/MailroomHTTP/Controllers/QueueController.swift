import Foundation
import Hummingbird
import MailroomCore

/// `/api/v1/quarantine` and `/api/v1/outbox`: agents read, managers act.
struct QueueController {
    let queues: any QueueBackend

    func addRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.get("quarantine", use: quarantine)
        group.post("quarantine/:id/release", use: release)
        group.post("quarantine/:id/dismiss", use: dismiss)
        group.get("quarantine/:id/raw", use: raw)
        group.get("outbox", use: outbox)
        group.post("outbox/:id/retry", use: retry)
    }

    @Sendable func quarantine(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.agent)
        return try JSONResponse.make(QuarantineList(messages: try await queues.quarantine()))
    }

    @Sendable func release(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.require(.manager)
        let id = try Self.rowID(context)
        guard try await queues.release(id, by: identity) else { throw APIError.notFound("quarantined message \(id)") }
        return Response(status: .noContent)
    }

    @Sendable func dismiss(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.require(.manager)
        let id = try Self.rowID(context)
        let reason = try await RequestBody.json(DismissRequest.self, request, context).reason
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.utf8.count <= 1000 else {
            throw APIError.invalid("'reason' must say why (at most 1,000 bytes)")
        }
        guard try await queues.dismiss(id, reason: reason, by: identity) else {
            throw APIError.notFound("quarantined message \(id)")
        }
        return Response(status: .noContent)
    }

    /// The raw mail as a download (`Content-Disposition: attachment`), never rendered.
    @Sendable func raw(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.manager)
        let id = try Self.rowID(context)
        guard let bytes = try await queues.raw(id) else { throw APIError.notFound("message \(id)") }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream",
                .contentDisposition: "attachment; filename=\"message-\(id).eml\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    @Sendable func outbox(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.agent)
        var state: OutboxState?
        if let value = request.query("state") {
            guard let parsed = OutboxState(rawValue: value) else {
                throw APIError.invalid(
                    "'state' must be one of \(OutboxState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            state = parsed
        }
        return try JSONResponse.make(OutboxList(mail: try await queues.outbox(state: state)))
    }

    @Sendable func retry(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        let identity = try context.require(.manager)
        let id = try Self.rowID(context)
        guard try await queues.retry(id, by: identity) else {
            throw APIError.notFound("failed or deferred outgoing mail \(id)")
        }
        return Response(status: .noContent)
    }

    static func rowID(_ context: MailroomRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")), id > 0 else { throw APIError.notFound("row") }
        return id
    }
}

/// `/api/v1/knowledge`: managers review learned answers.
struct KnowledgeController {
    let knowledge: any KnowledgeBackend

    func addRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.get("knowledge", use: list)
        group.post("knowledge/:id/approve") { request, context in
            let identity = try context.require(.manager)
            return try Self.answer(try await knowledge.approve(try QueueController.rowID(context), by: identity))
        }
        group.post("knowledge/:id/reject") { request, context in
            let identity = try context.require(.manager)
            let id = try QueueController.rowID(context)
            var reason: String?
            if request.headers[.contentType] != nil {
                reason = try await RequestBody.json(RejectRequest.self, request, context).reason
            }
            return try Self.answer(try await knowledge.reject(id, reason: reason, by: identity))
        }
        group.put("knowledge/:id") { request, context in
            let identity = try context.require(.manager)
            let id = try QueueController.rowID(context)
            let answer = try await RequestBody.json(KnowledgeUpdate.self, request, context).answer
            guard !answer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, answer.utf8.count <= 20_000 else {
                throw APIError.invalid("'answer' must be 1 to 20,000 bytes")
            }
            return try Self.answer(try await knowledge.update(id, answer: answer, by: identity))
        }
    }

    @Sendable func list(_ request: Request, context: MailroomRequestContext) async throws -> Response {
        _ = try context.require(.manager)
        var state: KnowledgeState?
        if let value = request.query("state") {
            guard let parsed = KnowledgeState(rawValue: value) else {
                throw APIError.invalid("'state' must be pending, approved or rejected")
            }
            state = parsed
        }
        return try JSONResponse.make(KnowledgeList(entries: try await knowledge.entries(state: state)))
    }

    static func answer(_ result: KnowledgeReviewResult) throws -> Response {
        switch result {
        case .done(let view): return try JSONResponse.make(view)
        case .notFound: throw APIError.notFound("knowledge entry")
        case .refused(let findings):
            throw APIError.unprocessable("the personal-data screen found personal data", details: findings)
        }
    }
}
