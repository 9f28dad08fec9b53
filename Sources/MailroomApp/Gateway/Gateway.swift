import Foundation
import Logging
import MailroomCore
import MailroomPostgres
import MailroomStore
import ServiceLifecycle
import Synchronization
import Triage

/// The running product: the store, the three services and their wiring, built from the configuration.
public final class Gateway: Sendable {
    /// The configuration it was built from.
    public let configuration: GatewayConfiguration
    /// The database.
    public let store: any MailroomStorage
    let poller: MailboxPoller
    let processor: MessageProcessor
    let sender: OutboxSender
    let alerts: AlertMonitor
    let metrics: GatewayMetrics
    let logger: Logger
    /// The SQLite store's exclusive lock: one gateway per file (nil on PostgreSQL, which many gateways share).
    let lock: StoreLock?
    /// This gateway's heartbeat, leases and notifications on a shared store (nil on SQLite).
    let presence: GatewayPresence?
    let pipeline: MessagePipeline
    /// The language model, with `triage.backend: llm | both` (nil: the local classifier alone).
    let llm: LLMTriage?
    let templates: TemplateLibrary
    let senderBell: Doorbell
    let processorBell: Doorbell
    let now: @Sendable () -> Date

    /// Builds the gateway: takes the SQLite store's lock (another running gateway on the same file is an error
    /// that names it) or joins the gateways of a PostgreSQL store, opens the store, loads the model and
    /// templates, connects the source and sink.
    public convenience init(
        configuration: GatewayConfiguration, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try self.init(configuration: configuration, logger: logger, now: now, speculative: nil)
    }

    /// The same; `speculative` says whether messages are processed ahead of their transaction (nil: on SQLite;
    /// tests compare the two).
    init(
        configuration: GatewayConfiguration, logger: Logger, now: @escaping @Sendable () -> Date, speculative: Bool?
    ) throws {
        self.configuration = configuration
        self.logger = logger
        // The templates compile on a thread of their own while the store opens (and migrates, when new): an empty
        // `run --once` on a new store took 136 ms before, 121 ms after (five runs each).
        let starting = LookaheadThread(name: "mailroom.start")
        let templatesLoading = Lookahead(on: starting) { try Self.loadTemplates(configuration) }
        lock = try configuration.store.sqlitePath.map { try StoreLock(storePath: $0) }
        // The mailbox logs in on its own thread meanwhile (on SQLite: this gateway is the only one on its store,
        // so the mailbox is its own; on a shared store, the lease holder's). With the model loaded before the
        // templates are waited for, the first of 2,000 waiting mails was stored after 0.157-0.188 s of `run --once`
        // (three bench/e2e runs), 0.145-0.167 s after.
        let source = try Self.source(configuration.source)
        if lock != nil { source.prepare() }
        let store = try configuration.store.open()
        self.store = store
        let shared = store as? PostgresStore
        // Beat before any service claims a send: another gateway must never take this one's sends for a dead one's.
        try shared?.heartbeat(now: now())
        func lease(_ name: String) -> LeaseKeeper? {
            shared.map {
                LeaseKeeper(store: store, name: name, holder: $0.gatewayID, duration: $0.leaseDuration)
            }
        }
        metrics = GatewayMetrics()
        let similarity = SimilarityService(entries: try store.knowledge())
        let classifier = Self.classifier(configuration, logger: logger)
        let templates = Self.logProblems(try templatesLoading.wait(), logger: logger)
        self.templates = templates
        let pipeline = try Self.pipeline(
            configuration, classifier: classifier, templates: templates, similarity: similarity)
        self.pipeline = pipeline
        let llm = try Self.llm(configuration, labels: pipeline.intentLabels, metrics: metrics, logger: logger)
        self.llm = llm
        self.now = now
        let processorBell = Doorbell()
        let senderBell = Doorbell()
        self.senderBell = senderBell
        self.processorBell = processorBell
        let mailboxLease = lease(source.identity)
        let alertLease = lease("mailroom:alerts")
        poller = MailboxPoller(
            source: source, store: store,
            maxMessageBytes: Self.maxMessageBytes(configuration.source),
            pollInterval: Self.pollInterval(configuration.source),
            processorBell: processorBell, now: now, logger: logger, metrics: metrics,
            silenceMinutes: configuration.silenceMinutes, lease: mailboxLease)
        processor = MessageProcessor(
            store: store, pipeline: pipeline, templates: templates, similarity: similarity, bell: processorBell,
            senderBell: senderBell, now: now, logger: logger, metrics: metrics, llm: llm,
            speculative: speculative ?? (shared == nil))
        alerts = AlertMonitor(
            store: store, settings: configuration.alerts,
            mail: AlertMail(
                supportAddress: configuration.mailroom.supportAddress, companyName: configuration.mailroom.companyName,
                to: configuration.alerts.to, loopHeaders: try LoopHeaders(instanceID: configuration.mailroom.instanceID)
            ),
            metrics: metrics, logger: logger, senderBell: senderBell, now: now, lease: alertLease,
            llmBreaker: Self.breaker(llm))
        presence = shared.map {
            GatewayPresence(
                store: $0, leases: [mailboxLease, alertLease].compactMap { $0 }, processorBell: processorBell,
                senderBell: senderBell, logger: logger, now: now)
        }
        let filled = try store.fillSLADueTimes(configuration.kpis.sla)
        if filled > 0 { logger.info("SLA due times set on existing tickets", metadata: ["tickets": "\(filled)"]) }
        sender = OutboxSender(
            store: store,
            sender: try Self.sink(configuration.sink, supportAddress: configuration.mailroom.supportAddress),
            settings: configuration.outbox, shadow: configuration.mailroom.mode == .shadow, bell: senderBell, now: now,
            logger: logger, metrics: metrics)
    }

