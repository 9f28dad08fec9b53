import Foundation
import Logging
import MailroomCore
import MailroomLLM
import Triage

/// What `mailroom evaluate --backend llm` measured: the usual figures with the fitted calibration applied, the
/// model's own (stated) calibration error, how often it gave no valid answer, and how long it took.
public struct LLMEvaluation: Sendable {
    /// The figures with the fitted calibration applied (a row without a valid answer counts as `unknown`: never
    /// answered automatically).
    public var evaluation: Triage.Evaluation
    /// ECE of the confidence the model stated, before calibration.
    public var statedECE: Double
    /// Share of rows without a valid answer (timeout, HTTP error, invalid JSON, invented intent, ...).
    public var fallbackRate: Double
    /// Fallback codes and their counts.
    public var fallbacks: [String: Int]
    /// Median and 95th percentile of the time per row, in milliseconds.
    public var latencyP50: Double
    /// 95th percentile, milliseconds.
    public var latencyP95: Double
    /// The fitted calibration, when there were valid answers both right and wrong enough to fit one.
    public var calibration: StatedConfidenceCalibration?
    /// Where it was written (nil: not written).
    public var writtenTo: String?
    /// The model, prompt version and hash it was measured with.
    public var provenance: ModelOpinion.Provenance
}

/// `mailroom evaluate --backend llm`: asks the configured model (`--config`'s `llm.*` and prompts) about every row,
/// fits the calibration of its stated confidence on the rows it answered, writes it to `llm.calibration` (the
/// policy uses it from the next start), and reports the same figures as for the local model, plus fallback rate
/// and latency. The fit and the figures come from the same rows: evaluate on a split the model was not tuned on.
public func evaluateLLM(_ options: EvaluateOptions, configPath: String, write: Bool, logger: Logger) async throws
    -> (text: String, result: LLMEvaluation)
{
    let configuration = try await ConfigurationLoader.load(path: configPath)
    guard let settings = configuration.llm.client else {
        throw RunError(
            message: "\(configPath) configures no language model: set llm.baseURL and llm.model "
                + "(and triage.backend: llm or both)")
    }
    let labels = (try TriageFiles.model(at: options.model ?? configuration.triage.modelPath)).labels
    let triage: LLMTriage
    do {
        triage = try LLMTriage(
            configuration: configuration.llm, settings: settings, labels: labels, metrics: nil, logger: logger,
            breaker: false)
    } catch {
        throw RunError(message: "llm: \(error)")
    }
    let examples = try TriageFiles.examples(at: options.data)
    let line = TerminalProgress(enabled: options.progress)
    var opinions: [ModelOpinion] = []
    opinions.reserveCapacity(examples.count)
    let chunk = max(8, settings.maxConcurrent * 2)
    for start in stride(from: 0, to: examples.count, by: chunk) {
        let slice = examples[start..<min(start + chunk, examples.count)]
        let asked = await withTaskGroup(of: (Int, ModelOpinion).self) { group in
            for (offset, example) in slice.enumerated() {
                group.addTask { (offset, await triage.opinion(example.text)) }
            }
            var results = [ModelOpinion?](repeating: nil, count: slice.count)
            for await (offset, opinion) in group { results[offset] = opinion }
            return results.compactMap { $0 }
        }
        opinions += asked
        line.show("asking the model: \(opinions.count) of \(examples.count) rows")
    }
    line.finish()
    var evaluation = measure(
        examples: examples, opinions: opinions, labels: labels, threshold: options.threshold,
        provenance: triage.provenance)
    if write, let calibration = evaluation.calibration {
        let file = LLMCalibrationFile(
            model: settings.model, promptVersion: triage.prompts.version, promptHash: triage.prompts.hash,
            schemaVersion: TriageSchema.schemaVersion, calibration: calibration,
            rows: opinions.filter { $0.answer != nil }.count, data: options.data, fittedAt: Date())
        try file.write(to: configuration.llm.calibrationPath)
        evaluation.writtenTo = configuration.llm.calibrationPath
    }
    return (options.json ? json(evaluation) : table(evaluation), evaluation)
}

