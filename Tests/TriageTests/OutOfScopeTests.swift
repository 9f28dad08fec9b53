import Testing

@testable import Triage

/// A synthetic mailbox: three intents written from templates (`{}` is an order or account number), negatives about
/// weather, sport, cooking and music (`{}` a city or a dish), and held-out probes of both kinds (other numbers,
/// other cities and dishes).
enum SyntheticMailbox {
    static let intents: [String: [String]] = [
        "track_order": [
            "where is my order {}", "has parcel {} shipped yet", "track my package {} please",
            "when will order {} arrive", "status of my shipment {}",
        ],
        "get_refund": [
            "I want a refund for order {}", "please refund the item {}", "give me my money back for {}",
            "refund my purchase {}", "I returned {}, refund me",
        ],
        "recover_password": [
            "I forgot my password for account {}", "reset the password of account {}", "cannot log in to account {}",
            "send a password reset link for {}", "locked out of my login {}",
        ],
    ]
    static let offTopic = [
        "what is the weather in {} today", "will it rain in {} tomorrow", "who won the football match in {}",
        "when does the {} marathon start", "a recipe for {} please", "how long do I cook {}",
        "play some songs about {}", "best concert in {} this weekend",
    ]

    static func fill(_ templates: [String], _ values: [String]) -> [String] {
        values.flatMap { value in
            templates.map { $0.replacingOccurrences(of: "{}", with: value) }
        }
    }

    static func train() -> [LabeledExample] {
        intents.sorted { $0.key < $1.key }.flatMap { label, templates in
            fill(templates, (1...8).map { String(1000 + $0 * 7) }).map { LabeledExample(text: $0, label: label) }
        }
    }

    static func negatives() -> [String] {
        let cities = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Oslo", "Lisbon", "Prague"]
        let dishes = ["lasagne", "risotto", "pancakes", "goulash", "paella", "curry", "ramen", "couscous"]
        return fill(Array(offTopic.prefix(4)) + Array(offTopic.suffix(2)), cities)
            + fill(Array(offTopic[4..<6]), dishes)
    }

    static func probes() -> [LabeledExample] {
        let inScope = intents.sorted { $0.key < $1.key }.flatMap { label, templates in
            fill(templates, ["58213", "77012"]).map { LabeledExample(text: $0, label: label) }
        }
        let outOfScope =
            (fill(Array(offTopic.prefix(4)) + Array(offTopic.suffix(2)), ["Dublin", "Athens"])
            + fill(Array(offTopic[4..<6]), ["moussaka", "dumplings"])).map { LabeledExample(text: $0, label: "oos") }
        return inScope + outOfScope
    }

    static func model(negatives: [String], kind: IntentScorer.Kind = .linear) async throws -> IntentModel {
        let configuration = TrainingConfiguration(
            features: FeatureSettings(hashBits: 14, minDocumentFrequency: 1), lambdas: [1e-3],
            calibrationSliceEvery: 4, maxIterations: 80, kind: kind,
            network: NetworkConfiguration(hiddenUnits: 16, maxEpochs: 30, patience: 30, batchSize: 8))
        return try await ModelTrainer(configuration: configuration).train(train(), negatives: negatives).model
    }
}

@Suite struct OutOfScopeTests {
    @Test(arguments: [IntentScorer.Kind.linear, .ensemble])
    func negativesRejectOutOfScopeAndKeepTheIntents(kind: IntentScorer.Kind) async throws {
        let model = try await SyntheticMailbox.model(negatives: SyntheticMailbox.negatives(), kind: kind)
        let after = Evaluation.measure(model, examples: SyntheticMailbox.probes(), threshold: 0.75)
        #expect(after.oosRecall == 1, "every off-topic probe is escalated")
        #expect(after.coverage >= 0.9, "the intents are still answered")
        #expect(after.answeredAccuracy == 1)
        #expect(after.intentAccuracy == 1)
    }

    @Test func withoutNegativesTheSameProbesAreAnswered() async throws {
        // The comparison that makes the test above meaningful: the same model without negatives is sure of
        // some off-topic probes.
        let before = Evaluation.measure(
            try await SyntheticMailbox.model(negatives: []), examples: SyntheticMailbox.probes(), threshold: 0.75)
        let after = Evaluation.measure(
            try await SyntheticMailbox.model(negatives: SyntheticMailbox.negatives()),
            examples: SyntheticMailbox.probes(), threshold: 0.75)
        #expect(before.oosRecall! < after.oosRecall!)
        #expect(before.answeredAccuracy < after.answeredAccuracy)
    }

