import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A chat-completions server on loopback, written for the tests: it answers each request as the scenario in the
/// user message says (`scenario: NAME`), records what it was sent, and speaks the OpenAI shape or Ollama's.
public final class ChatServer: Sendable {
    /// A server with no requests yet.
    public init() {}

    /// One request the server had.
    public struct Received: Sendable {
        /// When it arrived.
        public var at = ContinuousClock.now
        /// The path.
        public var path: String
        /// The Authorization header.
        public var authorization: String?
        /// The JSON body.
        public var body: [String: JSONish]
    }

    /// A JSON value, enough to look into a request.
    public indirect enum JSONish: Sendable, Equatable {
        /// A scalar, as text.
        case value(String)
        /// An object.
        case object([String: JSONish])
        /// An array.
        case array([JSONish])

        init(_ any: Any) {
            switch any {
            case let object as [String: Any]: self = .object(object.mapValues(JSONish.init))
            case let array as [Any]: self = .array(array.map(JSONish.init))
            default: self = .value("\(any)")
            }
        }

        /// The member `key` of an object.
        public subscript(key: String) -> JSONish? {
            if case .object(let object) = self { return object[key] }
            return nil
        }
    }

    /// Every request, in order.
    public let received = Mutex<[Received]>([])
    /// Per scenario, how many requests it has had (for "fail first, then answer").
    public let counts = Mutex<[String: Int]>([:])

    /// A valid triage answer.
    public static let valid = """
        {"intent":"track_order","urgency":"medium","sentiment":"neutral","churnRisk":"low","language":"en",\
        "confidence":0.82,"replyDraft":"Your order left our warehouse yesterday.","reason":"asks where the order is"}
        """

    /// The answer text (the model's content) for a scenario, or an HTTP failure.
    func respond(scenario: String) -> (status: HTTPResponse.Status, content: String?, refusal: String?, delay: Double) {
        let count = counts.withLock { counts in
            counts[scenario, default: 0] += 1
            return counts[scenario]!
        }
        switch scenario {
        case "valid": return (.ok, Self.valid, nil, 0)
        case "bad-json": return (.ok, "Sure! Here is the JSON: {intent: track_order", nil, 0)
        case "invented": return (.ok, Self.valid.replacingOccurrences(of: "track_order", with: "buy_a_boat"), nil, 0)
        case "refusal": return (.ok, nil, "I can't help with that.", 0)
        case "out-of-range": return (.ok, Self.valid.replacingOccurrences(of: "0.82", with: "1.7"), nil, 0)
        case "empty-draft":
            return (
                .ok, Self.valid.replacingOccurrences(of: "Your order left our warehouse yesterday.", with: "  "), nil, 0
            )
        case "extra-field":
            return (.ok, Self.valid.replacingOccurrences(of: "{", with: "{\"action\":\"refund\","), nil, 0)
        case "slow": return (.ok, Self.valid, nil, 8)
        case "429-once": return count == 1 ? (.tooManyRequests, nil, nil, 0) : (.ok, Self.valid, nil, 0)
        case "500": return (.internalServerError, nil, nil, 0)
        default: return (.badRequest, nil, nil, 0)
        }
    }

    /// Runs `body` with the server's base URL.
    public func run(_ body: @escaping @Sendable (URL) async throws -> Void) async throws {
        let router = Router()
        let server = self
        for path in ["/v1/chat/completions", "/api/chat"] {
            router.post(RouterPath(path)) { request, context -> Response in
                let buffer = try await request.body.collect(upTo: 1 << 20)
                let object =
                    (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] ?? [:]
                server.received.withLock {
                    $0.append(
                        Received(
                            path: path, authorization: request.headers[.authorization],
                            body: object.mapValues(JSONish.init)))
                }
                let messages = object["messages"] as? [[String: Any]] ?? []
                let user = messages.last?["content"] as? String ?? ""
                let scenario =
                    user.components(separatedBy: "scenario: ").last?.split(separator: "\n").first.map(String.init) ?? ""
                let answer = server.respond(scenario: scenario)
                if answer.delay > 0 { try await Task.sleep(for: .seconds(answer.delay)) }
                guard answer.status == .ok else {
                    var headers = HTTPFields()
                    if answer.status == .tooManyRequests { headers[.retryAfter] = "0" }
                    return Response(
                        status: answer.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "{}")))
                }
                var message: [String: Any] = ["role": "assistant", "content": answer.content ?? NSNull()]
                if let refusal = answer.refusal { message["refusal"] = refusal }
                let reply: [String: Any] =
                    path == "/api/chat"
                    ? ["model": "m", "message": message, "done": true]
                    : [
                        "id": "c1", "object": "chat.completion",
                        "choices": [["index": 0, "message": message, "finish_reason": "stop"]],
                    ]
                let data = try JSONSerialization.data(withJSONObject: reply)
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await body(URL(string: "http://127.0.0.1:\(port)")!)
        }
    }
}