    /// The language model's breaker state for `/ready` and the alerts, when a model is configured.
    static func breaker(_ llm: LLMTriage?) -> (@Sendable () -> String?)? {
        guard let llm else { return nil }
        return { llm.breakerState }
    }

    /// `run --once`: takes what is waiting, processes all of it, sends what is due, and returns.
    /// A failing mailbox does not stop the rest: what is stored is processed and sent, the alerts are checked,
    /// and then the intake error is thrown (a non-zero exit for cron).
    public func runOnce() async throws -> RunSummary {
        // On a shared store this run is a gateway like the others for its duration: it beats (so its sends
        // are not taken over) and gives its leases and its sends up at the end.
        presence?.beat()
        defer {
            for lease in [poller.lease, alerts.lease] { lease?.release() }
            try? presence?.store.stopped(now: now())
        }
        try sender.recover()
        // The three stages run at the same time, as in `run`: the processor starts on the first stored batch
        // while intake fetches the next, and the sender sends while later mail is still processed. Each stage
        // stops once the one before it has finished and nothing is left for it.
        let intakeDone = Flag()
        let processingDone = Flag()
        async let intake: (stored: Int, error: (any Error)?) = {
            defer {
                intakeDone.set()
                processorBell.ring()
            }
            do {
                return (try await poller.pollOnce(), nil)
            } catch {
                poller.recordFailure(error)
                return (0, error)
            }
        }()
        async let processing: [ProcessResult] = {
            defer {
                processingDone.set()
                senderBell.ring()
            }
            var results: [ProcessResult] = []
            var seen = processorBell.current
            while true {
                let last = intakeDone.isSet
                results += try await offload { [processor] in try processor.processAll() }
                if last { return results }
                seen = try await processorBell.wait(since: seen, timeout: .milliseconds(200))
            }
        }()
        async let sending: Int = {
            var attempts = 0
            var seen = senderBell.current
            while true {
                let last = processingDone.isSet
                attempts += try await sender.sendDue()
                if last { return attempts }
                seen = try await senderBell.wait(since: seen, timeout: .milliseconds(200))
            }
        }()
        let (stored, intakeError) = await intake
        let results = try await processing
        let attempts = try await sending
        try alerts.check()
        try writeMetrics()
        if let intakeError { throw intakeError }
        return RunSummary(
            stored: stored, processed: results.count, sendAttempts: attempts,
            shadow: configuration.mailroom.mode == .shadow)
    }

    /// A flag one task sets and others read.
    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    /// `run`: the three services in one group until SIGTERM/SIGINT; the poller stops first, then processing
    /// and sending drain (each within `drain`), then the process exits.
    public func run(drain: Duration = .seconds(20)) async throws {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let server = try httpServer() {
            services.append(
                .init(
                    service: server.application(), successTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: "HTTPServer"))
            logger.info(
                "HTTP API listening",
                metadata: ["mailroom.http": "http://\(server.settings.host):\(server.settings.port)"])
        }
        // The presence goes first, so it stops last: its heartbeat lasts until the sender has drained.
        let presenceServices: [ServiceGroupConfiguration.ServiceConfiguration] =
            presence.map {
                [
                    .init(
                        service: $0, successTerminationBehavior: .gracefullyShutdownGroup,
                        serviceName: "GatewayPresence")
                ]
            } ?? []
        var configuration = ServiceGroupConfiguration(
            services: presenceServices + services + [
                .init(
                    service: sender, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "OutboxSender"),
                .init(
                    service: processor, successTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: "MessageProcessor"),
                .init(
                    service: MetricsWriter(gateway: self), successTerminationBehavior: .gracefullyShutdownGroup,
                    serviceName: "MetricsWriter"),
                .init(
                    service: alerts, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "AlertMonitor"),
                .init(
                    service: poller, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "MailboxPoller"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        configuration.maximumGracefulShutdownDuration = drain
        configuration.maximumCancellationDuration = .seconds(5)
        logger.info(
            "mailroom running",
            metadata: [
                "mailroom.mode": "\(self.configuration.mailroom.mode.rawValue)",
                "mailroom.store": "\(store.storeDescription)",
            ])
        try await ServiceGroup(configuration: configuration).run()
    }

    /// Writes the Prometheus text file, when configured.
    func writeMetrics() throws {
        guard let path = configuration.metricsPath else { return }
        try metrics.write(to: path)
    }
}

/// What one `run --once` did.
public struct RunSummary: Sendable, Hashable {
    /// New messages stored.
    public var stored: Int
    /// Messages processed.
    public var processed: Int
    /// Send attempts made (in shadow mode: outgoing mails recorded as `shadow`, none sent).
    public var sendAttempts: Int
    /// Whether the gateway runs in shadow mode.
    public var shadow = false

    /// One line for people: `stored 3, processed 3, send attempts 4`, or in shadow mode
    /// `..., 4 recorded as shadow (nothing sent)`.
    public var line: String {
        "stored \(stored), processed \(processed), "
            + (shadow ? "\(sendAttempts) recorded as shadow (nothing sent)" : "send attempts \(sendAttempts)")
    }
}

/// Rewrites the metrics file every 15 seconds.
struct MetricsWriter: Service {
    let gateway: Gateway

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? gateway.writeMetrics()
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(15)) }
        }
        try? gateway.writeMetrics()
    }
}
