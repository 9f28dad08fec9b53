import Foundation
import Logging
import MailroomCore
import MailroomStore
import Triage

extension Gateway {
    /// The reply templates: `templates.path`, or the ones built into Mailroom (compiled; nothing logged).
    static func loadTemplates(_ configuration: GatewayConfiguration) throws -> TemplateLibrary {
        try TemplateLibrary(
            directory: try BuiltInTemplates.directory(configuration.templatesPath),
            defaultLanguage: configuration.mailroom.defaultLanguage)
    }

    /// Logs the templates' problems; returns the library.
    static func logProblems(_ library: TemplateLibrary, logger: Logger) -> TemplateLibrary {
        for problem in library.problems {
            logger.warning("template problem", metadata: ["file": "\(problem.file)", "problem": "\(problem.message)"])
        }
        return library
    }

    /// The intent model (configured or built-in); nil, and an error logged, when it cannot be read.
    static func classifier(_ configuration: GatewayConfiguration, logger: Logger) -> (any Classifier)? {
        do {
            return try TriageFiles.model(at: configuration.triage.modelPath)
        } catch {
            // The policy escalates everything when there is no model: never guess.
            logger.error("no intent model; every message will be escalated", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// The message pipeline with its model, templates and policies.
    static func pipeline(
        _ configuration: GatewayConfiguration, classifier: (any Classifier)?, templates: TemplateLibrary,
        similarity: SimilarityService
    ) throws -> MessagePipeline {
        let mailroom = configuration.mailroom
        var settings = PipelineSettings(
            supportAddress: mailroom.supportAddress, companyName: mailroom.companyName,
            agentsInbox: configuration.agents.inbox, allowedAgents: configuration.agents.allowed,
            agentAuthentication: configuration.agents.authentication, defaultLanguage: mailroom.defaultLanguage,
            maxAttachmentBytes: configuration.agents.maxAttachmentBytes,
            feedbackBaseURL: configuration.http?.publicURL.map { $0 + "/feedback/" })
        settings.sla = configuration.kpis.sla
        if configuration.llm.isEnabled {
            settings.opinions = OpinionSettings(
                backend: configuration.llm.backend, autoSendDrafts: configuration.llm.autoSendDrafts,
                screen: configuration.llm.screen)
        }
        var decision = decisionConfiguration(configuration.triage)
        decision.requireAgreement = configuration.llm.requireAgreement && configuration.llm.backend == .both
        return try MessagePipeline(
            settings: settings, secret: configuration.tokenSecret, instanceID: mailroom.instanceID,
            authservID: mailroom.authservID, loopConfiguration: loopConfiguration(configuration.limits),
            decisionConfiguration: decision, classifier: classifier,
            similarity: { similarity.query(tokens: $0) },
            renderer: TemplateRenderer(library: templates))
    }

    /// The language model, when `triage.backend` asks one: its prompts and calibration are loaded now, so a
    /// broken prompt file stops the start with a clear error instead of every message falling back.
    /// `labels`: the loaded classifier's; nil when there is none (the model did not load), and then the default
    /// intents.
    static func llm(
        _ configuration: GatewayConfiguration, labels known: [String]?, metrics: GatewayMetrics?, logger: Logger
    ) throws -> LLMTriage? {
        guard configuration.llm.isEnabled, let settings = configuration.llm.client else { return nil }
        let labels = known ?? DefaultIntents.names
        do {
            return try LLMTriage(
                configuration: configuration.llm, settings: settings, labels: labels, metrics: metrics, logger: logger)
        } catch {
            throw RunError(message: "llm.prompts: \(error)")
        }
    }

    static func loopConfiguration(_ limits: LimitSettings) -> LoopPolicy.Configuration {
        var configuration = LoopPolicy.Configuration()
        configuration.hourLimit = limits.perHour
        configuration.dayLimit = limits.perDay
        configuration.coolDown = TimeInterval(limits.floodCooldownHours * 3600)
        configuration.bouncePause = TimeInterval(limits.bouncePauseDays * 86_400)
        return configuration
    }

    static func decisionConfiguration(_ triage: TriageSettings) -> DecisionPolicy.Configuration {
        var configuration = DecisionPolicy.Configuration()
        configuration.globalThreshold = triage.threshold
        configuration.perIntentThresholds = triage.intentThresholds
        if let escalate = triage.alwaysEscalate { configuration.alwaysEscalate = Set(escalate) }
        configuration.similarityThreshold = triage.similarityThreshold
        return configuration
    }

    static func source(_ settings: SourceSettings) throws -> any MailSource {
        switch settings {
        case .imap(let imap): return try IMAPMailSource(settings: imap)
        case .maildir(let path): return try MaildirMailSource(path: path)
        }
    }

    static func sink(_ settings: SinkSettings, supportAddress: String) throws -> any MailSender {
        switch settings {
        case .smtp(let smtp): return try SMTPMailSender(settings: smtp, envelopeUser: supportAddress)
        case .maildir(let path): return try MaildirMailSender(path: path)
        }
    }

    static func maxMessageBytes(_ settings: SourceSettings) -> Int {
        if case .imap(let imap) = settings { return imap.maxMessageBytes }
        return 25 << 20
    }

    static func pollInterval(_ settings: SourceSettings) -> Duration {
        if case .imap(let imap) = settings { return .seconds(imap.pollSeconds) }
        return .seconds(2)
    }
}
