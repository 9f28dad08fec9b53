/// Metrics of a classifier on labelled examples: accuracy, macro-F1, expected calibration error (15 bins), and
/// what happens at a confidence threshold (coverage, accuracy of what is automated, out-of-scope recall).
///
/// A row is out of scope when its label is `oos` / `NO_NODES_DETECTED` or a label the classifier never saw. The
/// named intent is right when it is the row's label, or when both are out of scope (`oos` and
/// `NO_NODES_DETECTED` mean the same); the confidence is the probability of that, so the calibration error uses
/// it. A row is **answered** automatically when its confidence is at or above the threshold and the prediction is
/// not marked out of scope (such a prediction is escalated). For `accuracy`, a prediction marked out of scope
/// answers "out of scope": right for an out-of-scope row, wrong for an in-scope one.
public struct Evaluation: Sendable, Hashable {
    /// One scored row.
    public struct Record: Sendable, Hashable {
        /// The true label.
        public var label: String
        /// The predicted intent.
        public var predicted: String
        /// The calibrated confidence.
        public var confidence: Double
        /// Whether the classifier marked the message out of scope (so it is escalated, whatever the confidence).
        public var isOutOfScope: Bool

        /// Creates a record; by default it is marked out of scope when the predicted label is an out-of-scope one.
        public init(label: String, predicted: String, confidence: Double, isOutOfScope: Bool? = nil) {
            self.label = label
            self.predicted = predicted
            self.confidence = confidence
            self.isOutOfScope = isOutOfScope ?? LabeledExample.outOfScopeLabels.contains(predicted)
        }

        /// The record of a prediction.
        public init(label: String, prediction: IntentPrediction) {
            self.init(
                label: label, predicted: prediction.intent, confidence: prediction.confidence,
                isOutOfScope: prediction.isOutOfScope)
        }
    }

    /// Share of rows answered right: the intent, or "out of scope" when the prediction is marked so.
    public var accuracy: Double
    /// Unweighted mean of the per-label F1 scores (labels in the data or predicted).
    public var macroF1: Double
    /// Expected calibration error with 15 equal-width bins.
    public var ece: Double
    /// The confidence threshold used for the next metrics.
    public var threshold: Double
    /// Share of in-scope rows answered automatically.
    public var coverage: Double
    /// Accuracy of the automatic answers to in-scope rows (0 when nothing is answered).
    public var autoAccuracy: Double
    /// Share of out-of-scope rows not answered: below the threshold or predicted out of scope (nil without such
    /// rows).
    public var oosRecall: Double?
    /// Share of in-scope rows answered automatically and right (nil without out-of-scope rows).
    public var inScopeAccuracy: Double?
    /// Share of in-scope rows whose predicted intent is right, whatever the confidence (nil without in-scope rows).
    public var intentAccuracy: Double?
    /// Share of all rows answered automatically.
    public var answered: Double
    /// Accuracy of all automatic answers: an out-of-scope row answered counts as wrong (0 when nothing is answered).
    public var answeredAccuracy: Double
    /// The number of rows.
    public var count: Int

    /// Computes the metrics from scored rows; `knownLabels` are the labels the classifier can predict.
    public init(records: [Record], knownLabels: Set<String>, threshold: Double) {
        count = records.count
        self.threshold = threshold
        let judge = Judge(knownLabels: knownLabels, threshold: threshold)
        let total = Double(max(1, records.count))
        accuracy = Double(records.filter(judge.isAnswerRight).count) / total
        macroF1 = Self.macroF1(records)
        ece = Self.expectedCalibrationError(
            confidences: records.map(\.confidence), outcomes: records.map(judge.isRight))
        let inScope = records.filter { !judge.isOutOfScope($0) }
        intentAccuracy =
            inScope.isEmpty ? nil : Double(inScope.filter { $0.label == $0.predicted }.count) / Double(inScope.count)
        let covered = inScope.filter(judge.isAnswered)
        let coveredRight = covered.filter(judge.isRight).count
        coverage = Double(covered.count) / Double(max(1, inScope.count))
        autoAccuracy = Double(coveredRight) / Double(max(1, covered.count))
        let answers = records.filter(judge.isAnswered)
        answered = Double(answers.count) / total
        answeredAccuracy = Double(answers.filter(judge.isRight).count) / Double(max(1, answers.count))
        let outOfScope = records.filter(judge.isOutOfScope)
        if outOfScope.isEmpty {
            oosRecall = nil
            inScopeAccuracy = nil
        } else {
            oosRecall = Double(outOfScope.filter { !judge.isAnswered($0) }.count) / Double(outOfScope.count)
            inScopeAccuracy = Double(coveredRight) / Double(max(1, inScope.count))
        }
    }

