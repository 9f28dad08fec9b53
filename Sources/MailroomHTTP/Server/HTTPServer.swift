import Foundation
import Hummingbird
import Logging
import MailroomCore

/// The HTTP side of Mailroom: the JSON API under `/api/v1`, the ops console under `/ops`, the feedback pages,
/// `/health`, `/ready`, `/metrics`, `/openapi.json` and `/docs`, on Hummingbird. `mailroom run` serves it when `http.port` is set; its controllers
/// reach the rest of Mailroom only through ``HTTPBackend``.
public struct HTTPServer: Sendable {
    /// The settings.
    public let settings: HTTPSettings
    let backend: HTTPBackend
    let metrics: HTTPMetrics
    let logger: Logger

    /// Creates the server.
    public init(settings: HTTPSettings, backend: HTTPBackend, metrics: HTTPMetrics, logger: Logger) {
        self.settings = settings
        self.backend = backend
        self.metrics = metrics
        self.logger = logger
    }

    /// The router with every route.
    public func router() -> Router<MailroomRequestContext> {
        let router = Router(context: MailroomRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: AuthenticationMiddleware(accounts: backend.accounts, opsToken: settings.opsToken))
        let api = router.group("api/v1")
        AuthController(accounts: backend.accounts, limiter: RateLimiter(limit: 20, window: 60)).addRoutes(to: api)
        TicketController(
            tickets: backend.tickets, settings: settings,
            byClient: RateLimiter(limit: settings.intakePerMinute, window: 60),
            byAddress: RateLimiter(limit: settings.intakePerAddressPerHour, window: 3600)
        ).addRoutes(to: api)
        QueueController(queues: backend.queues).addRoutes(to: api)
        KnowledgeController(knowledge: backend.knowledge).addRoutes(to: api)
        TemplateController(templates: backend.templates).addRoutes(to: api)
        UserController(accounts: backend.accounts).addRoutes(to: api)
        let insight = InsightController(insight: backend.insight, metricsToken: settings.metricsToken)
        insight.addAPIRoutes(to: api)
        insight.addRoutes(to: router)
        FeedbackController(feedback: backend.feedback, limiter: RateLimiter(limit: 30, window: 60)).addRoutes(
            to: router)
        switch ConsoleRenderer.shared {
        case .success(let renderer):
            Console(
                backend: backend, settings: settings, renderer: renderer,
                loginLimiter: RateLimiter(limit: 20, window: 60)
            ).addRoutes(to: router)
        case .failure(let error):
            logger.error("the console's templates cannot be read; /ops is off", metadata: ["error": "\(error)"])
        }
        StaticFiles.addRoutes(to: router)
        return router
    }

    /// The application, a `Service` for the gateway's service group.
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "mailroom"),
            logger: logger)
    }
}

/// Mailroom's own CSS and scripts, served from the target's resources (no CDN).
enum StaticFiles {
    static let files: [String: (bytes: [UInt8], type: String)] = {
        var files: [String: (bytes: [UInt8], type: String)] = [:]
        for (name, type) in [
            ("mailroom.css", "text/css"), ("docs.js", "text/javascript"), ("console.js", "text/javascript"),
        ] {
            let parts = name.split(separator: ".")
            if let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1])),
                let data = try? Data(contentsOf: url)
            {
                files[name] = ([UInt8](data), type + "; charset=utf-8")
            }
        }
        return files
    }()

    static func addRoutes(to router: Router<MailroomRequestContext>) {
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("static/:file") { _, context in
            guard let file = files[try context.parameters.require("file")] else { throw APIError.notFound("file") }
            return Response(
                status: .ok, headers: [.contentType: file.type, .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
    }
}
