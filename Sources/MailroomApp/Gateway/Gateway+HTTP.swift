import Foundation
import Logging
import MailroomCore
import MailroomHTTP
import MailroomStore

extension Gateway {
    /// The HTTP server on this gateway's store, pipeline and templates, when `http.port` is set.
    public func httpServer() throws -> HTTPServer? {
        guard let settings = configuration.http else { return nil }
        return HTTPServer(
            settings: settings, backend: try httpBackend(settings), metrics: HTTPMetrics(factory: metrics.factory),
            logger: logger)
    }

    /// The operations the API uses, over this gateway's parts.
    func httpBackend(_ settings: HTTPSettings) throws -> HTTPBackend {
        let now = self.now
        let processor = self.processor
        let senderBell = self.senderBell
        let intents = (try? TriageFiles.model(at: configuration.triage.modelPath).labels) ?? DefaultIntents.names
        return HTTPBackend(
            accounts: accountService(sessionHours: settings.sessionHours),
            tickets: TicketService(
                store: store, pipeline: pipeline, supportAddress: configuration.mailroom.supportAddress,
                process: { try processor.process(row: $0) }, now: now),
            queues: QueueService(
                store: store, now: now, wakeProcessor: { processor.wake() }, wakeSender: { senderBell.ring() }),
            knowledge: KnowledgeService(store: store, now: now),
            templates: TemplateService(
                library: templates, editableDirectory: configuration.templatesPath.map { URL(fileURLWithPath: $0) },
                intents: intents, store: store, configuration: configuration, now: now),
            insight: InsightService(
                store: store, metrics: metrics,
                pollGrace: max(300, 3 * Double(Self.pollInterval(configuration.source).components.seconds)),
                quietHours: configuration.kpis.quietHours, now: now, llmBreaker: Self.breaker(llm)),
            feedback: FeedbackService(
                store: store, pipeline: pipeline, signer: try TokenSigner(secret: configuration.tokenSecret), now: now,
                wakeSender: { senderBell.ring() }))
    }

    /// Accounts over this gateway's store.
    func accountService(sessionHours: Int) -> AccountService {
        AccountService(store: store, sessionHours: sessionHours, logger: logger, now: now)
    }
}