    @Test func theNoneClassIsNeverTheIntent() async throws {
        let model = try await SyntheticMailbox.model(negatives: SyntheticMailbox.negatives())
        let none = try #require(model.outOfScope)
        #expect(model.labels[none.noneClass] == "oos")
        #expect(model.intents == ["get_refund", "recover_password", "track_order"])
        let offTopic = model.predict("what is the weather in Dublin today")
        #expect(offTopic.isOutOfScope)
        #expect(offTopic.intent != "oos")
        #expect(offTopic.confidence < 0.5)
        #expect(offTopic.alternatives.first?.intent == "oos")
        let order = model.predict("where is my order 58213")
        #expect(!order.isOutOfScope)
        #expect(order.intent == "track_order")
        #expect(order.confidence >= 0.75)
        #expect(model.metadata.negativeExamples == SyntheticMailbox.negatives().count)
        #expect(model.metadata.negativesHash == TrainingData.hash(texts: SyntheticMailbox.negatives()))
        #expect(model.metadata.training.contains("none-class `oos` from 64 out-of-scope negatives"))
    }

    @Test func theNegativesOwnFeaturesAreLeftOutUnlessAskedFor() async throws {
        let plain = try await SyntheticMailbox.model(negatives: [])
        let with = try await SyntheticMailbox.model(negatives: SyntheticMailbox.negatives())
        #expect(with.featureSpace.hashedIDs == plain.featureSpace.hashedIDs)
        let configuration = TrainingConfiguration(
            features: FeatureSettings(hashBits: 14, minDocumentFrequency: 1), lambdas: [1e-3],
            calibrationSliceEvery: 4, maxIterations: 80, kind: .linear, negativeFeatures: true)
        let wider = try await ModelTrainer(configuration: configuration).train(
            SyntheticMailbox.train(), negatives: SyntheticMailbox.negatives()
        ).model
        #expect(wider.featureSpace.count > plain.featureSpace.count)
        #expect(wider.predict("what is the weather in Dublin today").isOutOfScope)
    }

    @Test func trainingRowsMarkedOutOfScopeJoinTheNegatives() {
        let rows = ModelTrainer.withNoneClass(
            [
                LabeledExample(text: "hello", label: "NO_NODES_DETECTED"),
                LabeledExample(text: "where is my parcel", label: "track_order"),
            ], negatives: ["what is the weather"])
        #expect(rows.map(\.label) == ["oos", "track_order", "oos"])
        let unchanged = [LabeledExample(text: "hello", label: "NO_NODES_DETECTED")]
        #expect(ModelTrainer.withNoneClass(unchanged, negatives: []) == unchanged)
    }

    @Test func withoutNegativesAnOutOfScopeLabelStaysAnOrdinaryClass() async throws {
        var train = SyntheticMailbox.train()
        train += SyntheticMailbox.negatives().prefix(12).map { LabeledExample(text: $0, label: "oos") }
        let configuration = TrainingConfiguration(
            features: FeatureSettings(hashBits: 14, minDocumentFrequency: 1), lambdas: [1e-3],
            calibrationSliceEvery: 4, maxIterations: 80, kind: .linear)
        let model = try await ModelTrainer(configuration: configuration).train(train).model
        #expect(model.outOfScope == nil)
        #expect(model.intents.contains("oos"))
        let prediction = model.predict("what is the weather in Paris today")
        #expect(prediction.intent == "oos")
        #expect(prediction.isOutOfScope)
    }

    @Test func logisticCalibrationRecoversKnownCoefficients() {
        var generator = SplitMix(seed: 7)
        var signals: [[Double]] = []
        var outcomes: [Bool] = []
        for _ in 0..<20_000 {
            let x = [generator.unit() * 6 - 3, generator.unit() * 6 - 3]
            let p = LogisticCalibration.probability(coefficients: [0.5, 2, -1], signals: x)
            signals.append(x)
            outcomes.append(generator.unit() < p)
        }
        let fitted = LogisticCalibration.fit(
            signals: signals, outcomes: outcomes, weights: [Double](repeating: 1, count: signals.count))
        #expect(abs(fitted[0] - 0.5) < 0.1)
        #expect(abs(fitted[1] - 2) < 0.15)
        #expect(abs(fitted[2] + 1) < 0.1)
    }
}