/// The figures of `opinions` (one per example, in order) against the labels.
func measure(
    examples: [LabeledExample], opinions: [ModelOpinion], labels: [String], threshold: Double,
    provenance: ModelOpinion.Provenance
) -> LLMEvaluation {
    let known = Set(labels)
    func isRight(_ example: LabeledExample, _ answer: ModelOpinion.Answer) -> Bool {
        let outOfScope = example.isOutOfScope || !known.contains(example.label)
        return answer.isUnknown ? outOfScope : answer.intent == example.label
    }
    var stated: [Double] = []
    var correct: [Bool] = []
    for (example, opinion) in zip(examples, opinions) {
        guard let answer = opinion.answer else { continue }
        stated.append(answer.statedConfidence)
        correct.append(isRight(example, answer))
    }
    let calibration = stated.count >= 2 ? StatedConfidenceCalibration.fit(stated: stated, correct: correct) : nil
    let records = zip(examples, opinions).map { example, opinion -> Triage.Evaluation.Record in
        guard let answer = opinion.answer else {
            return Triage.Evaluation.Record(label: example.label, predicted: "oos", confidence: 0, isOutOfScope: true)
        }
        let confidence = calibration?.calibrated(answer.statedConfidence) ?? answer.statedConfidence
        return Triage.Evaluation.Record(
            label: example.label, predicted: answer.isUnknown ? "oos" : answer.intent, confidence: confidence,
            isOutOfScope: answer.isUnknown)
    }
    var fallbacks: [String: Int] = [:]
    for opinion in opinions { if let code = opinion.fallback { fallbacks[code, default: 0] += 1 } }
    let latencies = opinions.map { Double($0.latencyMilliseconds) }.sorted()
    func percentile(_ share: Double) -> Double {
        latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * share))]
    }
    return LLMEvaluation(
        evaluation: Triage.Evaluation(records: records, knownLabels: known, threshold: threshold),
        statedECE: Triage.Evaluation.expectedCalibrationError(confidences: stated, outcomes: correct),
        fallbackRate: Double(opinions.count - stated.count) / Double(max(1, opinions.count)), fallbacks: fallbacks,
        latencyP50: percentile(0.5), latencyP95: percentile(0.95), calibration: calibration, writtenTo: nil,
        provenance: provenance)
}

private func table(_ result: LLMEvaluation) -> String {
    var lines = [
        "  model                         \(result.provenance.model)",
        "  prompt                        \(result.provenance.promptVersion) (sha256 \(result.provenance.promptHash.prefix(12)))",
        EvaluationFormatter.table(result.evaluation, usPerMessage: nil),
        String(format: "  ECE of the stated confidence  %.4f", result.statedECE),
        String(format: "  fallback rate                 %.2f%%", result.fallbackRate * 100),
    ]
    if !result.fallbacks.isEmpty {
        lines.append(
            "  fallbacks                     "
                + result.fallbacks.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    lines.append(
        String(format: "  latency p50 / p95             %.0f ms / %.0f ms", result.latencyP50, result.latencyP95))
    if let path = result.writtenTo {
        lines.append("  calibration written to        \(path)")
    } else if result.calibration == nil {
        lines.append("  calibration                   not fitted: fewer than two valid answers")
    }
    return lines.joined(separator: "\n")
}

private func json(_ result: LLMEvaluation) -> String {
    var object =
        (try? JSONSerialization.jsonObject(
            with: Data(EvaluationFormatter.json(result.evaluation, usPerMessage: 0).utf8))) as? [String: Any] ?? [:]
    object.removeValue(forKey: "usPerMessage")
    object["backend"] = "llm"
    object["model"] = result.provenance.model
    object["promptVersion"] = result.provenance.promptVersion
    object["promptHash"] = result.provenance.promptHash
    object["schemaVersion"] = result.provenance.schemaVersion
    object["statedEce"] = result.statedECE
    object["fallbackRate"] = result.fallbackRate
    object["fallbacks"] = result.fallbacks
    object["latencyP50Ms"] = result.latencyP50
    object["latencyP95Ms"] = result.latencyP95
    if let path = result.writtenTo { object["calibration"] = path }
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}
