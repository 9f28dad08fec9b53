import Testing

@testable import Triage

@Suite struct EvaluationTargetTests {
    typealias Record = Evaluation.Record

    /// Ten rows of a mixed mailbox with known answers: six in scope, four out of scope (two `oos`, one
    /// `NO_NODES_DETECTED`, one unknown label), one prediction marked out of scope.
    static let records = [
        Record(label: "a", predicted: "a", confidence: 0.99),
        Record(label: "b", predicted: "b", confidence: 0.95),
        Record(label: "oos", predicted: "a", confidence: 0.9),
        Record(label: "a", predicted: "a", confidence: 0.85),
        Record(label: "b", predicted: "a", confidence: 0.8),
        Record(label: "NO_NODES_DETECTED", predicted: "b", confidence: 0.7),
        Record(label: "b", predicted: "b", confidence: 0.6),
        Record(label: "a", predicted: "a", confidence: 0.95, isOutOfScope: true),
        Record(label: "oos", predicted: "b", confidence: 0.2, isOutOfScope: true),
        Record(label: "somethingElse", predicted: "oos", confidence: 0.9),
    ]

    @Test func figuresAtTheThresholdCountOutOfScopeAnswersAsWrong() throws {
        let evaluation = Evaluation(records: Self.records, knownLabels: ["a", "b"], threshold: 0.75)
        // Answered: rows 1, 2, 3 (oos), 4, 5 (wrong intent); not row 8 (marked), 10 (predicts oos), 6, 7, 9 (low).
        #expect(abs(evaluation.answered - 5.0 / 10.0) < 1e-12)
        #expect(abs(evaluation.answeredAccuracy - 3.0 / 5.0) < 1e-12)
        // In scope: rows 1, 2, 4, 5, 7, 8; answered 1, 2, 4, 5; right 1, 2, 4.
        #expect(abs(evaluation.coverage - 4.0 / 6.0) < 1e-12)
        #expect(abs(evaluation.autoAccuracy - 3.0 / 4.0) < 1e-12)
        #expect(abs(try #require(evaluation.inScopeAccuracy) - 3.0 / 6.0) < 1e-12)
        // Out of scope: rows 3, 6, 9, 10; not answered: 6, 9, 10.
        #expect(abs(try #require(evaluation.oosRecall) - 3.0 / 4.0) < 1e-12)
        // The named intent is right for rows 1, 2, 4, 7, 8 (6 of them in scope: 5 of 6).
        #expect(abs(try #require(evaluation.intentAccuracy) - 5.0 / 6.0) < 1e-12)
        // Answers right: rows 1, 2, 4, 7, 9 (marked, out of scope), 10 (predicts oos for an unknown label); not 8.
        #expect(abs(evaluation.accuracy - 6.0 / 10.0) < 1e-12)
        let metrics = evaluation.metricsDictionary
        #expect(metrics["answered"] == evaluation.answered)
        #expect(metrics["answeredAccuracy"] == evaluation.answeredAccuracy)
    }

    @Test func outOfScopeLabelsMeanTheSame() {
        let records = [
            Record(label: "NO_NODES_DETECTED", predicted: "oos", confidence: 0.9),
            Record(label: "oos", predicted: "NO_NODES_DETECTED", confidence: 0.9),
        ]
        let evaluation = Evaluation(records: records, knownLabels: ["a", "oos"], threshold: 0.75)
        #expect(evaluation.accuracy == 1)
        #expect(evaluation.oosRecall == 1)
        #expect(evaluation.answered == 0)
    }

    @Test func theTargetThresholdIsTheLowestThatReachesTheAccuracy() {
        // Answerable rows by confidence: 0.99 ok, 0.95 ok, 0.9 wrong, 0.85 ok, 0.8 wrong, 0.7 wrong, 0.6 ok.
        // Accuracy from the top: 1, 1, 2/3, 3/4, 3/5, 3/6, 4/7.
        let labels: Set<String> = ["a", "b"]
        #expect(Evaluation.threshold(reaching: 1, records: Self.records, knownLabels: labels) == 0.95)
        #expect(Evaluation.threshold(reaching: 0.75, records: Self.records, knownLabels: labels) == 0.85)
        #expect(Evaluation.threshold(reaching: 0.7, records: Self.records, knownLabels: labels) == 0.85)
        #expect(Evaluation.threshold(reaching: 0.6, records: Self.records, knownLabels: labels) == 0.8)
        #expect(Evaluation.threshold(reaching: 0.5, records: Self.records, knownLabels: labels) == 0.6)
        let wrongFirst = [Record(label: "a", predicted: "b", confidence: 1)] + Self.records
        #expect(Evaluation.threshold(reaching: 1, records: wrongFirst, knownLabels: labels) == nil)
        #expect(Evaluation.threshold(reaching: 0.9, records: [], knownLabels: labels) == nil)
    }

    @Test func rowsWithTheSameConfidenceAreAnsweredTogether() {
        let records = [
            Record(label: "a", predicted: "a", confidence: 0.9),
            Record(label: "a", predicted: "b", confidence: 0.8),
            Record(label: "a", predicted: "a", confidence: 0.8),
            Record(label: "a", predicted: "a", confidence: 0.8),
        ]
        // At 0.8 all four are answered (3/4); no threshold answers only some of the 0.8 rows.
        #expect(Evaluation.threshold(reaching: 0.8, records: records, knownLabels: ["a", "b"]) == 0.9)
        #expect(Evaluation.threshold(reaching: 0.75, records: records, knownLabels: ["a", "b"]) == 0.8)
    }
}
