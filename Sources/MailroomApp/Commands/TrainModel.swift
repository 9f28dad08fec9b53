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
    /// The model kind; nil for the default (`TrainingConfiguration().kind`).
    public var kind: TrainModelKind?
    /// A CSV whose `text` column holds out-of-scope examples (no intent applies); other columns are ignored.
    public var negatives: String?
    /// Whether to show progress on standard error (only when it is a terminal).
    public var progress: Bool

    /// Creates options.
    public init(
        data: String, dev: String?, out: String, kind: TrainModelKind? = nil, negatives: String? = nil,
        progress: Bool = false
    ) {
        self.data = data
        self.dev = dev
        self.out = out
        self.kind = kind
        self.negatives = negatives
        self.progress = progress
    }
}

/// `mailroom train`: trains a model, writes it, and returns the report to print (dev metrics when a dev
/// split was given).
public func trainModel(_ options: TrainOptions, configuration: TrainingConfiguration = TrainingConfiguration())
    async throws -> String
{
    var configuration = configuration
    if let kind = options.kind { configuration.kind = kind.scorerKind }
    let train = try TriageFiles.examples(at: options.data)
    let dev = try options.dev.map { path throws(TriageFileError) in try TriageFiles.examples(at: path) } ?? []
    let negatives = try options.negatives.map { path throws(TriageFileError) in try TriageFiles.texts(at: path) } ?? []
    let clock = ContinuousClock()
    let start = clock.now
    let line = TerminalProgress(enabled: options.progress)
    let trainer = ModelTrainer(configuration: configuration) { step in line.show("training: \(step.description)") }
    let report = try await trainer.train(train, dev: dev, negatives: negatives)
    line.finish()
    let elapsed = clock.now - start
    try TriageFiles.write(report.model, to: options.out)
    let size = (try? FileManager.default.attributesOfItem(atPath: options.out)[.size] as? Int) ?? 0
    let model = report.model
    let calibration = model.calibration
    let lambdas: String = report.lambdaScores.map { "\($0.lambda): \(String(format: "%.4f", $0.accuracy))" }
        .joined(separator: ", ")
    let temperature: String = String(format: "%.3f", calibration.temperature)
    let slope: String = String(format: "%.3f", calibration.slope)
    let intercept: String = String(format: "%.3f", calibration.intercept)
    var lines: [String] = []
    let withNegatives = negatives.isEmpty ? "" : " and \(negatives.count) negatives"
    lines.append(
        "trained on \(train.count) examples\(withNegatives), \(model.labels.count) labels, "
            + "\(model.featureSpace.count) features")
    lines[0] += " in \(format(seconds: elapsed))"
    lines.append("model: \(model.scorer.kind), \(model.metadata.training)")
    if let path = options.negatives {
        lines.append(
            "negatives: \(negatives.count) rows from \(path); the confidence is calibrated for traffic with "
                + "\(Int((configuration.outOfScopeShare * 100).rounded()))% out-of-scope messages")
    }
    if !lambdas.isEmpty { lines.append("lambda \(model.metadata.lambda) (dev accuracy per lambda: \(lambdas))") }
    if let outOfScope = model.outOfScope {
        let coefficients = outOfScope.coefficients.map { String(format: "%.3f", $0) }
        lines.append(
            "calibration: temperature \(temperature), then intercept \(coefficients[0]), intent log-odds "
                + "\(coefficients[1]), none-class log-odds \(coefficients[2])")
    } else {
        lines.append("calibration: temperature \(temperature), Platt slope \(slope), intercept \(intercept)")
    }
    lines[lines.count - 1] += " (\(model.metadata.calibrationSource))"
    lines.append("wrote \(options.out) (\(size) bytes)")
    if let dev = report.dev {
        lines.append("dev (\(dev.count) rows):")
        lines.append(EvaluationFormatter.table(dev, usPerMessage: nil))
    }
    return lines.joined(separator: "\n")
}

/// The model kinds `mailroom train --kind` offers.
public enum TrainModelKind: String, Sendable, CaseIterable {
    /// Multinomial logistic regression.
    case linear
    /// A network with one hidden layer.
    case network
    /// Logistic regression and a network, pooled (the default).
    case ensemble

    var scorerKind: IntentScorer.Kind {
        switch self {
        case .linear: .linear
        case .network: .network
        case .ensemble: .ensemble
        }
    }
}

func format(seconds duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return String(format: "%.2f s", seconds)
}
