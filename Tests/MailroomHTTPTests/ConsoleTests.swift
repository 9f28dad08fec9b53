import ChatServerSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomCore
import MailroomStore
import Testing

@testable import MailroomApp
@testable import MailroomHTTP

/// The console over loopback: who may open which page and post which form, CSRF, cookies and headers, hostile
/// ticket text, downloads, the template editor's refusal, save, history and rollback.
@Suite(.serialized) struct ConsoleTests {
    /// Header fields with the session cookie of `role` (none for nil), and a form content type for posts.
    static func headers(_ harness: APIHarness, _ role: Role?, form: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [:]
        if let role, let token = harness.tokens[role] {
            fields[.cookie] = "\(AuthenticationMiddleware.cookie)=\(token)"
        }
        if form { fields[.contentType] = "application/x-www-form-urlencoded" }
        return fields
    }

    /// A form body with the CSRF token of `role`'s session (or `csrf` when given).
    static func form(_ harness: APIHarness, _ role: Role, _ fields: [String: String], csrf: String? = nil)
        -> ByteBuffer
    {
        var fields = fields
        if let token = harness.tokens[role] { fields["csrf"] = csrf ?? ConsoleSession.csrf(for: token) }
        return ByteBuffer(string: ConsoleFormat.query(fields))
    }

