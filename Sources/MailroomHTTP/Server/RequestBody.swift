import Foundation
import Hummingbird

/// Reading request bodies strictly: the declared content type, a size limit, and a clear 4xx for anything else.
enum RequestBody {
    /// A JSON body of type `T`: 415 without `application/json`, 413 over the context's limit, 400 for JSON that
    /// does not fit (the message names the field, never its value).
    static func json<T: Decodable>(_ type: T.Type, _ request: Request, _ context: MailroomRequestContext)
        async throws -> T
    {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, "unsupportedMediaType", "send the body as application/json")
        }
        let buffer = try await collect(request, context)
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.invalid("the JSON body does not fit: \(describe(error))")
        } catch {
            throw APIError.invalid("the body is not valid JSON")
        }
    }

    /// An `application/x-www-form-urlencoded` body as fields (for HTML forms).
    static func form(_ request: Request, _ context: MailroomRequestContext) async throws -> [String: String] {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw APIError(.unsupportedMediaType, "unsupportedMediaType", "send the form as x-www-form-urlencoded")
        }
        let text = String(buffer: try await collect(request, context))
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]), fields[key] == nil else { continue }
            fields[key] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func collect(_ request: Request, _ context: MailroomRequestContext) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw APIError(
                .contentTooLarge, "tooLarge", "the body is larger than \(context.maxUploadSize / 1024) KB")
        }
    }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "the body" : "'\(path)'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "'\(field)' is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context): return "\(path(context)) is not valid"
        @unknown default: return "the body does not fit"
        }
    }
}

extension Request {
    /// A query parameter, or nil.
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }
}
