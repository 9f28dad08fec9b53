import Testing

@testable import Triage

@Suite struct NetworkModelTests {
    /// A model of the tiny intents; a quarter of the rows is the calibration slice.
    static func model(_ kind: IntentScorer.Kind, seed: UInt64 = 1, refit: Bool = false) async throws -> IntentModel {
        let configuration = TrainingConfiguration(
            features: FeatureSettings(hashBits: 12, minDocumentFrequency: 1), lambdas: [1e-3], calibrationSliceEvery: 4,
            maxIterations: 50, kind: kind,
            network: NetworkConfiguration(hiddenUnits: 16, maxEpochs: 30, patience: 30, batchSize: 4, seed: seed),
            refitNetwork: refit)
        return try await ModelTrainer(configuration: configuration).train(ModelFileTests.examples).model
    }

    @Test(arguments: [IntentScorer.Kind.network, .ensemble])
    func learnsTheTinyIntents(kind: IntentScorer.Kind) async throws {
        let model = try await Self.model(kind)
        #expect(model.scorer.kind == kind)
        #expect(model.predict("where is my parcel now").intent == "track_order")
        #expect(model.predict("refund my purchase please").intent == "get_refund")
        #expect(model.predict("password reset link").intent == "recover_password")
        #expect(model.metadata.training.contains("network(s) (16 ReLU units"))
    }

    @Test(arguments: [(IntentScorer.Kind.network, false), (.ensemble, false), (.network, true)])
    func sameDataAndSeedGiveTheSameFile(kind: IntentScorer.Kind, refit: Bool) async throws {
        let first = ModelFile.encode(try await Self.model(kind, refit: refit))
        let second = ModelFile.encode(try await Self.model(kind, refit: refit))
        #expect(first == second)
        let otherSeed = ModelFile.encode(try await Self.model(kind, seed: 2, refit: refit))
        #expect(first != otherSeed)
        let decoded = try ModelFile.decode(first)
        #expect(decoded.metadata.training.contains(refit ? "refitted on all rows" : "passes chosen on the slice"))
    }

    @Test(arguments: [IntentScorer.Kind.linear, .network, .ensemble])
    func roundTripKeepsKindPredictionsAndMetadata(kind: IntentScorer.Kind) async throws {
        let model = try await Self.model(kind)
        let bytes = ModelFile.encode(model)
        #expect(bytes[4] == UInt8(ModelFile.formatVersion) && bytes[5] == 0)
        #expect(bytes[6] == kind.rawValue)
        let decoded = try ModelFile.decode(bytes)
        #expect(decoded.scorer.kind == kind)
        #expect(decoded.metadata == model.metadata)
        #expect(decoded.calibration == model.calibration)
        for text in ["where is my order", "refund please", "lost my password", "something else entirely"] {
            let original = model.predict(text)
            let restored = decoded.predict(text)
            #expect(original.intent == restored.intent)
            #expect(abs(original.confidence - restored.confidence) < 0.01)
        }
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Array(bytes.dropLast(3))) }
    }

    @Test func versionOneFilesStillLoadAsLogisticRegression() throws {
        let bytes = ModelFileVersion1Fixture.bytes
        #expect(bytes[4] == 1 && bytes[5] == 0)
        let model = try ModelFile.decode(bytes)
        #expect(model.scorer.kind == .linear)
        #expect(model.labels == ["get_refund", "recover_password", "track_order"])
        #expect(model.metadata.training == "")
        #expect(model.metadata.trainingExamples == 15)
        #expect(model.predict("where is my parcel").intent == "track_order")
        #expect(model.predict("I forgot my password").intent == "recover_password")
        let rewritten = try ModelFile.decode(ModelFile.encode(model))
        #expect(rewritten.scorer == model.scorer)
        #expect(rewritten.metadata == model.metadata)
    }

    @Test func unknownKindIsExplained() async throws {
        var bytes = ModelFile.encode(try await Self.model(.linear))
        bytes[6] = 9
        #expect(throws: ModelFileError.unknownModelKind(9)) { try ModelFile.decode(bytes) }
        #expect(ModelFileError.unknownModelKind(9).description.contains("kind 9"))
        #expect(ModelFileError.unknownModelKind(9).description.contains("retrain"))
    }
}