    @Test func pagesAnswerByRole() async throws {
        let harness = try await APIHarness()
        let ticket = try await harness.customerMail(subject: "Where is my parcel?", body: "Order 123 has not arrived.")
        let pages: [(String, Role)] = [
            ("/ops/tickets", .agent), ("/ops/tickets/\(ticket)", .agent), ("/ops/quarantine", .agent),
            ("/ops/outbox", .agent), ("/ops/account", .agent), ("/ops/dashboard", .manager),
            ("/ops/templates", .manager), ("/ops/knowledge", .manager), ("/ops/templates/en/track_order", .admin),
            ("/ops/users", .admin),
        ]
        try await harness.test { client in
            for (path, least) in pages {
                for role in [Role.agent, .manager, .admin, .intake] {
                    let response = try await client.execute(
                        uri: path, method: .get, headers: Self.headers(harness, role))
                    let allowed = role != .intake && role.includes(least)
                    #expect(response.status == (allowed ? .ok : .forbidden), "\(role) GET \(path)")
                    if !allowed { #expect(response.body.text.contains("id=\"forbidden\"")) }
                }
                let anonymous = try await client.execute(uri: path, method: .get)
                #expect(anonymous.status == .seeOther, "anonymous GET \(path)")
                #expect(anonymous.headers[.location]?.hasPrefix("/ops?next=") == true)
            }
            // A bearer token is for the API: the console wants its cookie.
            let bearer = try await client.execute(
                uri: "/ops/tickets", method: .get, headers: harness.headers(.admin))
            #expect(bearer.status == .seeOther)
        }
    }

    @Test func theModelsDraftIsShownEscapedAndAnAgentSendsItAsWritten() async throws {
        let chat = ChatServer()
        try await chat.run { url in
            let harness = try await APIHarness(
                extraYAML:
                    "triage: {backend: llm}\nllm: {baseURL: \"\(url.absoluteString)\", model: t, timeoutSeconds: 5}")
            // The model answers; without a calibration the ticket goes to the agents with the draft.
            let ticket = try await harness.customerMail(
                subject: "Where is it <b>now</b>", body: "Where is my order?\nscenario: valid")
            try await harness.test { client in
                let page = try await client.execute(
                    uri: "/ops/tickets/\(ticket)", method: .get, headers: Self.headers(harness, .agent))
                #expect(page.body.text.contains("id=\"send-draft-form\""))
                #expect(page.body.text.contains("Your order left our warehouse yesterday."))
                #expect(!page.body.text.contains("<b>now</b>"))
                let api = try await client.execute(
                    uri: "/api/v1/tickets/\(ticket)", method: .get, headers: harness.headers(.agent))
                #expect(api.body.text.contains("\"draft\":\"Your order left our warehouse yesterday.\""))
                let sent = try await client.execute(
                    uri: "/ops/tickets/\(ticket)/send-draft", method: .post,
                    headers: Self.headers(harness, .agent, form: true), body: Self.form(harness, .agent, [:]))
                #expect(sent.status == .seeOther)
                #expect(sent.headers[.location] == "/ops/tickets/\(ticket)?done=draftSent")
            }
            let stored = try #require(try harness.gateway.store.ticket(publicID: ticket))
            #expect(stored.status == .answered)
            let relayed = try harness.gateway.store.outboxSummaries(ticket: ticket).filter {
                $0.purpose == "agent_relay"
            }
            #expect(relayed.count == 1)
            let relay = try #require(relayed.first)
            let raw = try #require(try harness.gateway.store.outboxRaw(id: relay.id))
            #expect(String(decoding: raw, as: UTF8.self).contains("Your order left our warehouse yesterday."))
        }
    }

    @Test func formsNeedTheSessionsCSRFTokenAndTheRole() async throws {
        let harness = try await APIHarness()
        let ticket = try await harness.customerMail(subject: "Invoice please", body: "Send me the invoice.")
        try await harness.test { client in
            let path = "/ops/tickets/\(ticket)/note"
            let missing = try await client.execute(
                uri: path, method: .post, headers: Self.headers(harness, .agent, form: true),
                body: ByteBuffer(string: "text=no+token"))
            #expect(missing.status == .forbidden)
            #expect(missing.body.text.contains("id=\"csrf-refused\""))
            // Another session's token is as wrong as a made-up one.
            let foreign = ConsoleSession.csrf(for: harness.tokens[.admin] ?? "")
            for token in ["0123", foreign] {
                let wrong = try await client.execute(
                    uri: path, method: .post, headers: Self.headers(harness, .agent, form: true),
                    body: Self.form(harness, .agent, ["text": "wrong token"], csrf: token))
                #expect(wrong.status == .forbidden)
            }
            let events = try harness.gateway.store.events(ticket: ticket)
            #expect(!events.contains { $0.type == AuditEventType.note.rawValue })
            let good = try await client.execute(
                uri: path, method: .post, headers: Self.headers(harness, .agent, form: true),
                body: Self.form(harness, .agent, ["text": "called the customer"]))
            #expect(good.status == .seeOther)
            #expect(good.headers[.location] == "/ops/tickets/\(ticket)?done=noted")
            #expect(
                try harness.gateway.store.events(ticket: ticket).contains { $0.type == AuditEventType.note.rawValue })

            // An agent with a valid token still may not add a user.
            let name = "sneaky-\(UInt16.random(in: 0...9999))"
            let fields = ["name": name, "role": "admin", "password": "a long enough password"]
            let agent = try await client.execute(
                uri: "/ops/users", method: .post, headers: Self.headers(harness, .agent, form: true),
                body: Self.form(harness, .agent, fields))
            #expect(agent.status == .forbidden)
            #expect(try harness.gateway.store.storedAccount(name: name) == nil)
            let admin = try await client.execute(
                uri: "/ops/users", method: .post, headers: Self.headers(harness, .admin, form: true),
                body: Self.form(harness, .admin, fields))
            #expect(admin.status == .seeOther)
            #expect(try harness.gateway.store.storedAccount(name: name)?.account.role == .admin)
        }
    }

