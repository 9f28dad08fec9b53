import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MailMessage
import MailroomCore
import MailroomStore
import NIOCore

@testable import MailroomApp
@testable import MailroomHTTP

/// A gateway on a temporary workspace (Maildir in; the test SMTP sink out when `MAILROOM_TEST_SMTP_URL` is set,
/// else a Maildir), its HTTP server on a free loopback port, and one account per role.
final class APIHarness: @unchecked Sendable {
    let directory: URL
    let gateway: Gateway
    let server: HTTPServer
    var tokens: [Role: String] = [:]
    static let password = "correct horse battery staple"
    static let opsToken = "ops-token-0123456789abcdefghij"

    init(publicIntake: Bool = false, smtp: Bool = false, metricsToken: String? = nil, extraYAML: String = "")
        async throws
    {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mr-http-\(UUID().uuidString)")
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try BuiltInTemplates.copy(to: directory.appendingPathComponent("templates"))
        let environment = ProcessInfo.processInfo.environment
        let sink =
            smtp
            ? "smtp: {url: \"\(environment["MAILROOM_TEST_SMTP_URL"] ?? "smtp://127.0.0.1:1")\", tls: none}"
            : "maildir: {inbox: in, outbox: out}"
        let yaml = """
            mailroom: {supportAddress: support@shop.example, companyName: Larkwood, authservId: mx.shop.example}
            store: {path: db.sqlite}
            \(smtp ? "maildir: {inbox: in}\n" : "")\(sink)
            agents: {inbox: agents@shop.example, allowed: [ana@shop.example]}
            templates: {path: templates}
            tokens: {secret: http-test-secret-0123456789abcdef}
            http: {port: 1, publicURL: "https://help.shop.example"}
            \(extraYAML)
            """
        let path = directory.appendingPathComponent("mailroom.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        let configuration = try await ConfigurationLoader.load(path: path.path, environment: [:])
        gateway = try Gateway(configuration: configuration, logger: Logger(label: "test"))
        let settings = HTTPSettings(
            host: "127.0.0.1", port: 0, publicURL: "https://help.shop.example", publicIntake: publicIntake,
            opsToken: Self.opsToken, metricsToken: metricsToken, intakePerMinute: 1000, intakePerAddressPerHour: 1000)
        var logger = Logger(label: "http-test")
        logger.logLevel = .error
        server = HTTPServer(
            settings: settings, backend: try gateway.httpBackend(settings),
            metrics: HTTPMetrics(factory: gateway.metrics.factory), logger: logger)
        let accounts = gateway.accountService(sessionHours: 12)
        for role in Role.allCases {
            _ = try await accounts.createAccount(
                NewUserRequest(name: role.rawValue + "-user", role: role, email: nil, password: Self.password))
            guard
                case .success(let token, _, _) = try await accounts.login(
                    name: role.rawValue + "-user", password: Self.password)
            else { throw HarnessError.loginFailed }
            tokens[role] = token
        }
    }

    enum HarnessError: Error { case loginFailed }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Runs `test` with a client of the live server on loopback.
    func test<Value: Sendable>(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws
        -> Value
    {
        try await server.application().test(.live, test)
    }

    /// Header fields with the bearer token of `role` (none for nil).
    func headers(_ role: Role?, json: Bool = false) -> HTTPFields {
        var fields: HTTPFields = [:]
        if let role, let token = tokens[role] { fields[.authorization] = "Bearer \(token)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    /// A customer mail dropped into the inbox and processed; returns its ticket id.
    @discardableResult
    func customerMail(from: String = "Anna Schmidt <anna@example.com>", subject: String, body: String) async throws
        -> String
    {
        let name = "\(UUID().uuidString).eml"
        let raw = """
            Authentication-Results: mx.shop.example; dmarc=pass header.from=example.com
            From: \(from)
            To: support@shop.example
            Subject: \(subject)
            Message-ID: <\(UUID().uuidString)@example.com>

            \(body)

            """.replacingOccurrences(of: "\n", with: "\r\n")
        try Data(raw.utf8).write(to: directory.appendingPathComponent("in/new/\(name)"))
        _ = try await gateway.runOnce()
        return try gateway.store.ticketSummaries(limit: 1).first?.publicID ?? ""
    }
}

extension ByteBuffer {
    /// The buffer as JSON of type `T` (dates ISO 8601).
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(readableBytesView))
    }

    /// The buffer's text.
    var text: String { String(buffer: self) }
}

/// A JSON body.
func jsonBody(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}
