import Testing

@testable import Triage

@Suite struct SharedDataTrainingTests {
    /// Trains on 30 examples per label of the Bitext training split and checks a floor on its dev split.
    @Test(.enabled(if: SharedData.isAvailable, "../shared/data not found: set MAILROOM_SHARED_DATA"))
    func smallBitextSubsetReachesAFloorOnDev() async throws {
        let train = try SharedData.examples("bitext/train.csv")
        let dev = try SharedData.examples("bitext/dev.csv")
        var perLabel: [String: Int] = [:]
        let subset = train.filter { example in
            perLabel[example.label, default: 0] += 1
            return perLabel[example.label]! <= 30
        }
        let configuration = TrainingConfiguration(
            features: FeatureSettings(hashBits: 16), lambdas: [1e-4], maxIterations: 60)
        let report = try await ModelTrainer(configuration: configuration).train(subset, dev: dev)
        let evaluation = try #require(report.dev)
        #expect(subset.count == 27 * 30)
        #expect(evaluation.accuracy >= 0.92)
        #expect(evaluation.ece <= 0.08)
    }
}
