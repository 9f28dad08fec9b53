import Foundation
import Hummingbird
import MailroomCore

/// `/ops/quarantine` (agents read; managers download, release, dismiss), `/ops/outbox` (agents read; managers
/// retry) and `/ops/knowledge` (managers and admins review learned answers).
extension Console {
    func addQueueRoutes(to router: Router<MailroomRequestContext>) {
        router.get("ops/quarantine", use: page(.agent, quarantineList))
        router.get("ops/quarantine/:id", use: page(.agent, quarantineItem))
        router.get("ops/quarantine/:id/raw", use: page(.manager, quarantineRaw))
        router.post("ops/quarantine/:id/release", use: post(.manager, release))
        router.post("ops/quarantine/:id/dismiss", use: post(.manager, dismiss))
        router.get("ops/outbox", use: page(.agent, outboxList))
        router.post("ops/outbox/:id/retry", use: post(.manager, retry))
        router.get("ops/knowledge", use: page(.manager, knowledgeList))
        router.post("ops/knowledge/:id/approve", use: post(.manager, review("approve")))
        router.post("ops/knowledge/:id/reject", use: post(.manager, review("reject")))
        router.post("ops/knowledge/:id/edit", use: post(.manager, review("edit")))
    }

    @Sendable func quarantineList(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let held = try await backend.queues.quarantine().map(Self.held)
        return renderer.page(
            "quarantine", title: "Quarantine", page: Self.page(request, session, active: "quarantine"),
            data: ["held": held, "empty": held.isEmpty])
    }

    @Sendable func quarantineItem(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let id = try Self.numericPart(request, 2)
        guard let item = try await backend.queues.quarantine().first(where: { $0.id == id }) else {
            throw ConsoleRefusal.notFound("held message \(id)")
        }
        var data = Self.held(item)
        data["canAct"] = session.identity.role.includes(.manager)
        if session.identity.role.includes(.manager), let raw = try await backend.queues.raw(id) {
            data["headers"] = Self.headerBlock(raw)
            data["size"] = raw.count
        }
        return renderer.page(
            "quarantined", title: "Held message \(id)", page: Self.page(request, session, active: "quarantine"),
            data: data)
    }

    @Sendable func quarantineRaw(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let id = try Self.numericPart(request, 2)
        guard let raw = try await backend.queues.raw(id) else { throw ConsoleRefusal.notFound("message \(id)") }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/octet-stream",
                .contentDisposition: "attachment; filename=\"mailroom-message-\(id).eml\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: raw)))
    }

    @Sendable func release(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws
        -> Response
    {
        let id = try Self.numericPart(request, 2)
        guard try await backend.queues.release(id, by: session.identity) else {
            throw ConsoleRefusal.notFound("held message \(id)")
        }
        return Self.done("/ops/quarantine", "released")
    }

    @Sendable func dismiss(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws
        -> Response
    {
        let id = try Self.numericPart(request, 2)
        guard let reason = form.text("reason"), reason.utf8.count <= 500 else {
            throw APIError.invalid("say why it is dismissed (at most 500 bytes)")
        }
        guard try await backend.queues.dismiss(id, reason: reason, by: session.identity) else {
            throw ConsoleRefusal.notFound("held message \(id)")
        }
        return Self.done("/ops/quarantine", "dismissed")
    }

    @Sendable func outboxList(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        var page = Self.page(request, session, active: "outbox")
        var state: OutboxState?
        if let value = Self.nonEmpty(request.query("state")) {
            state = OutboxState(rawValue: value)
            if state == nil { page.error = "unknown state \(value)" }
        }
        let mail = try await backend.queues.outbox(state: state).prefix(200).map(ConsoleTrail.outgoing)
        return renderer.page(
            "outbox", title: "Outgoing mail", page: page,
            data: [
                "mail": Array(mail), "empty": mail.isEmpty, "canRetry": session.identity.role.includes(.manager),
                "states": OutboxState.allCases.map { ["value": $0.rawValue, "selected": $0 == state] },
            ])
    }

    @Sendable func retry(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws -> Response {
        let id = try Self.numericPart(request, 2)
        guard try await backend.queues.retry(id, by: session.identity) else {
            throw APIError.conflict("only deferred or failed mail can be retried")
        }
        return Self.done("/ops/outbox", "retried")
    }

    @Sendable func knowledgeList(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let entries = try await backend.knowledge.entries(state: nil)
        func view(_ entry: KnowledgeView) -> [String: Any] {
            [
                "id": entry.id, "ticket": entry.ticket, "intent": entry.intent ?? "", "language": entry.language ?? "",
                "question": entry.question, "answer": entry.answer, "author": entry.author ?? "",
                "reuse": entry.reuseCount, "findings": entry.findings, "hasFindings": !entry.findings.isEmpty,
            ]
        }
        let pending = entries.filter { $0.state == .pending }.map(view)
        let approved = entries.filter { $0.state == .approved }.sorted { $0.reuseCount > $1.reuseCount }.map(view)
        let rejected = entries.filter { $0.state == .rejected }.map(view)
        return renderer.page(
            "knowledge", title: "Knowledge", page: Self.page(request, session, active: "knowledge"),
            data: [
                "pending": pending, "approved": approved, "rejected": rejected, "noPending": pending.isEmpty,
                "noApproved": approved.isEmpty,
            ])
    }

    func review(_ action: String) -> @Sendable (Request, ConsoleSession, ConsoleForm) async throws -> Response {
        { request, session, form in
            let id = try Self.numericPart(request, 2)
            let result: KnowledgeReviewResult
            switch action {
            case "approve": result = try await backend.knowledge.approve(id, by: session.identity)
            case "reject":
                result = try await backend.knowledge.reject(id, reason: form.text("reason"), by: session.identity)
            default:
                guard let answer = form.multiline("answer"), !answer.trimmingCharacters(in: .whitespaces).isEmpty,
                    answer.utf8.count <= 64_000
                else { throw APIError.invalid("the answer is empty or longer than 64,000 bytes") }
                result = try await backend.knowledge.update(id, answer: answer, by: session.identity)
            }
            switch result {
            case .done:
                return Self.done(
                    "/ops/knowledge", action == "approve" ? "approved" : action == "reject" ? "rejected" : "edited")
            case .refused(let findings):
                throw APIError.unprocessable("the personal-data screen refused it", details: findings)
            case .notFound: throw ConsoleRefusal.notFound("entry \(id)")
            }
        }
    }

    static func held(_ item: QuarantineView) -> [String: Any] {
        [
            "id": item.id, "reason": item.reason, "detail": item.detail, "from": item.from ?? "",
            "subject": item.subject ?? "", "at": ConsoleFormat.time(item.createdAt),
        ]
    }

    /// The header block of a raw message (up to the first empty line, at most 64 KiB), as text.
    static func headerBlock(_ raw: [UInt8]) -> String {
        var end = min(raw.count, 65_536)
        for index in 0..<end where raw[index] == 0x0A {
            if index + 1 < raw.count,
                raw[index + 1] == 0x0A || (raw[index + 1] == 0x0D && index + 2 < raw.count && raw[index + 2] == 0x0A)
            {
                end = index
                break
            }
        }
        return String(decoding: raw[0..<end], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
