import Foundation
import Hummingbird
import MailroomCore

/// `/ops/tickets` (search, filters, pages) and `/ops/tickets/{id}` (thread, decision trail, outgoing mail, actions).
extension Console {
    func addTicketRoutes(to router: Router<MailroomRequestContext>) {
        router.get("ops/tickets", use: page(.agent, ticketList))
        router.get("ops/tickets/:id", use: page(.agent, ticketPage))
        router.post("ops/tickets/:id/reply", use: post(.agent, ticketAction("reply")))
        router.post("ops/tickets/:id/note", use: post(.agent, ticketAction("note")))
        router.post("ops/tickets/:id/close", use: post(.agent, ticketAction("close")))
        router.post("ops/tickets/:id/reopen", use: post(.agent, ticketAction("reopen")))
        router.post("ops/tickets/:id/send-draft", use: post(.agent, ticketAction("send-draft")))
        router.post("ops/tickets/:id/evaluate", use: post(.agent, evaluate))
    }

    @Sendable func ticketList(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let names = ["q", "status", "intent", "language", "since", "until", "cursor"]
        var values: [String: String] = [:]
        for name in names {
            if let value = request.query(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                values[name] = value
            }
        }
        var data: [String: Any] = values
        data["statuses"] = TicketStatus.allCases.map {
            ["value": $0.rawValue, "selected": $0.rawValue == values["status"]]
        }
        var page = Self.page(request, session, active: "tickets")
        do {
            let filter = try TicketFilterParser.parse { values[$0] }
            let list = try await backend.tickets.tickets(filter)
            data["tickets"] = list.tickets.map(ConsoleFormat.row)
            data["empty"] = list.tickets.isEmpty
            if let cursor = list.nextCursor {
                var query = values
                query["cursor"] = cursor
                data["nextPage"] = "/ops/tickets?" + ConsoleFormat.query(query)
            }
        } catch let error as APIError {
            page.error = error.message
            data["empty"] = true
        }
        return renderer.page("tickets", title: "Tickets", page: page, data: data)
    }

    @Sendable func ticketPage(_ request: Request, _ session: ConsoleSession) async throws -> Response {
        let id = try ticketID(request)
        guard let detail = try await backend.tickets.ticket(id) else { throw ConsoleRefusal.notFound("ticket \(id)") }
        return renderer.page(
            "ticket", title: detail.ticket.subject, page: Self.page(request, session, active: "tickets"),
            data: ConsoleTrail.data(detail))
    }

    func ticketAction(_ name: String) -> @Sendable (Request, ConsoleSession, ConsoleForm) async throws -> Response {
        { request, session, form in
            let id = try ticketID(request)
            let action: TicketAction
            let done: String
            switch name {
            case "reply":
                guard let text = form.multiline("text"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                else { throw APIError.invalid("the answer is empty") }
                action = .reply(form["reusable"] == nil ? text : "#kb\n" + text)
                done = "replied"
            case "note":
                guard let text = form.multiline("text"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                else { throw APIError.invalid("the note is empty") }
                action = .note(text)
                done = "noted"
            case "close":
                action = .close(form.text("text"))
                done = "closed"
            case "send-draft":
                action = .sendDraft(nil)
                done = "draftSent"
            default:
                action = .reopen
                done = "reopened"
            }
            for value in [form["text"] ?? ""] where value.utf8.count > 64_000 {
                throw APIError.invalid("the text is longer than 64,000 bytes")
            }
            guard try await backend.tickets.act(on: id, action, by: session.identity) != nil else {
                throw ConsoleRefusal.notFound("ticket \(id)")
            }
            return Self.done("/ops/tickets/\(id)", done)
        }
    }

    /// What the pipeline would decide now, shown on the ticket's page (a dry run: nothing is sent or changed).
    @Sendable func evaluate(_ request: Request, _ session: ConsoleSession, _ form: ConsoleForm) async throws
        -> Response
    {
        let id = try ticketID(request)
        guard let detail = try await backend.tickets.ticket(id),
            let evaluation = try await backend.tickets.evaluate(id, apply: false, by: session.identity)
        else { throw ConsoleRefusal.notFound("ticket \(id) or its customer message") }
        var data = ConsoleTrail.data(detail)
        data["evaluation"] = ConsoleTrail.evaluation(evaluation)
        return renderer.page(
            "ticket", title: detail.ticket.subject, page: Self.page(request, session, active: "tickets"), data: data)
    }

    func ticketID(_ request: Request) throws -> String {
        try Self.pathPart(request, 2).uppercased()
    }
}
