import Foundation
import Logging
import MailroomCore
import MailroomLLM
import Synchronization
import Triage

/// Asks the configured language model for a triage and turns the client's result into a ``ModelOpinion`` with
/// its provenance (model, prompt version and hash, schema version) and the calibrated confidence. It never throws
/// and never blocks the cooperative pool: ``opinions(_:)`` waits on the caller's thread while the requests run
/// on a dispatch queue of their own.
final class LLMTriage: Sendable {
    let client: LLMClient
    let prompts: PromptSet
    let schema: TriageSchema
    /// The calibration for this model and prompt, when one was fitted; nil: the confidence is uncalibrated.
    let calibration: StatedConfidenceCalibration?
    private let metrics: GatewayMetrics?
    private let logger: Logger

    /// `breaker: false` asks every time, whatever failed before (for an evaluation).
    /// - Throws: ``PromptError`` when the prompt files cannot be used, or a calibration file cannot be read.
    init(
        configuration: LLMConfiguration, settings: LLMSettings, labels: [String], metrics: GatewayMetrics?,
        logger: Logger, breaker: Bool = true
    ) throws {
        client = LLMClient(
            settings: settings, failureThreshold: breaker ? configuration.breakerFailures : Int.max,
            coolDown: .seconds(configuration.breakerSeconds))
        prompts = try PromptSet.load(folder: configuration.promptsPath, labels: labels)
        schema = TriageSchema(intents: labels.filter { !LabeledExample.outOfScopeLabels.contains($0) })
        let file = try LLMCalibrationFile.load(configuration.calibrationPath)
        if let file,
            file.applies(model: settings.model, promptHash: prompts.hash, schemaVersion: TriageSchema.schemaVersion)
        {
            calibration = file.calibration
        } else {
            calibration = nil
            logger.warning(
                "the language model's confidence is not calibrated: no automatic reply rests on it",
                metadata: [
                    "calibration": "\(configuration.calibrationPath)",
                    "why": "\(file == nil ? "no calibration file" : "fitted for another model, prompt or schema")",
                ])
        }
        self.metrics = metrics
        self.logger = logger
    }

    /// The breaker's state: `closed`, `open` or `half_open`.
    var breakerState: String { client.circuitState.rawValue }

    var provenance: ModelOpinion.Provenance {
        ModelOpinion.Provenance(
            model: client.settings.model, promptVersion: prompts.version, promptHash: prompts.hash,
            schemaVersion: TriageSchema.schemaVersion)
    }

    /// The model's triage of `question` (a message's subject and new text).
    func opinion(_ question: String) async -> ModelOpinion {
        let result = await client.triage(system: prompts.system, user: question, schema: schema)
        let milliseconds = Int(
            result.latency.components.seconds * 1000 + result.latency.components.attoseconds / 1_000_000_000_000_000)
        metrics?.llmTriage(outcome: result.fallback ?? "answered", seconds: Double(milliseconds) / 1000)
        metrics?.llmBreaker(breakerState)
        if let fallback = result.fallback {
            logger.notice(
                "language model answer not used; the local classifier decides",
                metadata: ["fallback": "\(fallback)", "attempts": "\(result.attempts)"])
        }
        return ModelOpinion(
            answer: result.answer.flatMap(answer), fallback: result.fallback, fallbackDetail: result.detail,
            provenance: provenance, latencyMilliseconds: milliseconds, attempts: result.attempts, raw: result.raw)
    }

    private func answer(_ answer: TriageAnswer) -> ModelOpinion.Answer? {
        guard let urgency = Urgency(rawValue: answer.urgency), let sentiment = Sentiment(rawValue: answer.sentiment),
            let churn = ChurnRisk(rawValue: answer.churnRisk)
        else { return nil }
        return ModelOpinion.Answer(
            intent: answer.intent, urgency: urgency, sentiment: sentiment, churnRisk: churn,
            language: answer.language, statedConfidence: answer.confidence,
            calibratedConfidence: calibration?.calibrated(answer.confidence), replyDraft: answer.replyDraft,
            reason: answer.reason)
    }

    /// The opinions for `questions` (nil: not asked), at most `llm.maxConcurrent` at once; blocks the calling
    /// thread until all are in (each within `llm.timeoutSeconds`). Call it from a thread that may block (the
    /// processor's batch runs on a dispatch thread); the requests run on their own executor.
    func opinions(_ questions: [String?]) -> [ModelOpinion?] {
        guard questions.contains(where: { $0 != nil }) else { return questions.map { _ in nil } }
        let results = Mutex([ModelOpinion?](repeating: nil, count: questions.count))
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: Self.executor) { [self] in
            await withTaskGroup(of: (Int, ModelOpinion).self) { group in
                for (index, question) in questions.enumerated() {
                    guard let question else { continue }
                    group.addTask { (index, await self.opinion(question)) }
                }
                for await (index, opinion) in group { results.withLock { $0[index] = opinion } }
            }
            done.signal()
        }
        done.wait()
        return results.withLock { $0 }
    }

    /// Runs the requests' tasks on dispatch threads, so a caller that blocks a cooperative thread cannot starve them.
    private static let executor = DispatchTaskExecutor()
}

/// A task executor that runs every job on a concurrent dispatch queue.
final class DispatchTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "mailroom.llm", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
