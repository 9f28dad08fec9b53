import Foundation
import Hummingbird
import HummingbirdTesting
import MailroomCore
import Testing

@testable import MailroomApp
@testable import MailroomHTTP

/// Everything from outside is hostile: a clear 4xx for each of these, and nothing stored half-way.
@Suite(.serialized) struct APIHostileInputTests {
    @Test func bodiesThatCannotBeReadAreRefusedClearly() async throws {
        let harness = try await APIHarness(publicIntake: true)
        let form = ["name": "Ola", "email": "ola@example.com", "subject": "Invoice", "message": "Where is my invoice?"]
        try await harness.test { client in
            let huge = ByteBuffer(string: "{\"text\": \"" + String(repeating: "a", count: 400_000) + "\"}")
            let tooLarge = try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.contentType: "application/json"], body: huge
            ) { $0 }
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.body.text.contains("\"code\":\"tooLarge\""))
            let wrongType = try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.contentType: "text/plain"], body: jsonBody(form)
            ) {
                $0.status
            }
            #expect(wrongType == .unsupportedMediaType)
            let invalid = try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"name\": \"Ola\", \"email\": ")
            ) { $0 }
            #expect(invalid.status == .badRequest)
            #expect(invalid.body.text.contains("invalidInput"))
            let missing = try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.contentType: "application/json"],
                body: jsonBody(["name": "Ola"])
            ) { $0.body.text }
            #expect(missing.contains("is missing"))
        }
        #expect(try harness.gateway.store.messageCounts().isEmpty, "something was stored")
    }

    @Test(arguments: [
        ("subject", "Invoice\r\nBcc: everyone@example.com"), ("name", "Ola\nX-Evil: yes"),
        ("email", "ola@example.com\r\nBcc: x@y.z"),
        ("email", "not an address"), ("message", "   "), ("subject", String(repeating: "x", count: 400)),
        ("message", "null byte \u{0000} here"),
    ])
    func webFormFieldsCannotInjectHeaders(_ field: String, _ value: String) async throws {
        let harness = try await APIHarness(publicIntake: true)
        var form = ["name": "Ola", "email": "ola@example.com", "subject": "Invoice", "message": "Where is my invoice?"]
        form[field] = value
        let body = jsonBody(form)
        let status = try await harness.test { client in
            try await client.execute(
                uri: "/api/v1/tickets", method: .post, headers: [.contentType: "application/json"], body: body
            ) { $0.status }
        }
        #expect(status == .unprocessableContent)
        #expect(try harness.gateway.store.messageCounts().isEmpty)
    }

    @Test(arguments: [
        "/api/v1/templates/..%2F..%2Fetc/passwd", "/api/v1/templates/en/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/v1/templates/en/%2E%2E", "/api/v1/templates/en/track_order%00", "/api/v1/templates/en/track_order.txt",
        "/api/v1/templates/%2Fetc/passwd",
    ])
    func templatePathsCannotLeaveTheTemplateFolder(_ path: String) async throws {
        let harness = try await APIHarness()
        let (read, write) = try await harness.test { client in
            let read = try await client.execute(uri: path, method: .get, headers: harness.headers(.admin)) { $0.status }
            let write = try await client.execute(
                uri: path, method: .put, headers: harness.headers(.admin, json: true), body: jsonBody(["text": "x"])
            ) { $0.status }
            return (read, write)
        }
        #expect([.badRequest, .notFound].contains(read), "\(path): \(read)")
        #expect([.badRequest, .notFound].contains(write), "\(path): \(write)")
        #expect(!FileManager.default.fileExists(atPath: "/etc/track_order.txt.mustache"))
    }

    @Test func unknownIDsAndParametersAreClear() async throws {
        let harness = try await APIHarness()
        try await harness.test { client in
            for (uri, expected) in [
                ("/api/v1/tickets/MR-NOPE00", HTTPResponse.Status.notFound),
                ("/api/v1/tickets/%27%20OR%201", .notFound),
                ("/api/v1/tickets?status=lost", .badRequest), ("/api/v1/tickets?limit=100000", .badRequest),
                ("/api/v1/tickets?since=yesterday", .badRequest), ("/api/v1/outbox?state=gone", .badRequest),
                ("/api/v1/knowledge?state=x", .badRequest), ("/api/v1/quarantine/abc/raw", .notFound),
            ] {
                let status = try await client.execute(uri: uri, method: .get, headers: harness.headers(.admin)) {
                    $0.status
                }
                #expect(status == expected, "\(uri): \(status)")
            }
        }
    }
}
