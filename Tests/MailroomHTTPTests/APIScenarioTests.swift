import Foundation
import Hummingbird
import HummingbirdTesting
import MailMessage
import MailroomCore
import MailroomStore
import Testing

@testable import MailroomApp
@testable import MailroomHTTP

/// The API's behaviour over loopback: logins and their lockout, tokens that stop working, pages and search,
/// feedback links, templates refused by the checker, metrics.
@Suite(.serialized) struct APIScenarioTests {
    @Test func repeatedFailedLoginsLockTheAccount() async throws {
        let harness = try await APIHarness()
        try await harness.test { client in
            func login(_ password: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: jsonBody(["username": "agent-user", "password": password])
                ) { $0.status }
            }
            for _ in 0..<4 {
                let value1 = try await login("wrong password!")
                #expect(value1 == .unauthorized)
            }
            let value2 = try await login("wrong password!")
            #expect(value2 == .tooManyRequests)
            let value3 = try await login(APIHarness.password)
            #expect(value3 == .tooManyRequests, "a locked account accepts no password")
            let value4 = try await login("x")
            #expect(value4 == .tooManyRequests)
        }
        let stored = try #require(try harness.gateway.store.storedAccount(name: "agent-user"))
        #expect(stored.account.lockedUntil != nil)
    }

    @Test func tokensStopWorkingOnLogoutPasswordChangeAndRemoval() async throws {
        let harness = try await APIHarness()
        try await harness.test { client in
            func me(_ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(token)"])
                {
                    $0.status
                }
            }
            func login() async throws -> String {
                try await client.execute(
                    uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: jsonBody(["username": "manager-user", "password": APIHarness.password])
                ) { try $0.body.json(LoginResponse.self).token }
            }
            let first = try await login()
            let value5 = try await me(first)
            #expect(value5 == .ok)
            _ = try await client.execute(
                uri: "/api/v1/auth/logout", method: .post, headers: [.authorization: "Bearer \(first)"]
            ) { $0.status }
            let value6 = try await me(first)
            #expect(value6 == .unauthorized)
            let second = try await login()
            let apiToken = try harness.gateway.accountService(sessionHours: 1).issue(
                .api, for: try #require(try harness.gateway.store.storedAccount(name: "manager-user")).account,
                expiresAt: nil)
            let value7 = try await me(apiToken)
            #expect(value7 == .ok)
            let change = try await client.execute(
                uri: "/api/v1/me/password", method: .put,
                headers: [.authorization: "Bearer \(second)", .contentType: "application/json"],
                body: jsonBody(["current": APIHarness.password, "new": "a new long password"])
            ) { $0.status }
            #expect(change == .noContent)
            let value8 = try await me(second)
            #expect(value8 == .unauthorized)
            let value9 = try await me(apiToken)
            #expect(value9 == .unauthorized)
            let third = try await client.execute(
                uri: "/api/v1/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: jsonBody(["username": "manager-user", "password": "a new long password"])
            ) { try $0.body.json(LoginResponse.self).token }
            let value10 = try await me(third)
            #expect(value10 == .ok)
            let removed = try await client.execute(
                uri: "/api/v1/users/manager-user", method: .delete, headers: harness.headers(.admin)
            ) { $0.status }
            #expect(removed == .noContent)
            let value11 = try await me(third)
            #expect(value11 == .unauthorized)
        }
    }

    @Test func pagesAndFullTextSearch() async throws {
        let harness = try await APIHarness()
        let words = ["walrus", "pelican", "otter", "heron", "marmot", "bison", "lynx"]
        for (index, word) in words.enumerated() {
            try await harness.customerMail(
                from: "Customer \(index) <c\(index)@example.com>", subject: "Question \(index)",
                body: "My \(word) figurine arrived broken, order \(4000 + index).")
        }
        try await harness.test { client in
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/tickets?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.execute(uri: uri, method: .get, headers: harness.headers(.agent)) {
                    try $0.body.json(TicketList.self)
                }
                #expect(page.tickets.count <= 3)
                seen += page.tickets.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            #expect(seen.count == words.count && Set(seen).count == words.count)
            let found = try await client.execute(
                uri: "/api/v1/tickets?q=pelican", method: .get, headers: harness.headers(.agent)
            ) {
                try $0.body.json(TicketList.self)
            }
            #expect(found.tickets.map(\.customer) == ["c1@example.com"])
            let prefix = try await client.execute(
                uri: "/api/v1/tickets?q=marm", method: .get, headers: harness.headers(.agent)
            ) {
                try $0.body.json(TicketList.self)
            }
            #expect(prefix.tickets.map(\.customer) == ["c4@example.com"])
            for hostile in ["\" OR 1=1 --", "pelican' OR '1'='1", "NEAR(a b", "subject:walrus*", "*", "(((", "a\"b\"c"]
            {
                let encoded = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let status = try await client.execute(
                    uri: "/api/v1/tickets?q=\(encoded)", method: .get, headers: harness.headers(.agent)
                ) { $0.status }
                #expect(status == .ok, "\(hostile)")
            }
            let injected = try await client.execute(
                uri: "/api/v1/tickets?q=zebra%22%20OR%20%221%22%3D%221", method: .get, headers: harness.headers(.agent)
            ) { try $0.body.json(TicketList.self) }
            #expect(injected.tickets.isEmpty, "a query's syntax matched everything")
            let bad = try await client.execute(
                uri: "/api/v1/tickets?cursor=abc", method: .get, headers: harness.headers(.agent)
            ) {
                $0.status
            }
            #expect(bad == .badRequest)
        }
    }

    @Test func aTemplateWithAnErrorIsRefusedAndAGoodOneSaved() async throws {
        let harness = try await APIHarness()
        try await harness.test { client in
            let broken = try await client.execute(
                uri: "/api/v1/templates/en/track_order", method: .put, headers: harness.headers(.admin, json: true),
                body: jsonBody(["text": "{{% CONTENT_TYPE: TEXT}}\nHello {{customer.nmae}}\n{{ticket.reference}}\n"])
            ) { ($0.status, $0.body.text) }
            #expect(broken.0 == .unprocessableContent)
            #expect(broken.1.contains("customer.nmae") && broken.1.contains(":2"), "\(broken.1)")
            let unclosed = try await client.execute(
                uri: "/api/v1/templates/en/track_order", method: .put, headers: harness.headers(.admin, json: true),
                body: jsonBody(["text": "{{% CONTENT_TYPE: TEXT}}\n{{#intent}}\n{{ticket.reference}}\n"])
            ) { ($0.status, $0.body.text) }
            #expect(unclosed.0 == .unprocessableContent && unclosed.1.contains("never closed"))
            let before = try await client.execute(
                uri: "/api/v1/templates/en/track_order", method: .get, headers: harness.headers(.manager)
            ) { try $0.body.json(TemplateText.self) }
            #expect(!before.text.contains("nmae"), "a refused template was written")
            let text =
                "{{% CONTENT_TYPE: TEXT}}\nHello{{#customer.firstName}} {{customer.firstName}}{{/customer.firstName}}, "
                + "your order is on its way.\n{{ticket.reference}}\n"
            let saved = try await client.execute(
                uri: "/api/v1/templates/en/track_order", method: .put, headers: harness.headers(.admin, json: true),
                body: jsonBody(["text": text])
            ) { $0.status }
            #expect(saved == .ok)
            let after = try await client.execute(
                uri: "/api/v1/templates/en/track_order", method: .get, headers: harness.headers(.manager)
            ) { try $0.body.json(TemplateText.self) }
            #expect(after.text == text)
        }
        #expect(
            try harness.gateway.store.templateVersions(language: "en", name: "track_order").map(\.author) == [
                "admin-user", "(before editing)",
            ])
    }

    @Test func metricsShowMailroomAndHTTPSeries() async throws {
        let harness = try await APIHarness()
        try await harness.customerMail(subject: "Where is my order?", body: "Where is my order 4711?")
        try await harness.test { client in
            _ = try await client.execute(uri: "/health", method: .get) { $0.status }
            let text = try await client.execute(uri: "/metrics", method: .get) { $0.body.text }
            #expect(text.contains("mailroom_messages_processed_total"))
            #expect(text.contains("mailroom_http_requests_total"))
            #expect(text.contains("route=\"/health\"") || text.contains("route=\"health\""), "\(text.prefix(2000))")
        }
    }
}