    @Test func loginSetsAStrictHttpOnlySecureCookieAfterTheDoubleSubmitCheck() async throws {
        let harness = try await APIHarness()
        try await harness.test { client in
            let page = try await client.execute(uri: "/ops?next=/ops/outbox", method: .get)
            #expect(page.status == .ok)
            let cookie = try #require(page.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Secure"))
            let token = String(cookie.split(separator: ";")[0].split(separator: "=")[1])
            #expect(page.body.text.contains("value=\"\(token)\""))
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let fields = ["username": "agent-user", "password": APIHarness.password, "next": "/ops/outbox"]
            let noCookie = try await client.execute(
                uri: "/ops/login", method: .post, headers: headers,
                body: ByteBuffer(string: ConsoleFormat.query(fields.merging(["csrf": token]) { $1 })))
            #expect(noCookie.status == .forbidden)
            headers[.cookie] = "\(ConsoleCookies.loginToken)=\(token)"
            let wrong = try await client.execute(
                uri: "/ops/login", method: .post, headers: headers,
                body: ByteBuffer(
                    string: ConsoleFormat.query(fields.merging(["csrf": token, "password": "nope nope nope"]) { $1 })))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.text.contains("class=\"error\""))
            #expect(!(wrong.headers[values: .setCookie].contains { $0.hasPrefix("mailroom_session=mrs_") }))
            let good = try await client.execute(
                uri: "/ops/login", method: .post, headers: headers,
                body: ByteBuffer(string: ConsoleFormat.query(fields.merging(["csrf": token]) { $1 })))
            #expect(good.status == .seeOther)
            #expect(good.headers[.location] == "/ops/outbox")
            let session = try #require(good.headers[values: .setCookie].first { $0.hasPrefix("mailroom_session=mrs_") })
            for attribute in ["HttpOnly", "SameSite=Strict", "Secure", "Path=/"] {
                #expect(session.contains(attribute))
            }
            // `next` never leaves the console.
            let away = try await client.execute(
                uri: "/ops/login", method: .post, headers: headers,
                body: ByteBuffer(
                    string: ConsoleFormat.query(fields.merging(["csrf": token, "next": "//evil.example/x"]) { $1 })))
            #expect(away.headers[.location] == "/ops/tickets")
        }
    }

    @Test func hostileTicketTextIsEscapedAndPagesRunNoInlineCode() async throws {
        let harness = try await APIHarness()
        let ticket = try await harness.customerMail(
            from: "\"<img src=x onerror=alert(1)>\" <evil@example.com>",
            subject: "<script>alert('subject')</script> refund",
            body: "<script>alert('body')</script>\n<a href=\"javascript:alert(2)\">click</a>\nI want a refund.")
        try await harness.test { client in
            for path in ["/ops/tickets", "/ops/tickets/\(ticket)", "/ops/tickets?q=refund"] {
                let response = try await client.execute(uri: path, method: .get, headers: Self.headers(harness, .admin))
                let html = response.body.text
                #expect(response.status == .ok)
                #expect(!html.contains("<script>alert"), "\(path)")
                #expect(!html.contains("<img src=x"), "\(path)")
                #expect(!html.contains("href=\"javascript:"), "\(path)")
                #expect(html.contains("&lt;script&gt;alert("), "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                // Scripts only from our files, no inline styles (the CSP forbids both).
                #expect(
                    html.components(separatedBy: "<script").count - 1 == html.components(
                        separatedBy: "<script src=\"/static/"
                    ).count - 1)
                #expect(!html.contains(" style="))
            }
        }
    }

    @Test func rawDownloadIsAnAttachmentForManagers() async throws {
        let harness = try await APIHarness()
        let raw = Array("X-Junk: yes\r\nSubject: <b>held</b>\r\n\r\nno sender\r\n".utf8)
        guard
            case .stored(let row) = try harness.gateway.store.ingest(
                IngestRequest(raw: raw, source: "test", receivedAt: Date()))
        else { throw ConsoleTestError.notStored }
        _ = try await harness.gateway.runOnce()
        try await harness.test { client in
            let list = try await client.execute(
                uri: "/ops/quarantine", method: .get, headers: Self.headers(harness, .agent))
            #expect(list.body.text.contains("href=\"/ops/quarantine/\(row)\""))
            let page = try await client.execute(
                uri: "/ops/quarantine/\(row)", method: .get, headers: Self.headers(harness, .manager))
            #expect(page.body.text.contains("Subject: &lt;b&gt;held&lt;/b&gt;"))
            let download = try await client.execute(
                uri: "/ops/quarantine/\(row)/raw", method: .get, headers: Self.headers(harness, .manager))
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.contentType] == "application/octet-stream")
            #expect(Array(download.body.readableBytesView) == raw)
            let agent = try await client.execute(
                uri: "/ops/quarantine/\(row)/raw", method: .get, headers: Self.headers(harness, .agent))
            #expect(agent.status == .forbidden)
        }
    }

    @Test func templateEditorRefusesErrorsSavesKeepsHistoryAndRollsBack() async throws {
        let harness = try await APIHarness()
        let file = harness.directory.appendingPathComponent("templates/en/track_order.txt.mustache")
        let original = try String(contentsOf: file, encoding: .utf8)
        let path = "/ops/templates/en/track_order"
        try await harness.test { client in
            let broken = original + "\n{{#ticket.reference}}\n"
            let refused = try await client.execute(
                uri: path, method: .post, headers: Self.headers(harness, .admin, form: true),
                body: Self.form(harness, .admin, ["text": broken, "action": "save"]))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.text.contains("class=\"problem severity-error\">line "))
            #expect(try String(contentsOf: file, encoding: .utf8) == original)

            let changed = original.replacingOccurrences(of: "\n", with: "\n\n", options: [], range: nil)
            let saved = try await client.execute(
                uri: path, method: .post, headers: Self.headers(harness, .admin, form: true),
                body: Self.form(harness, .admin, ["text": changed, "action": "save"]))
            #expect(saved.status == .seeOther)
            #expect(try String(contentsOf: file, encoding: .utf8) == changed)
            // The first save keeps the shipped text as the first version, so it can be rolled back to.
            let versions = try harness.gateway.store.templateVersions(language: "en", name: "track_order")
            #expect(versions.map(\.author) == ["admin-user", "(before editing)"])
            #expect(versions.map(\.text) == [changed, original])
            let editor = try await client.execute(uri: path, method: .get, headers: Self.headers(harness, .admin))
            #expect(editor.body.text.components(separatedBy: "class=\"version\"").count - 1 == 2)
            #expect(editor.body.text.contains("class=\"add\""))

            let back = try await client.execute(
                uri: path + "/rollback", method: .post, headers: Self.headers(harness, .admin, form: true),
                body: Self.form(harness, .admin, ["version": "\(versions[1].id)"]))
            #expect(back.status == .seeOther)
            #expect(try String(contentsOf: file, encoding: .utf8) == original)

            let preview = try await client.execute(
                uri: path, method: .post, headers: Self.headers(harness, .admin, form: true),
                body: Self.form(
                    harness, .admin, ["text": "{{% CONTENT_TYPE: TEXT}}\nHi {{ticket.reference}}", "action": "preview"])
            )
            #expect(preview.body.text.contains("<pre id=\"preview\">Hi "))

            let manager = try await client.execute(
                uri: path, method: .post, headers: Self.headers(harness, .manager, form: true),
                body: Self.form(harness, .manager, ["text": original, "action": "save"]))
            #expect(manager.status == .forbidden)
        }
    }

    @Test func dashboardDrawsEachChartWithItsNumbers() async throws {
        let harness = try await APIHarness()
        try await harness.customerMail(subject: "Where is my parcel?", body: "Order 123 has not arrived.")
        try await harness.test { client in
            let response = try await client.execute(
                uri: "/ops/dashboard", method: .get, headers: Self.headers(harness, .manager))
            let html = response.body.text
            #expect(response.status == .ok)
            for chart in ["volume", "rates", "frt", "sla", "suppressed", "confidence", "satisfaction"] {
                #expect(html.contains("id=\"chart-\(chart)\""))
            }
            #expect(html.components(separatedBy: "<svg ").count - 1 == 7)
            #expect(html.components(separatedBy: "<table>").count - 1 == 7)
            let bad = try await client.execute(
                uri: "/ops/dashboard?since=2026-12-01&until=2020-01-01", method: .get,
                headers: Self.headers(harness, .manager))
            #expect(bad.body.text.contains("class=\"error\""))
        }
    }

    @Test func chartLabelsAreEscapedAndDiffsMarkLines() {
        let svg = SVGChart.horizontalBars(
            [("<script>x</script>", 3)], title: "t\"", format: { String(Int($0)) })
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;"))
        let diff = LineDiff.lines("a\nb\nc", "a\nc\nd")
        #expect(diff.map { "\($0.mark)\($0.text)" } == [" a", "-b", " c", "+d"])
    }

    enum ConsoleTestError: Error { case notStored }
}
