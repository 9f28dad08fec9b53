import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomCore
import MailroomStore
import Testing

@testable import MailroomApp
@testable import MailroomHTTP

/// Every endpoint with every role, over loopback, against one table: who may do what (README's role matrix).
/// Mutations get a fresh fixture for each call, so each allowed role sees the success answer.
@Suite(.serialized) struct RoleMatrixTests {
    /// One endpoint: how to call it, the least role that may, and the answer it gives then.
    struct Endpoint: Sendable {
        var method: HTTPRequest.Method
        var name: String
        /// The lowest role allowed (`nil`: public or, with `anyAccount`, any account; `.intake`: only intake and
        /// admin).
        var role: Role?
        var anyAccount = false
        var success: HTTPResponse.Status
        var request: @Sendable (Fixtures) async throws -> (path: String, body: [String: Any]?)
    }

    /// The data the endpoints act on.
    final class Fixtures: @unchecked Sendable {
        let harness: APIHarness
        let ticket: String
        init(harness: APIHarness, ticket: String) {
            self.harness = harness
            self.ticket = ticket
        }

        var store: any MailroomStorage { harness.gateway.store }

        func quarantined() async throws -> Int64 {
            let raw = Array("X-Junk: \(UUID())\r\n\r\nno sender\r\n".utf8)
            let result = try store.ingest(IngestRequest(raw: raw, source: "test", receivedAt: Date()))
            guard case .stored(let row) = result else { return 0 }
            _ = try await harness.gateway.runOnce()
            return row
        }

        func failedMail() throws -> Int64 {
            guard let item = try store.outboxSummaries().first(where: { $0.state == .sent }) else { return 0 }
            try store.recordDelivery(outboxID: item.id, .failed(reason: "550 test"), now: Date())
            return item.id
        }

