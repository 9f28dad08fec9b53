import Foundation
import Testing

@testable import Triage

@Suite struct CalibrationTests {
    /// Scores from a known 4-class model, then multiplied by 4: the softmax becomes far too sure.
    static func overconfidentScores(count: Int, seed: UInt64) -> (scores: [[Float]], labels: [Int]) {
        var generator = SplitMix(seed: seed)
        var scores: [[Float]] = []
        var labels: [Int] = []
        for _ in 0..<count {
            let truth = Int(generator.next() % 4)
            var row = (0..<4).map { _ in Float(generator.unit() * 2) }
            row[truth] += 1.2
            let probabilities = Calibration.softmax(row, temperature: 1)
            var draw = generator.unit()
            var label = 3
            for (index, probability) in probabilities.enumerated() {
                draw -= probability
                if draw <= 0 {
                    label = index
                    break
                }
            }
            scores.append(row.map { $0 * 4 })
            labels.append(label)
        }
        return (scores, labels)
    }

    static func ece(_ scores: [[Float]], _ labels: [Int], _ calibration: Calibration) -> Double {
        var confidences: [Double] = []
        var outcomes: [Bool] = []
        for (row, label) in zip(scores, labels) {
            let probabilities = Calibration.softmax(row, temperature: calibration.temperature)
            let top = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
            confidences.append(calibration.confidence(topProbability: probabilities[top]))
            outcomes.append(top == label)
        }
        return Evaluation.expectedCalibrationError(confidences: confidences, outcomes: outcomes)
    }

    @Test(arguments: [false, true])
    func fittingLowersTheCalibrationErrorOnNewData(platt: Bool) {
        let fitting = Self.overconfidentScores(count: 3000, seed: 11)
        let heldOut = Self.overconfidentScores(count: 3000, seed: 12)
        let calibration = Calibration.fit(scores: fitting.scores, labels: fitting.labels, platt: platt)
        let before = Self.ece(heldOut.scores, heldOut.labels, .identity)
        let after = Self.ece(heldOut.scores, heldOut.labels, calibration)
        #expect(before > 0.15)
        #expect(after < 0.04)
        #expect(abs(calibration.temperature - 4) < 0.6)
    }

    @Test func eceOfAPerfectlyCalibratedTableIsZero() {
        let confidences = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
        let outcomes = [true, true, true, true, true, true, true, true, true, false]
        #expect(Evaluation.expectedCalibrationError(confidences: confidences, outcomes: outcomes) < 1e-9)
        let wrong = [false, false, false, false, false, false, false, false, false, false]
        #expect(abs(Evaluation.expectedCalibrationError(confidences: confidences, outcomes: wrong) - 0.9) < 1e-9)
    }
}

@Suite struct EvaluationTests {
    @Test func thresholdMetricsSeparateInScopeAndOutOfScopeRows() {
        let records = [
            Evaluation.Record(label: "a", predicted: "a", confidence: 0.9),
            Evaluation.Record(label: "a", predicted: "b", confidence: 0.8),
            Evaluation.Record(label: "b", predicted: "b", confidence: 0.5),
            Evaluation.Record(label: "b", predicted: "b", confidence: 0.95),
            Evaluation.Record(label: "oos", predicted: "a", confidence: 0.3),
            Evaluation.Record(label: "oos", predicted: "oos", confidence: 0.99),
            Evaluation.Record(label: "never-seen", predicted: "b", confidence: 0.9),
        ]
        let evaluation = Evaluation(records: records, knownLabels: ["a", "b", "oos"], threshold: 0.75)
        #expect(abs(evaluation.coverage - 3.0 / 4.0) < 1e-9)
        #expect(abs(evaluation.autoAccuracy - 2.0 / 3.0) < 1e-9)
        #expect(abs(evaluation.oosRecall! - 2.0 / 3.0) < 1e-9)
        #expect(abs(evaluation.inScopeAccuracy! - 2.0 / 4.0) < 1e-9)
        #expect(abs(evaluation.accuracy - 4.0 / 7.0) < 1e-9)
    }

    @Test func macroF1AveragesOverLabels() {
        let records = [
            Evaluation.Record(label: "a", predicted: "a", confidence: 1),
            Evaluation.Record(label: "a", predicted: "b", confidence: 1),
            Evaluation.Record(label: "b", predicted: "b", confidence: 1),
        ]
        // a: precision 1, recall 1/2 -> F1 2/3; b: precision 1/2, recall 1 -> 2/3
        let evaluation = Evaluation(records: records, knownLabels: ["a", "b"], threshold: 0.5)
        #expect(abs(evaluation.macroF1 - 2.0 / 3.0) < 1e-9)
        #expect(evaluation.oosRecall == nil)
    }
}
