import Foundation
import Triage

// Trains one model configuration on a train split and reports dev metrics, for choosing the network's settings
// over a small grid (driven by bench/triage-grid). Never used by the product.
// Usage: TriageExperiment TRAIN.csv DEV.csv [key=value ...]
// Keys: kind (linear|network|ensemble), hidden, epochs, patience, batch, lr, final, dropout, indrop, smooth,
//       decay, scale, seed,
//       refit (0|1), share, count, threshold.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: TriageExperiment TRAIN.csv DEV.csv [key=value ...]")
    exit(2)
}

func examples(_ path: String) -> [LabeledExample] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8),
        let rows = CSVTable(parsing: text).labeledExamples()
    else {
        print("cannot read \(path)")
        exit(1)
    }
    return rows
}

let options: [String: String] = Dictionary(
    arguments.dropFirst(3).compactMap { argument in
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }, uniquingKeysWith: { $1 })
@MainActor func number(_ key: String, _ fallback: Float) -> Float { options[key].flatMap(Float.init) ?? fallback }
@MainActor func integer(_ key: String, _ fallback: Int) -> Int { options[key].flatMap(Int.init) ?? fallback }

let defaults = NetworkConfiguration()
let network = NetworkConfiguration(
    hiddenUnits: integer("hidden", defaults.hiddenUnits), maxEpochs: integer("epochs", defaults.maxEpochs),
    patience: integer("patience", defaults.patience), batchSize: integer("batch", defaults.batchSize),
    learningRate: number("lr", defaults.learningRate),
    finalLearningRateShare: number("final", defaults.finalLearningRateShare),
    dropout: number("dropout", defaults.dropout), inputDropout: number("indrop", defaults.inputDropout),
    labelSmoothing: number("smooth", defaults.labelSmoothing), weightDecay: number("decay", defaults.weightDecay),
    inputScale: number("scale", defaults.inputScale), seed: UInt64(integer("seed", Int(defaults.seed))))
let base = TrainingConfiguration()
let kind = IntentScorer.Kind.allCases.first { $0.description == options["kind"] } ?? base.kind
let configuration = TrainingConfiguration(
    kind: kind, network: network, refitNetwork: integer("refit", base.refitNetwork ? 1 : 0) == 1,
    networkShare: number("share", base.networkShare), networkCount: integer("count", 1))
let train = examples(arguments[1])
let dev = examples(arguments[2])
let clock = ContinuousClock()
let start = clock.now
let report = try await ModelTrainer(configuration: configuration).train(train, dev: dev)
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let threshold = Double(number("threshold", 0.75))
let evaluation = Evaluation.measure(report.model, examples: dev, threshold: threshold)
for history in report.networkHistories {
    let passes = history.map { String(format: "%.4f/%.3f", $0.accuracy, $0.loss) }
    print("slice acc/loss per pass: \(passes.joined(separator: " "))")
}
let lambdas = report.lambdaScores.map { "\($0.lambda): \(String(format: "%.4f", $0.accuracy))" }
if !lambdas.isEmpty { print("dev accuracy per lambda: \(lambdas.joined(separator: ", "))") }
var latencies: [Double] = []
for example in dev.prefix(500) {
    let begin = clock.now
    _ = report.model.predict(example.text)
    let time = clock.now - begin
    latencies.append(Double(time.components.attoseconds) * 1e-12 + Double(time.components.seconds) * 1e6)
}
latencies.sort()
print(
    String(
        format:
            "RESULT %@ slice %.4f acc %.4f ece %.4f cov %.4f autoAcc %.4f oosR %@ inAcc %@ train %.1f s median %.0f us epochs %@",
        arguments.dropFirst(3).joined(separator: " "), report.sliceAccuracy, evaluation.accuracy, evaluation.ece,
        evaluation.coverage,
        evaluation.autoAccuracy, evaluation.oosRecall.map { String(format: "%.4f", $0) } ?? "-",
        evaluation.inScopeAccuracy.map { String(format: "%.4f", $0) } ?? "-", seconds, latencies[latencies.count / 2],
        report.networkEpochs.isEmpty ? "-" : report.networkEpochs.map(String.init).joined(separator: ",")))
if options["confusions"] == "1" {
    var pairs: [String: Int] = [:]
    for example in dev {
        let predicted = report.model.predict(example.text).intent
        if predicted != example.label { pairs["\(example.label) -> \(predicted)", default: 0] += 1 }
    }
    for (pair, count) in pairs.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(25) {
        print("  \(count)  \(pair)")
    }
}
if options["curve"] == "1" {
    let records = dev.map { example in
        let prediction = report.model.predict(example.text)
        return Evaluation.Record(label: example.label, predicted: prediction.intent, confidence: prediction.confidence)
    }
    for step in 10...19 {
        let cut = Double(step) * 0.05
        let at = Evaluation(records: records, knownLabels: Set(report.model.labels), threshold: cut)
        print(
            String(
                format: "  threshold %.2f coverage %.4f autoAcc %.4f oosR %@ inAcc %@", cut, at.coverage,
                at.autoAccuracy, at.oosRecall.map { String(format: "%.4f", $0) } ?? "-",
                at.inScopeAccuracy.map { String(format: "%.4f", $0) } ?? "-"))
    }
}
if let path = options["eval"] {
    let other = Evaluation.measure(report.model, examples: examples(path), threshold: threshold)
    print(
        String(
            format: "EVAL %@ acc %.4f ece %.4f cov %.4f autoAcc %.4f", path, other.accuracy, other.ece, other.coverage,
            other.autoAccuracy))
}