        func pendingKnowledge() async throws -> Int64 {
            let ticket = try await harness.customerMail(subject: "knees \(UUID())", body: "do penguins have knees?")
            let detail = try #require(
                try await harness.gateway.httpBackend(harness.server.settings).tickets.ticket(ticket))
            _ = detail
            let identity = Identity(name: "agent-user", role: .agent, email: "ana@shop.example", via: .session)
            _ = try await harness.gateway.httpBackend(harness.server.settings).tickets.act(
                on: ticket, .reply("Yes, penguins have knees."), by: identity)
            return try #require(try store.knowledgeEntries(state: .pending).last?.id)
        }
    }

    static let endpoints: [Endpoint] = [
        Endpoint(method: .get, name: "me", role: nil, anyAccount: true, success: .ok) { _ in ("/api/v1/me", nil) },
        Endpoint(method: .get, name: "list tickets", role: .agent, success: .ok) { _ in ("/api/v1/tickets", nil) },
        Endpoint(method: .get, name: "one ticket", role: .agent, success: .ok) {
            ("/api/v1/tickets/\($0.ticket)", nil)
        },
        Endpoint(method: .post, name: "web form", role: .intake, success: .created) { _ in
            (
                "/api/v1/tickets",
                ["name": "Ola", "email": "ola@example.com", "subject": "Invoice", "message": "Where is my invoice?"]
            )
        },
        Endpoint(method: .post, name: "reply", role: .agent, success: .ok) {
            ("/api/v1/tickets/\($0.ticket)/reply", ["text": "On its way."])
        },
        Endpoint(method: .post, name: "note", role: .agent, success: .ok) {
            ("/api/v1/tickets/\($0.ticket)/note", ["text": "called"])
        },
        Endpoint(method: .post, name: "close", role: .agent, success: .ok) {
            ("/api/v1/tickets/\($0.ticket)/close", [:])
        },
        Endpoint(method: .post, name: "reopen", role: .agent, success: .ok) {
            ("/api/v1/tickets/\($0.ticket)/reopen", [:])
        },
        Endpoint(method: .post, name: "evaluate", role: .agent, success: .ok) {
            ("/api/v1/tickets/\($0.ticket)/evaluate", [:])
        },
        Endpoint(method: .get, name: "quarantine", role: .agent, success: .ok) { _ in ("/api/v1/quarantine", nil) },
        Endpoint(method: .post, name: "release", role: .manager, success: .noContent) {
            ("/api/v1/quarantine/\(try await $0.quarantined())/release", nil)
        },
        Endpoint(method: .post, name: "dismiss", role: .manager, success: .noContent) {
            ("/api/v1/quarantine/\(try await $0.quarantined())/dismiss", ["reason": "spam"])
        },
        Endpoint(method: .get, name: "raw", role: .manager, success: .ok) {
            ("/api/v1/quarantine/\(try await $0.quarantined())/raw", nil)
        },
        Endpoint(method: .get, name: "outbox", role: .agent, success: .ok) { _ in ("/api/v1/outbox?state=sent", nil) },
        Endpoint(method: .post, name: "retry", role: .manager, success: .noContent) {
            ("/api/v1/outbox/\(try $0.failedMail())/retry", nil)
        },
        Endpoint(method: .get, name: "knowledge", role: .manager, success: .ok) { _ in ("/api/v1/knowledge", nil) },
        Endpoint(method: .post, name: "approve", role: .manager, success: .ok) {
            ("/api/v1/knowledge/\(try await $0.pendingKnowledge())/approve", nil)
        },
        Endpoint(method: .post, name: "reject", role: .manager, success: .ok) {
            ("/api/v1/knowledge/\(try await $0.pendingKnowledge())/reject", [:])
        },
        Endpoint(method: .put, name: "edit knowledge", role: .manager, success: .ok) {
            ("/api/v1/knowledge/\(try await $0.pendingKnowledge())", ["answer": "Penguins have knees."])
        },
        Endpoint(method: .get, name: "templates", role: .manager, success: .ok) { _ in ("/api/v1/templates", nil) },
        Endpoint(method: .get, name: "one template", role: .manager, success: .ok) { _ in
            ("/api/v1/templates/en/track_order", nil)
        },
        Endpoint(method: .put, name: "save template", role: .admin, success: .ok) { _ in
            (
                "/api/v1/templates/en/custom_note",
                [
                    "text":
                        "{{% CONTENT_TYPE: TEXT}}\nHello{{#customer.firstName}} {{customer.firstName}}{{/customer.firstName}},\n{{ticket.reference}}\n"
                ]
            )
        },
        Endpoint(method: .post, name: "preview", role: .manager, success: .ok) {
            ("/api/v1/templates/preview", ["language": "en", "name": "track_order", "ticket": $0.ticket])
        },
        Endpoint(method: .get, name: "users", role: .admin, success: .ok) { _ in ("/api/v1/users", nil) },
        Endpoint(method: .post, name: "add user", role: .admin, success: .created) { _ in
            (
                "/api/v1/users",
                [
                    "name": "new-\(UInt32.random(in: 0...UInt32.max))", "role": "agent",
                    "password": "a long enough password",
                ]
            )
        },
        Endpoint(method: .delete, name: "remove user", role: .admin, success: .noContent) {
            let name = "gone-\(UInt32.random(in: 0...UInt32.max))"
            _ = try await $0.harness.gateway.accountService(sessionHours: 1).createAccount(
                NewUserRequest(name: name, role: .agent, email: nil, password: nil))
            return ("/api/v1/users/\(name)", nil)
        },
        Endpoint(method: .get, name: "kpis", role: .manager, success: .ok) { _ in ("/api/v1/kpis", nil) },
        Endpoint(method: .get, name: "health", role: nil, success: .ok) { _ in ("/health", nil) },
        Endpoint(method: .get, name: "openapi", role: nil, success: .ok) { _ in ("/openapi.json", nil) },
        Endpoint(method: .get, name: "docs", role: nil, success: .ok) { _ in ("/docs", nil) },
        Endpoint(method: .get, name: "metrics", role: nil, success: .ok) { _ in ("/metrics", nil) },
    ]

    /// The answer `role` gets from an endpoint whose lowest role is `required`.
    static func expected(_ endpoint: Endpoint, for role: Role?) -> HTTPResponse.Status {
        if endpoint.anyAccount { return role == nil ? .unauthorized : endpoint.success }
        guard let required = endpoint.role else { return endpoint.success }
        guard let role else { return .unauthorized }
        return role.includes(required) ? endpoint.success : .forbidden
    }

    @Test func everyEndpointWithEveryRole() async throws {
        let harness = try await APIHarness()
        let ticket = try await harness.customerMail(subject: "Where is my order?", body: "Where is my order 4711?")
        let fixtures = Fixtures(harness: harness, ticket: ticket)
        let table = try await harness.test { client in
            var table: [String] = []
            for endpoint in Self.endpoints {
                for role in [nil] + Role.allCases {
                    let (path, body): (String, [String: Any]?)
                    do {
                        (path, body) = try await endpoint.request(fixtures)
                    } catch let error as StoreError {
                        Issue.record("\(endpoint.name): \(error.message)")
                        throw error
                    }
                    let status = try await client.execute(
                        uri: path, method: endpoint.method, headers: harness.headers(role, json: body != nil),
                        body: body.map(jsonBody)
                    ) { $0.status }
                    let expected = Self.expected(endpoint, for: role)
                    #expect(status == expected, "\(endpoint.name) as \(role?.rawValue ?? "nobody"): \(status)")
                    table.append("\(endpoint.name) \(role?.rawValue ?? "-") \(status.code)")
                }
            }
            return table
        }
        #expect(table.count == Self.endpoints.count * 5)
    }

    @Test func theMachineTokenIsAManager() async throws {
        let harness = try await APIHarness()
        try await harness.test { client in
            var headers: HTTPFields = [.authorization: "Bearer \(APIHarness.opsToken)"]
            let kpis = try await client.execute(uri: "/api/v1/kpis", method: .get, headers: headers) { $0.status }
            let users = try await client.execute(uri: "/api/v1/users", method: .get, headers: headers) { $0.status }
            headers[.authorization] = "Bearer \(APIHarness.opsToken)x"
            let wrong = try await client.execute(uri: "/api/v1/kpis", method: .get, headers: headers) { $0.status }
            #expect(kpis == .ok)
            #expect(users == .forbidden)
            #expect(wrong == .unauthorized)
        }
    }
}
