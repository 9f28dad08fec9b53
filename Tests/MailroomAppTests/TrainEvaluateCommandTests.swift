import Foundation
import Testing
import Triage

@testable import MailroomApp

/// `mailroom train --negatives` and `mailroom evaluate --target-accuracy` on small files written by the test.
@Suite struct TrainEvaluateCommandTests {
    static let intents = [
        "track_order": ["where is my order {}", "has parcel {} shipped yet", "track my package {} please"],
        "get_refund": ["I want a refund for order {}", "please refund the item {}", "refund my purchase {}"],
        "recover_password": ["I forgot my password for {}", "reset the password of {}", "cannot log in to {}"],
    ]
    static let offTopic = ["what is the weather in {} today", "who won the football match in {}", "songs about {}"]

    static func csv(_ rows: [(String, String)]) -> String {
        "text,label\n" + rows.map { "\(CSVTable.escape($0.0)),\($0.1)" }.joined(separator: "\n") + "\n"
    }

    static func fill(_ templates: [String], _ values: [String]) -> [String] {
        values.flatMap { value in templates.map { $0.replacingOccurrences(of: "{}", with: value) } }
    }

    static func files() throws -> (train: String, negatives: String, test: String) {
        let numbers = (1...10).map { String(4000 + $0) }
        let cities = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Oslo", "Lisbon", "Prague", "Bern", "Riga"]
        let train = intents.sorted { $0.key < $1.key }.flatMap { label, templates in
            fill(templates, numbers).map { ($0, label) }
        }
        let test =
            intents.sorted { $0.key < $1.key }.flatMap { label, templates in
                fill(templates, ["98765"]).map { ($0, label) }
            } + fill(offTopic, ["Dublin", "Athens"]).map { ($0, "NO_NODES_DETECTED") }
        return (
            try CommandTests.temporaryFile("train.csv", csv(train)),
            try CommandTests.temporaryFile("negatives.csv", csv(fill(offTopic, cities).map { ($0, "whatever") })),
            try CommandTests.temporaryFile("test.csv", csv(test))
        )
    }

    @Test func trainWithNegativesThenEvaluateWithATarget() async throws {
        let (train, negatives, test) = try Self.files()
        let model = train + ".model"
        let report = try await trainModel(
            TrainOptions(data: train, dev: nil, out: model, kind: .linear, negatives: negatives),
            configuration: TrainingConfiguration(
                features: FeatureSettings(hashBits: 14, minDocumentFrequency: 1), lambdas: [1e-3],
                calibrationSliceEvery: 4, maxIterations: 80))
        #expect(report.contains("negatives: 30 rows from \(negatives)"))
        #expect(report.contains("50% out-of-scope messages"))
        let loaded = try TriageFiles.model(at: model)
        #expect(loaded.outOfScope != nil)
        #expect(loaded.metadata.negativeExamples == 30)

        let output = try evaluateModel(
            EvaluateOptions(model: model, data: test, threshold: 0.75, json: true, targetAccuracy: 0.95))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Double])
        #expect(object["rows"] == 15)
        #expect(object["oosRecall"] == 1, "the six off-topic rows are escalated")
        #expect(object["intentAccuracy"] == 1)
        #expect(object["answeredAccuracy"] == 1)
        let answered = try #require(object["answered"])
        #expect(answered > 0.5 && answered <= 9.0 / 15.0)
        #expect(object["targetAccuracy"] == 0.95)
        // Every answer is right, so the lowest threshold reaching 95% answers at least as much as 0.75 does.
        let threshold = try #require(object["targetThreshold"])
        #expect(threshold > 0 && threshold <= 1)
        #expect(object["targetAnsweredAccuracy"] == 1)
        #expect(object["targetAnswered"]! >= answered)
        for key in ["targetCoverage", "targetAutoAccuracy", "targetOosRecall", "targetInScopeAccuracy"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let table = try evaluateModel(EvaluateOptions(model: model, data: test, targetAccuracy: 0.95))
        #expect(table.contains("automatic accuracy (all answers)"))
        #expect(table.contains("for 95.00% automatic accuracy: threshold"))
    }

    @Test func anUnreachableTargetIsSaid() throws {
        let data = try CommandTests.temporaryFile(
            "eval.csv", "text,label\nwhere is my parcel,get_refund\nI want a refund,track_order\n")
        let output = try evaluateModel(EvaluateOptions(model: nil, data: data, json: true, targetAccuracy: 1))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Double])
        #expect(object["targetAccuracy"] == 1)
        #expect(object["targetThreshold"] == nil)
        let table = try evaluateModel(EvaluateOptions(model: nil, data: data, targetAccuracy: 1))
        #expect(table.contains("no threshold reaches it"))
    }

    @Test func negativesNeedATextColumn() throws {
        let file = try CommandTests.temporaryFile("negatives.csv", "sentence\nhello\n")
        #expect(throws: TriageFileError.self) { try TriageFiles.texts(at: file) }
        let good = try CommandTests.temporaryFile("negatives.csv", "label,text\nx,hello\ny,\nz,\"a, b\"\n")
        #expect(try TriageFiles.texts(at: good) == ["hello", "a, b"])
    }
}
