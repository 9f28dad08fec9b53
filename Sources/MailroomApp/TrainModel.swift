import Foundation
import Triage

/// Options of `mailroom train`.
public struct TrainOptions: Sendable {
    /// The training CSV (`text,label`).
    public var data: String
    /// The development CSV, used to choose the penalty and to report metrics.
    public var dev: String?
    /// Where the model file is written.
    public var out: String

    /// Creates options.
    public init(data: String, dev: String?, out: String) {
        self.data = data
        self.dev = dev
        self.out = out
    }
}

/// `mailroom train`: trains a model, writes it, and returns the report to print (dev metrics when a dev
/// split was given).
public func trainModel(_ options: TrainOptions, configuration: TrainingConfiguration = TrainingConfiguration())
    async throws -> String
{
    let train = try TriageFiles.examples(at: options.data)
    let dev = try options.dev.map { path throws(TriageFileError) in try TriageFiles.examples(at: path) } ?? []
    let clock = ContinuousClock()
    let start = clock.now
    let report = try await ModelTrainer(configuration: configuration).train(train, dev: dev)
    let elapsed = clock.now - start
    try TriageFiles.write(report.model, to: options.out)
    let size = (try? FileManager.default.attributesOfItem(atPath: options.out)[.size] as? Int) ?? 0
    var lines = [
        "trained on \(train.count) examples, \(report.model.labels.count) labels, "
            + "\(report.model.featureSpace.count) features in \(format(seconds: elapsed))",
        "lambda \(report.model.metadata.lambda) (dev accuracy per lambda: "
            + report.lambdaScores.map { "\($0.lambda): \(String(format: "%.4f", $0.accuracy))" }
            .joined(separator: ", ") + ")",
        "calibration: temperature \(String(format: "%.3f", report.model.calibration.temperature)), Platt slope "
            + "\(String(format: "%.3f", report.model.calibration.slope)), intercept "
            + "\(String(format: "%.3f", report.model.calibration.intercept)) (\(report.model.metadata.calibrationSource))",
        "wrote \(options.out) (\(size) bytes)",
    ]
    if let dev = report.dev {
        lines.append("dev (\(dev.count) rows):")
        lines.append(EvaluationFormatter.table(dev, usPerMessage: nil))
    }
    return lines.joined(separator: "\n")
}

func format(seconds duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return String(format: "%.2f s", seconds)
}
