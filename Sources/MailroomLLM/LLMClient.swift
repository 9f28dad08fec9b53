import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Asks a model for a triage and returns a validated answer or the reason there is none; never throws, so the
/// caller's fallback (the local classifier) is one `if`. Timeouts, 429 and 5xx are retried with backoff within
/// the time budget (`llm.timeoutSeconds`); a circuit breaker stops calling a failing backend for a while; at most
/// `llm.maxConcurrent` requests are in flight.
public final class LLMClient: Sendable {
    /// What one triage came to, with what the audit trail records.
    public struct Result: Sendable {
        /// The validated answer, or nil: then ``fallback`` says why the local classifier decides.
        public var answer: TriageAnswer?
        /// `circuit_open`, `timeout`, `http_429`, `http_500`, `unreachable`, or a ``TriageRejection`` code.
        public var fallback: String?
        /// The detail of the fallback (no customer text).
        public var detail: String?
        /// The model's raw text (or the response body) of the last attempt, at most 16 KB.
        public var raw: String?
        /// Requests made.
        public var attempts: Int
        /// From the first request to the result.
        public var latency: Duration
    }

    /// The breaker's state, for `/ready`, metrics and alerts.
    public enum CircuitState: String, Sendable {
        /// Calls go through.
        case closed
        /// Calls are skipped until the cool-down ends.
        case open
        /// One trial call goes through.
        case halfOpen = "half_open"
    }

    /// Where and how the model is asked.
    public let settings: LLMSettings
    private let http: HTTPClient
    private let breaker: Mutex<Breaker>
    private let slots: AsyncSlots
    private let failureThreshold: Int
    private let coolDown: Duration
    private let clock = ContinuousClock()

    struct Breaker {
        var consecutiveFailures = 0
        var openUntil: ContinuousClock.Instant?
        var probing = false
    }

    /// A client for `settings`; the breaker opens after `failureThreshold` failed triages in a row, for `coolDown`.
    public init(
        settings: LLMSettings, http: HTTPClient = .shared, failureThreshold: Int = 5, coolDown: Duration = .seconds(60)
    ) {
        self.settings = settings
        self.http = http
        self.failureThreshold = failureThreshold
        self.coolDown = coolDown
        breaker = Mutex(Breaker())
        slots = AsyncSlots(count: max(1, settings.maxConcurrent))
    }

    /// The breaker's state now.
    public var circuitState: CircuitState {
        breaker.withLock { state in
            guard let until = state.openUntil else { return .closed }
            return clock.now < until ? .open : .halfOpen
        }
    }

    /// Asks for a triage of `user` under `system`, answered in `schema`.
    public func triage(system: String, user: String, schema: TriageSchema) async -> Result {
        let start = clock.now
        guard admit() else {
            return Result(
                answer: nil, fallback: "circuit_open", detail: "the LLM backend failed repeatedly; calls paused",
                raw: nil, attempts: 0, latency: .zero)
        }
        await slots.acquire()
        let result = await attempt(system: system, user: user, schema: schema, start: start)
        await slots.release()
        record(success: result.answer != nil || Self.isModelRejection(result.fallback))
        return result
    }

    /// Whether a call may go out now (closed, or the one trial of a half-open breaker).
    private func admit() -> Bool {
        breaker.withLock { state in
            guard let until = state.openUntil else { return true }
            guard clock.now >= until, !state.probing else { return false }
            state.probing = true
            return true
        }
    }

    /// A validation failure is the model's answer, not the backend failing: it does not open the breaker.
    private static func isModelRejection(_ code: String?) -> Bool {
        guard let code else { return false }
        return !["timeout", "unreachable"].contains(code) && !code.hasPrefix("http_")
    }

    private func record(success: Bool) {
        breaker.withLock { state in
            state.probing = false
            if success {
                state.consecutiveFailures = 0
                state.openUntil = nil
            } else {
                state.consecutiveFailures += 1
                if state.openUntil != nil || state.consecutiveFailures >= failureThreshold {
                    state.openUntil = clock.now + coolDown
                }
            }
        }
    }

    private func attempt(system: String, user: String, schema: TriageSchema, start: ContinuousClock.Instant) async
        -> Result
    {
        let budget = Duration.milliseconds(Int64(settings.timeoutSeconds * 1000))
        let deadline = start + budget
        var attempts = 0
        var last = Result(answer: nil, fallback: "timeout", detail: nil, raw: nil, attempts: 0, latency: .zero)
        let body: Data
        do {
            body = try ChatRequest.body(settings: settings, system: system, user: user, schema: schema)
        } catch {
            last.fallback = "bad_request"
            return last
        }
        while clock.now < deadline {
            attempts += 1
            var request = HTTPClientRequest(url: settings.endpoint.absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let key = settings.apiKey, !key.isEmpty {
                request.headers.add(name: "Authorization", value: "Bearer \(key)")
            }
            request.body = .bytes(ByteBuffer(bytes: body))
            let remaining = deadline - clock.now
            var retryAfter: Duration?
            do {
                let response = try await http.execute(request, timeout: .nanoseconds(Self.nanoseconds(remaining)))
                let bytes = try await response.body.collect(upTo: 1 << 20)
                let data = Data(bytes.readableBytesView)
                let raw = String(decoding: data.prefix(16_384), as: UTF8.self)
                if response.status == .ok {
                    let result = ChatRequest.content(of: data, flavor: settings.flavor).flatMap { schema.validate($0) }
                    let content = (try? ChatRequest.content(of: data, flavor: settings.flavor).get()) ?? raw
                    switch result {
                    case .success(let answer):
                        return Result(
                            answer: answer, fallback: nil, detail: nil, raw: String(content.prefix(16_384)),
                            attempts: attempts, latency: clock.now - start)
                    case .failure(let rejection):
                        return Result(
                            answer: nil, fallback: rejection.code, detail: rejection.description,
                            raw: String(content.prefix(16_384)), attempts: attempts, latency: clock.now - start)
                    }
                }
                last = Result(
                    answer: nil, fallback: "http_\(response.status.code)", detail: "HTTP \(response.status.code)",
                    raw: raw, attempts: attempts, latency: clock.now - start)
                let status = response.status.code
                guard status == 429 || status >= 500 else { return last }
                if let seconds = response.headers.first(name: "Retry-After").flatMap(Double.init) {
                    retryAfter = .milliseconds(Int64(seconds * 1000))
                }
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
                last = Result(
                    answer: nil, fallback: "timeout", detail: "no answer within \(settings.timeoutSeconds) s",
                    raw: nil, attempts: attempts, latency: clock.now - start)
            } catch {
                last = Result(
                    answer: nil, fallback: "unreachable", detail: "\(type(of: error))", raw: nil,
                    attempts: attempts, latency: clock.now - start)
            }
            // Backoff: 250 ms doubling, or the server's Retry-After, within what is left of the budget; a retry
            // that would have less than a quarter of the budget (at most 0.5 s) to run is not started, so the
            // result names what the backend answered instead of a deadline that cut the last try.
            let backoff = retryAfter ?? .milliseconds(250 * (1 << min(attempts - 1, 5)))
            guard clock.now + backoff + min(.milliseconds(500), budget / 4) < deadline else { break }
            try? await Task.sleep(for: backoff)
        }
        last.latency = clock.now - start
        return last
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1_000_000, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// At most `count` holders at once; the others wait in order.
final class AsyncSlots: Sendable {
    private struct State {
        var free: Int
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(free: count))
    }

    func acquire() async {
        await withCheckedContinuation { continuation in
            let granted = state.withLock { state -> Bool in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiting.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    func release() async {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
