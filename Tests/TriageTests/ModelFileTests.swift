import Testing

@testable import Triage

@Suite struct ModelFileTests {
    static let examples: [LabeledExample] = [
        ("where is my parcel", "track_order"), ("track my order please", "track_order"),
        ("has my package shipped yet", "track_order"), ("when will my order arrive", "track_order"),
        ("I want my money back", "get_refund"), ("please refund my purchase", "get_refund"),
        ("refund the damaged item", "get_refund"), ("can I get a refund", "get_refund"),
        ("I forgot my password", "recover_password"), ("reset my password please", "recover_password"),
        ("cannot log in, password lost", "recover_password"), ("password recovery link", "recover_password"),
    ].map { LabeledExample(text: $0.0, label: $0.1) }

    static func tinyModel() async throws -> IntentModel {
        let configuration = TrainingConfiguration(
            features: FeatureSettings(hashBits: 12, minDocumentFrequency: 1), lambdas: [1e-3], calibrationSliceEvery: 2,
            maxIterations: 50)
        return try await ModelTrainer(configuration: configuration).train(examples).model
    }

    @Test func roundTripKeepsPredictionsAndMetadata() async throws {
        let model = try await Self.tinyModel()
        let bytes = ModelFile.encode(model)
        let decoded = try ModelFile.decode(bytes)
        #expect(decoded.labels == model.labels)
        #expect(decoded.featureSpace.hashedIDs == model.featureSpace.hashedIDs)
        #expect(decoded.settings == model.settings)
        #expect(decoded.calibration == model.calibration)
        #expect(decoded.metadata == model.metadata)
        #expect(decoded.metadata.trainingDataHash == TrainingData.hash(Self.examples))
        for text in ["where is my order", "refund please", "lost my password"] {
            let original = model.predict(text)
            let restored = decoded.predict(text)
            #expect(original.intent == restored.intent)
            #expect(abs(original.confidence - restored.confidence) < 0.01)
        }
        #expect(model.predict("where is my parcel now").intent == "track_order")
    }

    @Test func negativesAndTheNoneClassRoundTrip() async throws {
        let model = try await SyntheticMailbox.model(negatives: SyntheticMailbox.negatives())
        let bytes = ModelFile.encode(model)
        #expect(bytes[4] == 3 && bytes[5] == 0)
        let decoded = try ModelFile.decode(bytes)
        #expect(decoded.outOfScope == model.outOfScope)
        #expect(decoded.outOfScope != nil)
        #expect(decoded.metadata == model.metadata)
        #expect(decoded.metadata.negativeExamples == 64)
        for probe in SyntheticMailbox.probes() {
            let original = model.predict(probe.text)
            let restored = decoded.predict(probe.text)
            #expect(original.intent == restored.intent)
            #expect(original.isOutOfScope == restored.isOutOfScope)
            #expect(abs(original.confidence - restored.confidence) < 0.01)
        }
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Array(bytes.dropLast(5))) }
    }

    @Test func versionTwoFilesStillLoad() throws {
        let bytes = ModelFileVersion2Fixture.bytes
        #expect(bytes[4] == 2 && bytes[5] == 0)
        let model = try ModelFile.decode(bytes)
        #expect(model.scorer.kind == .ensemble)
        #expect(model.outOfScope == nil)
        #expect(model.labels == ["get_refund", "recover_password", "track_order"])
        #expect(model.metadata.trainingDataHash == TrainingData.hash(Self.examples))
        #expect(model.metadata.training.contains("1 network(s) (4 ReLU units"))
        #expect(model.metadata.negativeExamples == 0)
        #expect(model.metadata.negativesHash == "")
        #expect(model.predict("where is my order").intent == "track_order")
        #expect(model.predict("refund please").intent == "get_refund")
        #expect(model.predict("lost my password").intent == "recover_password")
        let rewritten = try ModelFile.decode(ModelFile.encode(model))
        #expect(rewritten.scorer == model.scorer)
        #expect(rewritten.metadata == model.metadata)
        #expect(rewritten.calibration == model.calibration)
    }

    @Test func versionMismatchIsExplained() async throws {
        var bytes = ModelFile.encode(try await Self.tinyModel())
        bytes[4] = 99
        bytes[5] = 0
        #expect(throws: ModelFileError.versionMismatch(found: 99, expected: ModelFile.formatVersion)) {
            try ModelFile.decode(bytes)
        }
        let error = ModelFileError.versionMismatch(found: 99, expected: ModelFile.formatVersion)
        #expect(error.description.contains("version 99"))
        #expect(error.description.contains("retrain"))
        #expect(error.isVersionMismatch)
    }

    @Test func damagedFilesAreRejected() async throws {
        let bytes = ModelFile.encode(try await Self.tinyModel())
        #expect(throws: ModelFileError.notAModel) { try ModelFile.decode(Array("hello world".utf8)) }
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Array(bytes.prefix(bytes.count - 10))) }
        #expect(throws: ModelFileError.trailingBytes) { try ModelFile.decode(bytes + [0]) }
    }

    @Test func trainingDataHashIsSHA256OfTheTabSeparatedLines() {
        #expect(TrainingData.hash([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let one = TrainingData.hash([LabeledExample(text: "abc", label: "x")])
        #expect(one == "ff4e0bcd6d3a572e7af514314e0565ebbb45b7b6a49a37b95542a211f7f4c707")
    }

    @Test func csvReaderHandlesQuotesAndLineEnds() {
        let table = CSVTable(parsing: "text,label\r\n\"hello, \"\"world\"\"\",greet\nplain,other\n\"multi\nline\",x\n")
        #expect(table.header == ["text", "label"])
        #expect(table.rows == [["hello, \"world\"", "greet"], ["plain", "other"], ["multi\nline", "x"]])
        #expect(CSVTable.escape("a,b") == "\"a,b\"")
        #expect(table.labeledExamples()?.count == 3)
    }
}
