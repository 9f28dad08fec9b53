import Foundation
import Triage

/// Options of `mailroom evaluate`.
public struct EvaluateOptions: Sendable {
    /// The model file (nil: the built-in default model).
    public var model: String?
    /// The labelled CSV to evaluate on.
    public var data: String
    /// The confidence threshold.
    public var threshold: Double
    /// Whether to print one JSON object instead of a table.
    public var json: Bool
    /// An automatic accuracy to reach: the figures are also given at the lowest threshold that reaches it.
    public var targetAccuracy: Double?
    /// Whether to show progress on standard error (only when it is a terminal).
    public var progress: Bool

    /// Creates options.
    public init(
        model: String?, data: String, threshold: Double = 0.75, json: Bool = false, targetAccuracy: Double? = nil,
        progress: Bool = false
    ) {
        self.model = model
        self.data = data
        self.threshold = threshold
        self.json = json
        self.targetAccuracy = targetAccuracy
        self.progress = progress
    }
}

/// The figures at the threshold that reaches a requested automatic accuracy.
public struct TargetEvaluation: Sendable {
    /// The automatic accuracy asked for.
    public var accuracy: Double
    /// The figures at the lowest threshold that reaches it (nil when no threshold does).
    public var evaluation: Evaluation?
}

/// `mailroom evaluate`: scores every row, measures the time per message, and returns a table or JSON.
public func evaluateModel(_ options: EvaluateOptions) throws -> String {
    let model = try TriageFiles.model(at: options.model)
    let examples = try TriageFiles.examples(at: options.data)
    let clock = ContinuousClock()
    var durations: [Duration] = []
    durations.reserveCapacity(examples.count)
    var records: [Evaluation.Record] = []
    let line = TerminalProgress(enabled: options.progress)
    for (index, example) in examples.enumerated() {
        let start = clock.now
        let prediction = model.predict(example.text)
        durations.append(clock.now - start)
        records.append(Evaluation.Record(label: example.label, prediction: prediction))
        line.show("evaluating: \(index + 1) of \(examples.count) rows")
    }
    line.finish()
    let labels = Set(model.labels)
    let evaluation = Evaluation(records: records, knownLabels: labels, threshold: options.threshold)
    let target = options.targetAccuracy.map { accuracy in
        TargetEvaluation(
            accuracy: accuracy,
            evaluation: Evaluation.threshold(reaching: accuracy, records: records, knownLabels: labels).map {
                Evaluation(records: records, knownLabels: labels, threshold: $0)
            })
    }
    let micros = medianMicroseconds(durations)
    return options.json
        ? EvaluationFormatter.json(evaluation, usPerMessage: micros, target: target)
        : EvaluationFormatter.table(evaluation, usPerMessage: micros, target: target)
}

func medianMicroseconds(_ durations: [Duration]) -> Double {
    guard !durations.isEmpty else { return 0 }
    let sorted = durations.sorted()
    let middle = sorted[sorted.count / 2]
    return Double(middle.components.seconds) * 1e6 + Double(middle.components.attoseconds) * 1e-12
}

/// Formats evaluation results.
public enum EvaluationFormatter {
    /// One JSON object with the contract keys (`accuracy`, `macroF1`, `ece`, `threshold`, `coverage`,
    /// `autoAccuracy`, `usPerMessage`, `oosRecall`, `inScopeAccuracy`), then `intentAccuracy`, `answered`,
    /// `answeredAccuracy` and `rows`; with a target, `targetAccuracy` and, when a threshold reaches it, `targetThreshold`,
    /// `targetCoverage`, `targetAutoAccuracy`, `targetAnswered`, `targetAnsweredAccuracy`, `targetOosRecall` and
    /// `targetInScopeAccuracy`. Keys without a value (no out-of-scope rows, no threshold) are left out.
    public static func json(_ evaluation: Evaluation, usPerMessage: Double, target: TargetEvaluation? = nil) -> String {
        var object: [String: Double] = evaluation.metricsDictionary
        object["usPerMessage"] = usPerMessage
        object["rows"] = Double(evaluation.count)
        var keys = [
            "accuracy", "macroF1", "ece", "threshold", "coverage", "autoAccuracy", "usPerMessage", "oosRecall",
            "inScopeAccuracy", "intentAccuracy", "answered", "answeredAccuracy", "rows",
        ]
        if let target {
            object["targetAccuracy"] = target.accuracy
            keys.append("targetAccuracy")
            for (key, value) in (target.evaluation?.metricsDictionary ?? [:]) where targetKeys[key] != nil {
                object[targetKeys[key]!] = value
            }
            keys += targetKeys.values.sorted()
        }
        let fields = keys.compactMap { key in object[key].map { "\"\(key)\":\(number($0))" } }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static let targetKeys = [
        "threshold": "targetThreshold", "coverage": "targetCoverage", "autoAccuracy": "targetAutoAccuracy",
        "answered": "targetAnswered", "answeredAccuracy": "targetAnsweredAccuracy", "oosRecall": "targetOosRecall",
        "inScopeAccuracy": "targetInScopeAccuracy",
    ]

    /// A readable table.
    public static func table(_ evaluation: Evaluation, usPerMessage: Double?, target: TargetEvaluation? = nil)
        -> String
    {
        var rows: [(String, String)] = [
            ("rows", "\(evaluation.count)"),
            ("accuracy", percent(evaluation.accuracy)),
            ("macro-F1", percent(evaluation.macroF1)),
            ("ECE (15 bins)", String(format: "%.4f", evaluation.ece)),
        ]
        if let intents = evaluation.intentAccuracy, evaluation.oosRecall != nil || intents != evaluation.accuracy {
            rows.append(("intent accuracy (in-scope rows)", percent(intents)))
        }
        rows += thresholdRows(evaluation, prefix: "")
        if let target {
            if let reached = target.evaluation {
                rows += thresholdRows(reached, prefix: "for \(percent(target.accuracy)) automatic accuracy: ")
            } else {
                rows.append(("for \(percent(target.accuracy)) automatic accuracy", "no threshold reaches it"))
            }
        }
        if let usPerMessage { rows.append(("median time per message", String(format: "%.1f µs", usPerMessage))) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }

    private static func thresholdRows(_ evaluation: Evaluation, prefix: String) -> [(String, String)] {
        var rows: [(String, String)] = [
            (prefix + "threshold", String(format: "%.2f", evaluation.threshold)),
            (prefix + "coverage (in scope, answered)", percent(evaluation.coverage)),
            (prefix + "accuracy of in-scope answers", percent(evaluation.autoAccuracy)),
        ]
        if let recall = evaluation.oosRecall {
            rows.append((prefix + "out-of-scope recall", percent(recall)))
            rows.append((prefix + "in-scope accuracy", percent(evaluation.inScopeAccuracy ?? 0)))
            rows.append((prefix + "answered automatically (all rows)", percent(evaluation.answered)))
            rows.append((prefix + "automatic accuracy (all answers)", percent(evaluation.answeredAccuracy)))
        }
        return rows
    }

    private static func percent(_ value: Double) -> String {
        String(format: "%.2f%%", value * 100)
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}
