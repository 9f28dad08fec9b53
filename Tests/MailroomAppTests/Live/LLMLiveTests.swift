import Foundation
import Logging
import MailroomCore
import MailroomLLM
import MailroomStore
import Testing
import Triage

@testable import MailroomApp

/// Against a real small instruction model on loopback (SmolLM2-135M-Instruct under llama-cpp-python's
/// OpenAI-compatible server, started by `scripts/llm/start`): the real protocol, structured output and prompts,
/// and the gateway's audit record. The model is tiny: the tests assert that its answer is valid or refused with a
/// reason, and that the policy never acts on it uncalibrated, not that its triage is good.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["MAILROOM_TEST_LLM_URL"] != nil
            || ProcessInfo.processInfo.environment["MAILROOM_LLM_REQUIRED"] == "1",
        "no local model: run scripts/test, or scripts/llm/start DIR and export DIR/llm.env"))
struct LLMLiveTests {
    static let environment = ProcessInfo.processInfo.environment

    func settings() throws -> LLMSettings {
        let url = try #require(
            Self.environment["MAILROOM_TEST_LLM_URL"].flatMap(URL.init(string:)),
            "MAILROOM_LLM_REQUIRED=1 but MAILROOM_TEST_LLM_URL is not set (scripts/llm/start failed?)")
        return LLMSettings(
            baseURL: url, model: Self.environment["MAILROOM_TEST_LLM_MODEL"] ?? "smollm2-135m-instruct",
            timeoutSeconds: 120, maxConcurrent: 1, flavor: .llamacpp)
    }

    @Test func theRealModelAnswersInTheStrictSchemaOrIsRefusedWithAReason() async throws {
        let labels = DefaultIntents.names
        let prompts = try PromptSet.load(folder: nil, labels: labels)
        let schema = TriageSchema(intents: labels)
        let client = LLMClient(settings: try settings())
        let result = await client.triage(
            system: prompts.system,
            user: "Subject: Where is my parcel?\n\nHello, I ordered a kettle ten days ago and it has not arrived. "
                + "Where is my order?",
            schema: schema)
        #expect(result.attempts >= 1)
        #expect(result.raw?.isEmpty == false)
        if let answer = result.answer {
            #expect(schema.intents.contains(answer.intent))
            #expect((0...1).contains(answer.confidence))
            #expect(!answer.replyDraft.isEmpty)
        } else {
            // A refused answer names its reason (the model is tiny; the grammar should prevent this).
            let fallback = try #require(result.fallback)
            #expect(
                !["timeout", "unreachable", "circuit_open"].contains(fallback) && !fallback.hasPrefix("http_"),
                "the server failed: \(fallback) \(result.detail ?? "")")
        }
    }

    @Test func theGatewayRecordsTheRealModelsOpinionAndNeverActsOnItUncalibrated() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-llm-live-\(UUID())")
        for folder in ["in/new", "in/cur", "in/tmp"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let settings = try settings()
        let yaml = """
            mailroom:
              supportAddress: support@shop.example
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
              backend: llm
            llm:
              baseURL: \(settings.baseURL.absoluteString)
              model: \(settings.model)
              flavor: llamacpp
              timeoutSeconds: 120
              maxConcurrent: 1
            """
        try yaml.write(to: directory.appendingPathComponent("mailroom.yaml"), atomically: true, encoding: .utf8)
        let mails = [
            ("Where is my order?", "Hello, my order from last week has not arrived. Where is it?"),
            ("Refund please", "The kettle arrived broken. I want my money back."),
        ]
        for (index, mail) in mails.enumerated() {
            let raw = """
                From: Customer <c\(index)@example.com>
                To: support@shop.example
                Subject: \(mail.0)
                Message-ID: <live-llm-\(index)@example.com>
                Date: Sat, 05 Dec 2026 10:00:00 +0000

                \(mail.1)

                """.replacingOccurrences(of: "\n", with: "\r\n")
            try raw.write(
                to: directory.appendingPathComponent("in/new/\(index).eml"), atomically: true, encoding: .utf8)
        }
        let configuration = try await ConfigurationLoader.load(
            path: directory.appendingPathComponent("mailroom.yaml").path, environment: [:])
        let gateway = try Gateway(configuration: configuration, logger: Logger(label: "live-llm"))
        let summary = try await gateway.runOnce()
        #expect(summary.processed == mails.count)
        for ticket in try gateway.store.ticketSummaries() {
            let events = try gateway.store.events(ticket: ticket.publicID)
            let triaged = try #require(events.first { $0.type == "triaged" })
            #expect(triaged.detail.contains("\"model\":\"\(settings.model)\""))
            #expect(triaged.detail.contains("\"promptHash\":\"\(gateway.llm!.prompts.hash)\""))
            let reason = triaged.reason ?? ""
            #expect(!["timeout", "unreachable", "circuit_open"].contains(reason) && !reason.hasPrefix("http_"))
            // No calibration was fitted for this model: nothing is answered on its confidence (a refused answer
            // leaves the local classifier to decide, which may answer).
            if triaged.reason == "answered" {
                #expect(ticket.status == "escalated")
                #expect(ticket.reason?.contains("uncalibratedConfidence") == true)
            }
        }
    }
}
