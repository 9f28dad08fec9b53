import Foundation

/// The body of one chat request, in the flavor's words for "answer with this JSON Schema".
enum ChatRequest {
    static func body(
        settings: LLMSettings, system: String, user: String, schema: TriageSchema
    ) throws -> Data {
        let messages: [[String: Any]] = [
            ["role": "system", "content": system], ["role": "user", "content": user],
        ]
        var body: [String: Any] = [
            "model": settings.model, "messages": messages, "temperature": 0, "max_tokens": settings.maxTokens,
        ]
        switch settings.flavor {
        case .openai:
            body["response_format"] =
                [
                    "type": "json_schema",
                    "json_schema": ["name": "triage", "strict": true, "schema": schema.json] as [String: Any],
                ] as [String: Any]
        case .ollama:
            body["format"] = schema.json
            body["stream"] = false
            body["options"] = ["temperature": 0, "num_predict": settings.maxTokens]
            body["temperature"] = nil
            body["max_tokens"] = nil
        case .llamacpp:
            // llama.cpp's server reads `json_schema`; llama-cpp-python's OpenAI-compatible server reads a schema
            // in `response_format` of type `json_object` (it refuses `json_schema` there). Each ignores the other.
            body["json_schema"] = schema.json
            body["response_format"] = ["type": "json_object", "schema": schema.json] as [String: Any]
        case .vllm:
            body["structured_outputs"] = ["json": schema.json]
        }
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    /// The model's text, or why there is none: the message content, or its refusal.
    static func content(of response: Data, flavor: LLMSettings.Flavor) -> Result<String, TriageRejection> {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: response), case .object(let root) = value
        else { return .failure(.badJSON) }
        let message: [String: JSONValue]?
        switch flavor {
        case .ollama:
            if case .object(let object)? = root["message"] { message = object } else { message = nil }
        case .openai, .llamacpp, .vllm:
            if case .array(let choices)? = root["choices"], case .object(let first)? = choices.first,
                case .object(let object)? = first["message"]
            {
                message = object
            } else {
                message = nil
            }
        }
        guard let message else { return .failure(.badJSON) }
        if case .string(let refusal)? = message["refusal"], !refusal.isEmpty { return .failure(.refusal(refusal)) }
        guard case .string(let content)? = message["content"],
            !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return .failure(.emptyAnswer) }
        return .success(content)
    }
}
