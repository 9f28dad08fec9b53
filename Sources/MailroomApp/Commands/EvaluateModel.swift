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

    /// Creates options.
    public init(model: String?, data: String, threshold: Double = 0.75, json: Bool = false) {
        self.model = model
        self.data = data
        self.threshold = threshold
        self.json = json
    }
}

/// `mailroom evaluate`: scores every row, measures the time per message, and returns a table or JSON.
public func evaluateModel(_ options: EvaluateOptions) throws -> String {
    let model = try TriageFiles.model(at: options.model)
    let examples = try TriageFiles.examples(at: options.data)
    let clock = ContinuousClock()
    var durations: [Duration] = []
    durations.reserveCapacity(examples.count)
    var records: [Evaluation.Record] = []
    for example in examples {
        let start = clock.now
        let prediction = model.predict(example.text)
        durations.append(clock.now - start)
        records.append(
            Evaluation.Record(label: example.label, predicted: prediction.intent, confidence: prediction.confidence))
    }
    let evaluation = Evaluation(records: records, knownLabels: Set(model.labels), threshold: options.threshold)
    let micros = medianMicroseconds(durations)
    return options.json
        ? EvaluationFormatter.json(evaluation, usPerMessage: micros)
        : EvaluationFormatter.table(evaluation, usPerMessage: micros)
}

func medianMicroseconds(_ durations: [Duration]) -> Double {
    guard !durations.isEmpty else { return 0 }
    let sorted = durations.sorted()
    let middle = sorted[sorted.count / 2]
    return Double(middle.components.seconds) * 1e6 + Double(middle.components.attoseconds) * 1e-12
}

/// Formats evaluation results.
public enum EvaluationFormatter {
    /// One JSON object with the contract keys.
    public static func json(_ evaluation: Evaluation, usPerMessage: Double) -> String {
        var object: [String: Double] = evaluation.metricsDictionary
        object["usPerMessage"] = usPerMessage
        let keys = [
            "accuracy", "macroF1", "ece", "threshold", "coverage", "autoAccuracy", "usPerMessage", "oosRecall",
            "inScopeAccuracy",
        ]
        let fields = keys.compactMap { key in object[key].map { "\"\(key)\":\(number($0))" } }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// A readable table.
    public static func table(_ evaluation: Evaluation, usPerMessage: Double?) -> String {
        var rows: [(String, String)] = [
            ("rows", "\(evaluation.count)"),
            ("accuracy", percent(evaluation.accuracy)),
            ("macro-F1", percent(evaluation.macroF1)),
            ("ECE (15 bins)", String(format: "%.4f", evaluation.ece)),
            ("threshold", String(format: "%.2f", evaluation.threshold)),
            ("coverage (in scope, >= threshold)", percent(evaluation.coverage)),
            ("accuracy at or above threshold", percent(evaluation.autoAccuracy)),
        ]
        if let recall = evaluation.oosRecall { rows.append(("out-of-scope recall", percent(recall))) }
        if let inScope = evaluation.inScopeAccuracy { rows.append(("in-scope accuracy", percent(inScope))) }
        if let usPerMessage { rows.append(("median time per message", String(format: "%.1f µs", usPerMessage))) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String {
        String(format: "%.2f%%", value * 100)
    }

    private static func number(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}