    /// What counts as out of scope, right and answered.
    struct Judge {
        let knownLabels: Set<String>
        let threshold: Double

        func isOutOfScope(_ record: Record) -> Bool {
            LabeledExample.outOfScopeLabels.contains(record.label) || !knownLabels.contains(record.label)
        }

        /// Whether the named intent is right.
        func isRight(_ record: Record) -> Bool {
            record.label == record.predicted
                || (isOutOfScope(record) && LabeledExample.outOfScopeLabels.contains(record.predicted))
        }

        /// Whether the answer is right: the intent, or "out of scope" when the prediction is marked so.
        func isAnswerRight(_ record: Record) -> Bool {
            record.isOutOfScope ? isOutOfScope(record) : isRight(record)
        }

        func isAnswered(_ record: Record) -> Bool {
            record.confidence >= threshold && !record.isOutOfScope
        }
    }

    /// Scores every example with the classifier and computes the metrics.
    public static func measure(_ classifier: some Classifier, examples: [LabeledExample], threshold: Double)
        -> Evaluation
    {
        let records = examples.map { Record(label: $0.label, prediction: classifier.predict($0.text)) }
        return Evaluation(records: records, knownLabels: Set(classifier.labels), threshold: threshold)
    }

    /// The metrics by name, as stored in a model file.
    public var metricsDictionary: [String: Double] {
        var result = [
            "accuracy": accuracy, "macroF1": macroF1, "ece": ece, "threshold": threshold, "coverage": coverage,
            "autoAccuracy": autoAccuracy, "answered": answered, "answeredAccuracy": answeredAccuracy,
        ]
        if let intentAccuracy { result["intentAccuracy"] = intentAccuracy }
        if let oosRecall { result["oosRecall"] = oosRecall }
        if let inScopeAccuracy { result["inScopeAccuracy"] = inScopeAccuracy }
        return result
    }

    /// Expected calibration error: the mean over 15 equal-width confidence bins of |accuracy - confidence|,
    /// weighted by the share of rows in the bin.
    public static func expectedCalibrationError(confidences: [Double], outcomes: [Bool], bins: Int = 15) -> Double {
        guard !confidences.isEmpty else { return 0 }
        var counts = [Double](repeating: 0, count: bins)
        var confidenceSums = [Double](repeating: 0, count: bins)
        var rightSums = [Double](repeating: 0, count: bins)
        for (confidence, right) in zip(confidences, outcomes) {
            let bin = min(bins - 1, max(0, Int(confidence * Double(bins))))
            counts[bin] += 1
            confidenceSums[bin] += confidence
            rightSums[bin] += right ? 1 : 0
        }
        var error = 0.0
        for bin in 0..<bins where counts[bin] > 0 {
            error += abs(rightSums[bin] - confidenceSums[bin]) / Double(confidences.count)
        }
        return error
    }

    static func macroF1(_ records: [Record]) -> Double {
        var truePositive: [String: Double] = [:]
        var predicted: [String: Double] = [:]
        var actual: [String: Double] = [:]
        for record in records {
            predicted[record.predicted, default: 0] += 1
            actual[record.label, default: 0] += 1
            if record.label == record.predicted { truePositive[record.label, default: 0] += 1 }
        }
        let labels = Set(predicted.keys).union(actual.keys).sorted()
        guard !labels.isEmpty else { return 0 }
        var sum = 0.0
        for label in labels {
            let tp = truePositive[label] ?? 0
            let denominator = (predicted[label] ?? 0) + (actual[label] ?? 0)
            sum += denominator > 0 ? 2 * tp / denominator : 0
        }
        return sum / Double(labels.count)
    }
}
