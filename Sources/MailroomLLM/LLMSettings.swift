import Foundation

/// How to reach a model that speaks the chat-completions protocol (`llm.*`).
public struct LLMSettings: Sendable, Hashable {
    /// How the server is asked for structured output.
    public enum Flavor: String, Sendable, Hashable, CaseIterable {
        /// OpenAI and compatible gateways: `response_format` with a strict `json_schema`.
        case openai
        /// Ollama's own API (`/api/chat`): `format` with the schema.
        case ollama
        /// llama.cpp's server: `json_schema`.
        case llamacpp
        /// vLLM: `structured_outputs` with the schema.
        case vllm
    }

    /// `llm.baseURL`: the server, e.g. `http://127.0.0.1:11434` or `https://api.example.com`.
    public var baseURL: URL
    /// `llm.model`.
    public var model: String
    /// `llm.apiKey` (secret; give it as `MAILROOM_LLM_API_KEY`): sent as a bearer token when set.
    public var apiKey: String?
    /// `llm.timeoutSeconds`: the whole budget for one triage, retries included (default 20).
    public var timeoutSeconds: Double
    /// `llm.maxConcurrent`: requests in flight at once (default 4).
    public var maxConcurrent: Int
    /// `llm.flavor` (default `openai`).
    public var flavor: Flavor
    /// `llm.maxTokens` (default 1024): the most tokens an answer may take. A model that runs on is cut here (its
    /// answer is then invalid JSON, refused, and the local classifier decides) instead of holding a slot until the
    /// time budget ends.
    public var maxTokens: Int

    /// Creates settings.
    public init(
        baseURL: URL, model: String, apiKey: String? = nil, timeoutSeconds: Double = 20, maxConcurrent: Int = 4,
        flavor: Flavor = .openai, maxTokens: Int = 1024
    ) {
        self.maxTokens = maxTokens
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
        self.maxConcurrent = maxConcurrent
        self.flavor = flavor
    }

    /// The endpoint of the flavor.
    var endpoint: URL {
        let base =
            baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        switch flavor {
        case .ollama: return URL(string: base + "/api/chat")!
        case .openai, .llamacpp, .vllm:
            return URL(string: base + (base.hasSuffix("/v1") ? "" : "/v1") + "/chat/completions")!
        }
    }
}
