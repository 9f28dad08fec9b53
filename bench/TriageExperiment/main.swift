import Foundation
import Triage

// Trains one model configuration on a train split and reports dev metrics, for choosing the network's settings
// over a small grid (driven by bench/triage-grid). Never used by the product.
// Usage: TriageExperiment TRAIN.csv DEV.csv [key=value ...]
// Keys: kind (linear|network|ensemble), hidden, epochs, patience, batch, lr, final, dropout, indrop, smooth,
//       decay, scale, seed,
//       refit (0|1), share, count, threshold,
//       negatives (CSV of out-of-scope texts), oshare (the out-of-scope share the calibration assumes),
//       negfeatures (1: keep the features seen only in the negatives),
//       eval (CSV files, comma-separated, measured like dev), wrong (1: list out-of-scope rows answered).

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
    networkShare: number("share", base.networkShare), networkCount: integer("count", 1),
    outOfScopeShare: Double(number("oshare", Float(base.outOfScopeShare))),
    negativeFeatures: integer("negfeatures", 0) == 1)
let negatives = options["negatives"].map { path in examples(path).map(\.text) } ?? []
let train = examples(arguments[1])
let dev = examples(arguments[2])
let clock = ContinuousClock()
let start = clock.now
let report = try await ModelTrainer(configuration: configuration).train(train, dev: dev, negatives: negatives)
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
func inScopeArgmax(_ rows: [LabeledExample]) -> Double {
    let model = report.model
    let inScope = rows.filter { !LabeledExample.outOfScopeLabels.contains($0.label) }
    let right = inScope.filter { example in
        let scores = model.scores(model.vector(example.text))
        let best = scores.indices.filter { !LabeledExample.outOfScopeLabels.contains(model.labels[$0]) }
            .max { scores[$0] < scores[$1] }!
        return model.labels[best] == example.label
    }.count
    return Double(right) / Double(max(1, inScope.count))
}
func describe(_ name: String, _ rows: [LabeledExample]) {
    let records = rows.map { Evaluation.Record(label: $0.label, prediction: report.model.predict($0.text)) }
    let labels = Set(report.model.labels)
    let at = Evaluation(records: records, knownLabels: labels, threshold: threshold)
    let cut = Evaluation.threshold(reaching: 0.95, records: records, knownLabels: labels)
    let target = cut.map { Evaluation(records: records, knownLabels: labels, threshold: $0) }
    func value(_ number: Double?) -> String { number.map { String(format: "%.3f", $0) } ?? "-" }
    print(
        "EVAL \(name) n \(rows.count) acc \(value(at.accuracy)) ece \(value(at.ece)) | @\(threshold) ans "
            + "\(value(at.answered)) ansAcc \(value(at.answeredAccuracy)) cov \(value(at.coverage)) oosR "
            + "\(value(at.oosRecall)) inAcc \(value(at.inScopeAccuracy)) | @95 t \(value(cut)) ans "
            + "\(value(target?.answered)) ansAcc \(value(target?.answeredAccuracy)) cov \(value(target?.coverage)) "
            + "oosR \(value(target?.oosRecall)) inAcc \(value(target?.inScopeAccuracy)) | inScopeToOOS "
            + "\(records.filter { !LabeledExample.outOfScopeLabels.contains($0.label) && $0.isOutOfScope }.count)"
            + " inArgmax \(value(inScopeArgmax(rows)))")
}
describe("dev", dev)
func dumpAnsweredOutOfScope(_ rows: [LabeledExample]) {
    for example in rows where LabeledExample.outOfScopeLabels.contains(example.label) {
        let prediction = report.model.predict(example.text)
        if prediction.confidence >= threshold && !prediction.isOutOfScope {
            print(String(format: "ANSWERED %.2f %@ | %@", prediction.confidence, prediction.intent, example.text))
        }
    }
}
for path in (options["eval"] ?? "").split(separator: ",").map(String.init) where !path.isEmpty {
    describe(path, examples(path))
    if options["wrong"] == "1" { dumpAnsweredOutOfScope(examples(path)) }
}
if let outOfScope = report.model.outOfScope { print("OUT-OF-SCOPE coefficients \(outOfScope.coefficients)") }
if let path = options["save"] { try? Data(ModelFile.encode(report.model)).write(to: URL(fileURLWithPath: path)) }
