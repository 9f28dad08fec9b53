import Foundation
import Hummingbird

/// An error the client sees: `{"error": {"code": "...", "message": "..."}}` with its status. The message never
/// holds customer text or a secret.
public struct APIError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A code from a closed set (`unauthorized`, `forbidden`, `notFound`, `invalidInput`, ...).
    public let code: String
    /// What went wrong, for a person.
    public let message: String
    /// Extra header fields (`Retry-After`).
    var headers: HTTPFields = [:]
    /// Details (template problems, personal-data findings).
    var details: [String] = []

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [String] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    /// 400: the request cannot be read.
    public static func invalid(_ message: String, details: [String] = []) -> APIError {
        APIError(.badRequest, "invalidInput", message, details: details)
    }

    /// 404.
    public static func notFound(_ what: String) -> APIError { APIError(.notFound, "notFound", "\(what) not found") }

    /// 401.
    static let unauthorized = APIError(.unauthorized, "unauthorized", "log in first: send Authorization: Bearer TOKEN")

    /// 403.
    static func forbidden(_ role: String) -> APIError {
        APIError(.forbidden, "forbidden", "this needs the \(role) role")
    }

    /// 422: the input was understood but cannot be used.
    public static func unprocessable(_ message: String, details: [String] = []) -> APIError {
        APIError(.unprocessableContent, "unprocessable", message, details: details)
    }

    /// 409.
    public static func conflict(_ message: String) -> APIError { APIError(.conflict, "conflict", message) }

    /// 429, with `Retry-After`.
    static func tooMany(retryAfter seconds: Int) -> APIError {
        var error = APIError(.tooManyRequests, "rateLimited", "too many requests; try again in \(seconds) s")
        error.headers[.retryAfter] = "\(seconds)"
        return error
    }

    struct Body: Encodable {
        struct Inner: Encodable {
            var code: String
            var message: String
            var details: [String]?
        }
        var error: Inner
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = Body(error: .init(code: code, message: message, details: details.isEmpty ? nil : details))
        let data = try JSONEncoder().encode(body)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
