import ChatServerSupport
import Foundation
import Synchronization
import Testing

@testable import MailroomLLM

/// The LLM client against a real HTTP server on loopback that speaks the chat-completions protocol: a valid
/// answer is taken; everything else is refused with its reason, so the local classifier decides.
@Suite struct LLMClientTests {
    static let schema = TriageSchema(intents: ["track_order", "get_refund", "complaint"])

    func client(
        _ url: URL, flavor: LLMSettings.Flavor = .openai, timeout: Double = 30, threshold: Int = 5,
        coolDown: Duration = .seconds(60)
    ) -> LLMClient {
        LLMClient(
            settings: LLMSettings(
                baseURL: url, model: "test-model", apiKey: "sk-test-key", timeoutSeconds: timeout, maxConcurrent: 2,
                flavor: flavor), failureThreshold: threshold, coolDown: coolDown)
    }

    @Test func aValidAnswerIsTakenAndTheRequestAsksForTheStrictSchema() async throws {
        let server = ChatServer()
        try await server.run { url in
            let result = await client(url).triage(system: "triage", user: "scenario: valid", schema: Self.schema)
            #expect(result.answer?.intent == "track_order")
            #expect(result.answer?.confidence == 0.82)
            #expect(result.fallback == nil)
            #expect(result.attempts == 1)
            #expect(result.raw?.contains("track_order") == true)
        }
        let request = try #require(server.received.withLock { $0.first })
        #expect(request.path == "/v1/chat/completions")
        #expect(request.authorization == "Bearer sk-test-key")
        let format = try #require(request.body["response_format"])
        #expect(format["type"] == .value("json_schema"))
        #expect(format["json_schema"]?["strict"] == .value("1") || format["json_schema"]?["strict"] == .value("true"))
        let intents = format["json_schema"]?["schema"]?["properties"]?["intent"]?["enum"]
        #expect(
            intents == .array([.value("track_order"), .value("get_refund"), .value("complaint"), .value("unknown")]))
    }

    @Test(arguments: [
        ("bad-json", "bad_json"), ("invented", "unknown_intent"), ("refusal", "refusal"),
        ("out-of-range", "out_of_range"), ("empty-draft", "empty_draft"), ("extra-field", "extra_field"),
    ])
    func whatFailsValidationIsRefusedWithItsReason(_ scenario: String, _ code: String) async throws {
        let server = ChatServer()
        try await server.run { url in
            let result = await client(url).triage(system: "triage", user: "scenario: \(scenario)", schema: Self.schema)
            #expect(result.answer == nil)
            #expect(result.fallback == code)
            #expect(result.attempts == 1, "a model's answer is not retried")
        }
    }

    @Test func aSlowBackendTimesOutWithinTheBudget() async throws {
        let server = ChatServer()
        try await server.run { url in
            // The server takes 8 s; with a 1 s budget the client gives up long before (loose bound: loaded CI).
            let start = ContinuousClock.now
            let result = await client(url, timeout: 1).triage(system: "t", user: "scenario: slow", schema: Self.schema)
            #expect(result.fallback == "timeout")
            #expect(ContinuousClock.now - start < .seconds(6))
        }
    }

    @Test func a429IsRetriedAndThenAnswered() async throws {
        let server = ChatServer()
        try await server.run { url in
            let result = await client(url).triage(system: "t", user: "scenario: 429-once", schema: Self.schema)
            #expect(result.answer?.intent == "track_order")
            #expect(result.attempts == 2)
        }
    }

    @Test func a500IsRetriedWithBackoffUntilTheBudgetEnds() async throws {
        let server = ChatServer()
        let started = Mutex<ContinuousClock.Instant?>(nil)
        try await server.run { url in
            started.withLock { $0 = .now }
            // A 5 s budget: at 2 s a loaded run's slow first answer left no room for a second attempt.
            let result = await client(url, timeout: 5).triage(system: "t", user: "scenario: 500", schema: Self.schema)
            #expect(result.answer == nil)
            #expect(result.fallback == "http_500")
            #expect(result.attempts >= 2)
        }
        // No attempt starts after the budget (the server's clock of arrival; a little slack for a loaded machine).
        let start = try #require(started.withLock { $0 })
        let arrivals = server.received.withLock { $0.map(\.at) }
        #expect(arrivals.count >= 2)
        #expect(arrivals.allSatisfy { $0 - start < .seconds(6) }, "\(arrivals.map { $0 - start })")
    }

    @Test func theBreakerStopsCallingAFailingBackendAndTriesAgainLater() async throws {
        let server = ChatServer()
        try await server.run { url in
            // Loose times for a loaded CI machine: at a 0.3 s budget a slow run timed the probe out, and the
            // breaker rightly opened again. A 500 call ends after its backoffs (about 1.75 s) either way.
            let llm = client(url, timeout: 3, threshold: 2, coolDown: .seconds(2))
            _ = await llm.triage(system: "t", user: "scenario: 500", schema: Self.schema)
            _ = await llm.triage(system: "t", user: "scenario: 500", schema: Self.schema)
            #expect(llm.circuitState == .open)
            let before = server.received.withLock { $0.count }
            let skipped = await llm.triage(system: "t", user: "scenario: valid", schema: Self.schema)
            #expect(skipped.fallback == "circuit_open")
            #expect(server.received.withLock { $0.count } == before, "no request while open")
            try await Task.sleep(for: .milliseconds(2_100))
            #expect(llm.circuitState == .halfOpen)
            let probe = await llm.triage(system: "t", user: "scenario: valid", schema: Self.schema)
            #expect(probe.answer != nil)
            #expect(llm.circuitState == .closed)
        }
    }

    @Test(arguments: [LLMSettings.Flavor.ollama, .llamacpp, .vllm])
    func eachFlavorAsksForStructuredOutputItsOwnWay(_ flavor: LLMSettings.Flavor) async throws {
        let server = ChatServer()
        try await server.run { url in
            let result = await client(url, flavor: flavor).triage(
                system: "t", user: "scenario: valid", schema: Self.schema)
            #expect(result.answer?.intent == "track_order")
        }
        let request = try #require(server.received.withLock { $0.first })
        switch flavor {
        case .ollama:
            #expect(request.path == "/api/chat")
            #expect(request.body["format"]?["type"] == .value("object"))
            #expect(request.body["stream"] == .value("0") || request.body["stream"] == .value("false"))
            #expect(request.body["options"]?["num_predict"] == .value("1024"))
            #expect(request.body["max_tokens"] == nil)
        case .llamacpp:
            #expect(request.path == "/v1/chat/completions")
            #expect(request.body["json_schema"]?["type"] == .value("object"))
            #expect(request.body["response_format"]?["type"] == .value("json_object"))
            #expect(request.body["response_format"]?["schema"]?["type"] == .value("object"))
        case .vllm:
            #expect(request.body["structured_outputs"]?["json"]?["type"] == .value("object"))
            #expect(request.body["max_tokens"] == .value("1024"))
        case .openai:
            break
        }
    }

    @Test func theSchemaRefusesWhatIsNotExactlyAnAnswer() {
        #expect(Self.schema.intents.last == "unknown")
        let valid = ChatServer.valid
        guard case .success(let answer) = Self.schema.validate(valid) else {
            Issue.record("the valid answer was refused")
            return
        }
        #expect(answer.language == "en")
        #expect(
            Self.schema.validate(valid.replacingOccurrences(of: "0.82", with: "true"))
                == .failure(.wrongType("confidence")))
        #expect(
            Self.schema.validate(valid.replacingOccurrences(of: "\"en\"", with: "\"english\""))
                == .failure(.notAllowed("language", "english")))
        #expect(
            Self.schema.validate(valid.replacingOccurrences(of: "\"medium\"", with: "\"urgent\""))
                == .failure(.notAllowed("urgency", "urgent")))
        #expect(
            Self.schema.validate(valid.replacingOccurrences(of: "track_order", with: "unknown")).map(\.intent)
                == .success("unknown"))
        #expect(Self.schema.validate("[]") == .failure(.badJSON))
    }
}
