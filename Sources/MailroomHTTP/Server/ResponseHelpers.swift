import Foundation
import Hummingbird

/// JSON answers with dates in ISO 8601 and the API's safety headers.
enum JSONResponse {
    static func make<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Security headers on every answer: no sniffing, no framing, no caching of API data, and a content security
/// policy that runs only Mailroom's own files.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = MailroomRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; frame-ancestors 'none'; form-action 'self'"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

/// Counts requests and their latency by method, route and status class (`mailroom_http_requests_total`,
/// `mailroom_http_request_duration_seconds`); the labels come from the route templates, never from the path. Each
/// answer says how long the server took in `Server-Timing: app;dur=MILLISECONDS` (shown by browsers' developer
/// tools; bench/console reads it).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = MailroomRequestContext
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            metrics.record(request.method, route: context.endpointPath, status: response.status.code, since: started)
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            response.headers[.init("Server-Timing")!] = String(format: "app;dur=%.1f", milliseconds)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(request.method, route: context.endpointPath, status: status, since: started)
            throw error
        }
    }
}
