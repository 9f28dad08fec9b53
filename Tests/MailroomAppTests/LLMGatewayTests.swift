import ChatServerSupport
import Foundation
import Logging
import MailMessage
import MailroomCore
import MailroomLLM
import MailroomStore
import Testing
import Triage

@testable import MailroomApp

/// The gateway with `triage.backend: llm` against a chat-completions server on loopback (written in the tests; no
/// network service is called): each answer is validated before it touches a ticket, every failure leaves the local
/// classifier to decide with the reason in the audit trail, the breaker shows in `/ready`, metrics and alerts, the
/// calibration fitted by `mailroom evaluate --backend llm` is what the policy uses.
@Suite(.serialized) struct LLMGatewayTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-llm-\(UUID().uuidString)")
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// The budget is generous (a loaded machine must not turn an answer into a timeout); the slow and failing
    /// backends get their own test with a short one.
    func configuration(_ url: URL, backend: String = "llm", timeout: Double = 30, extra: String = "") async throws
        -> GatewayConfiguration
    {
        let yaml = """
            mailroom:
              supportAddress: support@shop.example
              companyName: Larkwood
              authservId: mx.shop.example
            store:
              path: db.sqlite
            maildir:
              inbox: in
              outbox: out
            agents:
              inbox: agents@shop.example
            tokens:
              secret: gateway-test-secret-0123456789
            triage:
              backend: \(backend)
            llm:
              baseURL: \(url.absoluteString)
              model: tiny-test
              timeoutSeconds: \(timeout)
              maxConcurrent: 2
              breakerFailures: 2
              breakerSeconds: 600
            \(extra)
            """
        let path = directory.appendingPathComponent("mailroom.yaml")
        try yaml.write(to: path, atomically: true, encoding: .utf8)
        return try await ConfigurationLoader.load(
            path: path.path, environment: ["MAILROOM_LLM_API_KEY": "sk-test-0123456789-secret"])
    }

    /// A customer mail whose text tells the test server which answer to give.
    func deliver(_ scenario: String, index: Int, body: String = "Where is my order? I ordered it last week.") throws {
        let raw = """
            From: Customer \(index) <customer\(index)@example.com>
            To: support@shop.example
            Subject: case \(scenario)
            Message-ID: <llm-\(index)@example.com>
            Date: Sat, 05 Dec 2026 10:00:00 +0000
            Return-Path: <customer\(index)@example.com>

            \(body)
            scenario: \(scenario)

            """.replacingOccurrences(of: "\n", with: "\r\n")
        try raw.write(to: directory.appendingPathComponent("in/new/\(index).eml"), atomically: true, encoding: .utf8)
    }

    /// The `triaged` events of the ticket whose subject names `scenario`.
    func triaged(_ store: any MailroomStorage, _ scenario: String) throws -> [EventSummary] {
        let ticket = try #require(try store.ticketSummaries().first { $0.subject == "case \(scenario)" })
        return try store.events(ticket: ticket.publicID).filter { $0.type == "triaged" }
    }

    @Test func everyAnswerIsValidatedAndEveryFailureFallsBackWithItsReason() async throws {
        let server = ChatServer()
        try await server.run { url in
            let scenarios = ["valid", "bad-json", "invented", "refusal", "out-of-range", "empty-draft", "429-once"]
            for (index, scenario) in scenarios.enumerated() { try deliver(scenario, index: index) }
            let gateway = try Gateway(
                configuration: try await configuration(url), logger: Logger(label: "test"))
            let summary = try await gateway.runOnce()
            #expect(summary.processed == scenarios.count)
            let expected = [
                "valid": "answered", "bad-json": "bad_json", "invented": "unknown_intent", "refusal": "refusal",
                "out-of-range": "out_of_range", "empty-draft": "empty_draft", "429-once": "answered",
            ]
            for (scenario, reason) in expected {
                let events = try triaged(gateway.store, scenario)
                #expect(events.map(\.reason) == [reason], "\(scenario)")
                let detail = events.first?.detail ?? ""
                #expect(detail.contains("\"model\":\"tiny-test\""), "\(scenario)")
                #expect(detail.contains("\"promptHash\":\"\(gateway.llm!.prompts.hash)\""), "\(scenario)")
                #expect(detail.contains("\"schemaVersion\":\"triage-v1\""), "\(scenario)")
                #expect(detail.contains("\"latencyMs\":"), "\(scenario)")
                #expect(!detail.contains("sk-test-0123456789-secret"))
            }
            // A 429 was retried: the answer came with the second request.
            #expect(try triaged(gateway.store, "429-once").first?.detail.contains("\"attempts\":2") == true)
            // The invented label never reached the ticket: the local classifier decided it.
            let tickets = try gateway.store.ticketSummaries()
            #expect(tickets.allSatisfy { $0.intent != "buy_a_boat" })
            let invented = try #require(tickets.first { $0.subject == "case invented" })
            #expect(invented.intent == "track_order")
            // The valid answer is recorded raw, and without a calibration it never answers on its own.
            let valid = try #require(tickets.first { $0.subject == "case valid" })
            #expect(try triaged(gateway.store, "valid").first?.detail.contains("Your order left our warehouse") == true)
            #expect(valid.status == "escalated")
            #expect(valid.reason?.contains("uncalibratedConfidence") == true)
            // The key went as a bearer token; the system prompt names the labels and comes from the prompt files.
            let requests = server.received.withLock { $0 }
            #expect(requests.allSatisfy { $0.authorization == "Bearer sk-test-0123456789-secret" })
            let metrics = gateway.metrics.exposition()
            #expect(metrics.contains("mailroom_llm_requests_total{outcome=\"bad_json\"} 1"))
            #expect(metrics.contains("mailroom_llm_requests_total{outcome=\"answered\"} 2"))
            // check-config's summary names the model and whether a key is set, never the key.
            let report = ConfigurationReport.summary(gateway.configuration)
            #expect(report.contains { $0.contains("llm: tiny-test") && $0.contains("key set") })
            #expect(!report.joined().contains("sk-test-0123456789-secret"))
        }
    }

    @Test func aSlowBackendTimesOutAndA500IsRetriedWithinTheBudgetThenFallsBack() async throws {
        let server = ChatServer()
        try await server.run { url in
            try deliver("slow", index: 1)
            try deliver("500", index: 2)
            let gateway = try Gateway(
                configuration: try await configuration(url, timeout: 4), logger: Logger(label: "test"))
            _ = try await gateway.runOnce()
            let slow = try triaged(gateway.store, "slow")
            #expect(slow.map(\.reason) == ["timeout"])
            let failing = try triaged(gateway.store, "500")
            #expect(failing.map(\.reason) == ["http_500"])
            #expect(failing.first?.detail.contains("\"attempts\":1") == false)
            // Both were decided by the local classifier.
            #expect(try gateway.store.ticketSummaries().allSatisfy { $0.intent == "track_order" })
        }
    }

    @Test func aFailingBackendOpensTheBreakerShownInReadyMetricsAndAlerts() async throws {
        let server = ChatServer()
        try await server.run { url in
            // A backend that answers 400 fails at once (not retried).
            try deliver("broken-backend", index: 1)
            try deliver("broken-backend", index: 2)
            let gateway = try Gateway(configuration: try await configuration(url), logger: Logger(label: "test"))
            _ = try await gateway.runOnce()
            #expect(try triaged(gateway.store, "broken-backend").map(\.reason) == ["http_400"])
            #expect(gateway.llm?.breakerState == "open")
            let before = server.received.withLock { $0.count }
            try deliver("valid", index: 3)
            _ = try await gateway.runOnce()
            // Skipped without a request; the local classifier decided.
            #expect(server.received.withLock { $0.count } == before)
            #expect(try triaged(gateway.store, "valid").map(\.reason) == ["circuit_open"])
            let insight = InsightService(
                store: gateway.store, metrics: gateway.metrics, pollGrace: 300, quietHours: 72, now: { Date() },
                llmBreaker: Gateway.breaker(gateway.llm))
            let ready = await insight.readiness()
            #expect(ready.llm == "open")
            #expect(ready.ready)
            #expect(gateway.metrics.exposition().contains("mailroom_llm_breaker_open 1"))
            // run --once checked the alerts: the llm channel is recorded as degraded (an audit event and a mail
            // when alerts.to is set).
            _ = try gateway.alerts.check()
            #expect(try gateway.store.alertStates()[.llm]?.health == .degraded)
        }
    }

    @Test func theFittedCalibrationIsWhatThePolicyUsesAndAStaleOneIsNot() async throws {
        let server = ChatServer()
        try await server.run { url in
            // evaluate --backend llm on labelled rows: the server always says track_order at 0.82, right on 6 of 8.
            var csv = "text,label\n"
            for index in 0..<6 { csv += "\"where is parcel \(index)\nscenario: valid\",track_order\n" }
            for index in 0..<2 { csv += "\"refund \(index)\nscenario: valid\",get_refund\n" }
            csv += "\"broken\nscenario: bad-json\",track_order\n"
            let data = directory.appendingPathComponent("dev.csv")
            try csv.write(to: data, atomically: true, encoding: .utf8)
            _ = try await configuration(url)
            let (text, result) = try await evaluateLLM(
                EvaluateOptions(model: nil, data: data.path, json: true),
                configPath: directory.appendingPathComponent(
                    "mailroom.yaml"
                ).path, write: true, logger: Logger(label: "test"))
            #expect(abs(result.fallbackRate - 1.0 / 9) < 1e-9)
            #expect(result.fallbacks == ["bad_json": 1])
            let calibration = try #require(result.calibration)
            #expect(abs(calibration.calibrated(0.82) - 0.75) < 0.05)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            for key in ["accuracy", "macroF1", "ece", "coverage", "fallbackRate", "latencyP50Ms", "promptHash"] {
                #expect(object[key] != nil, "\(key)")
            }
            let written = try #require(
                try LLMCalibrationFile.load(directory.appendingPathComponent("llm-calibration.json").path))
            #expect(written.model == "tiny-test")
            #expect(written.rows == 8)

            // The gateway reads it: 0.82 stated becomes about 0.75, at the 0.75 threshold or just under it.
            try deliver("valid", index: 1)
            let gateway = try Gateway(configuration: try await configuration(url), logger: Logger(label: "test"))
            #expect(gateway.llm?.calibration == calibration)
            _ = try await gateway.runOnce()
            let ticket = try #require(try gateway.store.ticketSummaries().first)
            #expect(abs((ticket.confidence ?? 0) - calibration.calibrated(0.82)) < 1e-9)
            #expect(ticket.reason?.contains("uncalibratedConfidence") != true)

            // Another model (or prompt) makes the file stale: uncalibrated again.
            let other = try await configuration(url, extra: "")
            var changed = other
            changed.llm.client?.model = "another-model"
            let stale = try #require(
                try Gateway.llm(
                    changed, labels: gateway.pipeline.intentLabels, metrics: nil, logger: Logger(label: "test")))
            #expect(stale.calibration == nil)
        }
    }

    @Test func bothAsksTheModelButTheLocalClassifierDecides() async throws {
        let server = ChatServer()
        try await server.run { url in
            try deliver("invented", index: 1)
            try deliver("valid", index: 2)
            let gateway = try Gateway(
                configuration: try await configuration(url, backend: "both"), logger: Logger(label: "test"))
            _ = try await gateway.runOnce()
            #expect(try triaged(gateway.store, "valid").first?.detail.contains("\"backend\":\"both\"") == true)
            let valid = try #require(try gateway.store.ticketSummaries().first { $0.subject == "case valid" })
            #expect(valid.status == "auto_replied")
            #expect(server.received.withLock { $0.count } == 2)
        }
    }

    @Test func theLocalBackendNeverCallsTheModel() async throws {
        let server = ChatServer()
        try await server.run { url in
            try deliver("valid", index: 1)
            let gateway = try Gateway(
                configuration: try await configuration(url, backend: "local"), logger: Logger(label: "test"))
            #expect(gateway.llm == nil)
            _ = try await gateway.runOnce()
            #expect(server.received.withLock { $0.isEmpty })
            let ticket = try #require(try gateway.store.ticketSummaries().first)
            #expect(try gateway.store.events(ticket: ticket.publicID).allSatisfy { $0.type != "triaged" })
        }
    }
}
