import Foundation
import Hummingbird
import MailroomCore

/// `/api/v1/kpis`, `/health`, `/ready`, `/metrics`, `/openapi.json`, `/docs`.
struct InsightController {
    let insight: any InsightBackend
    let metricsToken: String?

    func addAPIRoutes(to group: RouterGroup<MailroomRequestContext>) {
        group.get("kpis") { request, context in
            _ = try context.require(.manager)
            let until = try TicketFilterParser.date({ request.query($0) }, "until") ?? Date()
            let since =
                try TicketFilterParser.date({ request.query($0) }, "since") ?? until.addingTimeInterval(-30 * 86_400)
            guard since < until else { throw APIError.invalid("'since' must be before 'until'") }
            return try JSONResponse.make(try await insight.kpis(since: since, until: until))
        }
    }

    func addRoutes(to router: Router<MailroomRequestContext>) {
        router.get("health") { _, _ in
            try JSONResponse.make(["status": "ok"])
        }
        router.get("ready") { _, _ in
            let readiness = await insight.readiness()
            return try JSONResponse.make(readiness, status: readiness.ready ? .ok : .serviceUnavailable)
        }
        router.get("metrics") { request, _ in
            if let metricsToken {
                guard let token = AuthenticationMiddleware.token(in: request),
                    AuthenticationMiddleware.constantTimeEquals(token, metricsToken)
                else { throw APIError.unauthorized }
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: await insight.metrics())))
        }
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
        router.get("docs") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "max-age=300"],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.page)))
        }
    }
}

/// The OpenAPI 3.1 document (the contract) and the reference page, shipped as resources.
public enum OpenAPIDocument {
    /// The document's bytes.
    public static let bytes: [UInt8] = resource("openapi", "json")
    /// The reference page's bytes (HTML and its script, no external assets).
    static let page: [UInt8] = resource("docs", "html")

    private static func resource(_ name: String, _ type: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: type), let data = try? Data(contentsOf: url)
        else { return [] }
        return [UInt8](data)
    }
}
