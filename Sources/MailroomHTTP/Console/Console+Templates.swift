import Foundation
import Hummingbird
import MailroomCore

/// `/ops/templates`: every template by language with the missing ones flagged (managers read, admins edit); the
/// editor checks with the same checker as `mailroom templates check`, previews against a chosen ticket, saves
/// atomically (the gateway reloads it) and keeps every version, with a diff and a rollback.
extension Console {
    func addTemplateRoutes(to router: Router<MailroomRequestContext>) {
        router.get("ops/templates", use: page(.manager, templateList))
        router.get("ops/templates/:language/:name", use: page(.admin, templateEditor))
        router.post("ops/templates/:language/:name", use: post(.admin, templateSubmit))
        router.post("ops/templates/:language/:name/rollback", use: post(.admin, templateRollback))
    }

    @Sendable func templateList(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let list = try await backend.templates.templates()
        let entries = list.templates.map {
            ["language": $0.language, "name": $0.name, "kind": $0.kind, "hasHTML": $0.hasHTML] as [String: Any]
        }
        let missing = list.missing.map { ["language": $0.language, "name": $0.name, "kind": $0.kind] }
        let problems = list.problems.map(Self.problem)
        return renderer.page(
            "templates", title: "Templates", page: Self.page(request, session, active: "templates"),
            data: [
                "templates": entries, "missing": missing, "problems": problems,
                "canEdit": session.identity.role.includes(.admin),
            ])
    }

    @Sendable func templateEditor(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let (language, name) = try templateName(request)
        let stored = try await backend.templates.template(language: language, name: name)
        return try await editor(
            request, session, language: language, name: name,
            text: stored ?? TemplateText(text: "", html: nil), ticket: request.query("ticket"), extra: [:],
            status: .ok, exists: stored != nil)
    }

    @Sendable func templateSubmit(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws
        -> Response
    {
        let (language, name) = try templateName(request)
        let html = form.multiline("html").flatMap {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0
        }
        let text = TemplateText(text: form.multiline("text") ?? "", html: html)
        let ticket = form.text("ticket")
        guard text.text.utf8.count <= 64_000, (html?.utf8.count ?? 0) <= 256_000 else {
            throw APIError.invalid("the template is too long")
        }
        if form["action"] == "preview" {
            var extra: [String: Any] = [:]
            do {
                let preview = try await backend.templates.preview(
                    PreviewRequest(language: language, name: name, text: text.text, ticket: ticket))
                extra["preview"] = preview.text
                if let html = preview.html { extra["previewHTML"] = html }
                extra["problems"] = preview.problems.map(Self.problem)
            } catch let error as APIError {
                extra["problems"] = ([error.message] + error.details).map { ["message": $0, "severity": "error"] }
            }
            return try await editor(
                request, session, language: language, name: name, text: text, ticket: ticket, extra: extra,
                status: .ok, exists: true)
        }
        switch try await backend.templates.save(language: language, name: name, text, by: session.identity) {
        case .saved:
            return Self.done("/ops/templates/\(language)/\(name)", "saved")
        case .refused(let problems):
            return try await editor(
                request, session, language: language, name: name, text: text, ticket: ticket,
                extra: ["problems": problems.map(Self.problem), "refused": true], status: .unprocessableContent,
                exists: true)
        case .notFound:
            throw ConsoleRefusal.notFound("template \(language)/\(name)")
        }
    }

    @Sendable func templateRollback(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws
        -> Response
    {
        let (language, name) = try templateName(request)
        guard let version = form.text("version").flatMap({ Int64($0) }) else {
            throw APIError.invalid("choose a version")
        }
        switch try await backend.templates.rollback(
            language: language, name: name, version: version, by: session.identity)
        {
        case .saved: return Self.done("/ops/templates/\(language)/\(name)", "rolledBack")
        case .refused(let problems):
            throw APIError.unprocessable(
                "that version does not pass today's checks", details: problems.map(\.message))
        case .notFound: throw ConsoleRefusal.notFound("version \(version)")
        }
    }

    /// The editor page: the text, the checker's problems, a preview, the tickets to preview against, the history.
    func editor(
        _ request: Request, _ session: ConsoleSession, language: String, name: String, text: TemplateText,
        ticket: String?, extra: [String: Any], status: HTTPResponse.Status, exists: Bool
    ) async throws -> Response {
        let versions = try await backend.templates.history(language: language, name: name)
        let history = versions.enumerated().map { index, version -> [String: Any] in
            let older = versions[safe: index + 1]?.text ?? ""
            let diff = LineDiff.lines(older, version.text).map {
                [
                    "mark": String($0.mark), "text": $0.text,
                    "class": $0.mark == "+" ? "add" : ($0.mark == "-" ? "del" : "same"),
                ]
            }
            return [
                "id": version.id, "author": version.author, "at": ConsoleFormat.time(version.createdAt),
                "diff": diff, "current": index == 0, "first": index == versions.count - 1,
            ]
        }
        let recent = try await backend.tickets.tickets(TicketFilter(limit: 30)).tickets
        let tickets = recent.map {
            ["id": $0.id, "subject": String($0.subject.prefix(60)), "selected": $0.id == ticket?.uppercased()]
                as [String: Any]
        }
        var data: [String: Any] = [
            "language": language, "name": name, "text": text.text, "html": text.html ?? "", "history": history,
            "tickets": tickets, "exists": exists,
        ]
        data.merge(extra) { _, new in new }
        return renderer.page(
            "template", title: "Template \(language)/\(name)", page: Self.page(request, session, active: "templates"),
            data: data, status: status)
    }

    func templateName(_ request: Request) throws -> (String, String) {
        (try Self.pathPart(request, 2), try Self.pathPart(request, 3))
    }

    static func problem(_ problem: TemplateProblemView) -> [String: Any] {
        var row: [String: Any] = ["file": problem.file, "severity": problem.severity, "message": problem.message]
        if let line = problem.line { row["line"] = line }
        return row
    }
}
