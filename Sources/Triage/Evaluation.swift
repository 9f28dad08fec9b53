/// Metrics of a classifier on labelled examples: accuracy, macro-F1, expected calibration error (15 bins), and
/// what happens at a confidence threshold (coverage, accuracy of what is automated, out-of-scope recall).
///
/// A row is out of scope when its label is `oos` / `NO_NODES_DETECTED` or a label the classifier never saw.
public struct Evaluation: Sendable, Hashable {
    /// One scored row.
    public struct Record: Sendable, Hashable {
        /// The true label.
        public var label: String
        /// The predicted intent.
        public var predicted: String
        /// The calibrated confidence.
        public var confidence: Double

        /// Creates a record.
        public init(label: String, predicted: String, confidence: Double) {
            self.label = label
            self.predicted = predicted
            self.confidence = confidence
        }
    }

    /// Share of rows predicted right.
    public var accuracy: Double
    /// Unweighted mean of the per-label F1 scores (labels in the data or predicted).
    public var macroF1: Double
    /// Expected calibration error with 15 equal-width bins.
    public var ece: Double
    /// The confidence threshold used for the next metrics.
    public var threshold: Double
    /// Share of in-scope rows at or above the threshold.
    public var coverage: Double
    /// Accuracy on the in-scope rows at or above the threshold.
    public var autoAccuracy: Double
    /// Share of out-of-scope rows below the threshold or predicted out of scope (nil without such rows).
    public var oosRecall: Double?
    /// Share of in-scope rows predicted right and at or above the threshold (nil without out-of-scope rows).
    public var inScopeAccuracy: Double?
    /// The number of rows.
    public var count: Int

    /// Computes the metrics from scored rows; `knownLabels` are the labels the classifier can predict.
    public init(records: [Record], knownLabels: Set<String>, threshold: Double) {
        count = records.count
        self.threshold = threshold
        let total = Double(max(1, records.count))
        accuracy = Double(records.filter { $0.label == $0.predicted }.count) / total
        macroF1 = Self.macroF1(records)
        ece = Self.expectedCalibrationError(
            confidences: records.map(\.confidence), outcomes: records.map { $0.label == $0.predicted })
        let isOut: (Record) -> Bool = {
            LabeledExample.outOfScopeLabels.contains($0.label) || !knownLabels.contains($0.label)
        }
        let inScope = records.filter { !isOut($0) }
        let covered = inScope.filter { $0.confidence >= threshold }
        coverage = Double(covered.count) / Double(max(1, inScope.count))
        autoAccuracy = Double(covered.filter { $0.label == $0.predicted }.count) / Double(max(1, covered.count))
        let outOfScope = records.filter(isOut)
        if outOfScope.isEmpty {
            oosRecall = nil
            inScopeAccuracy = nil
        } else {
            let caught = outOfScope.filter {
                $0.confidence < threshold || LabeledExample.outOfScopeLabels.contains($0.predicted)
            }
            oosRecall = Double(caught.count) / Double(outOfScope.count)
            inScopeAccuracy =
                Double(covered.filter { $0.label == $0.predicted }.count) / Double(max(1, inScope.count))
        }
    }

    /// Scores every example with the classifier and computes the metrics.
    public static func measure(_ classifier: some Classifier, examples: [LabeledExample], threshold: Double)
        -> Evaluation
    {
        let records = examples.map { example in
            let prediction = classifier.predict(example.text)
            return Record(label: example.label, predicted: prediction.intent, confidence: prediction.confidence)
        }
        return Evaluation(records: records, knownLabels: Set(classifier.labels), threshold: threshold)
    }

    /// The metrics by name, as stored in a model file.
    public var metricsDictionary: [String: Double] {
        var result = [
            "accuracy": accuracy, "macroF1": macroF1, "ece": ece, "threshold": threshold, "coverage": coverage,
            "autoAccuracy": autoAccuracy,
        ]
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
