import Testing

@testable import Triage

/// The pipeline tokenises a message once and hands the tokens to the signals and the classifier: what they say
/// must be exactly what they say from the text alone.
@Suite struct SharedTokensTests {
    static let texts = [
        "", "where is my parcel", "REFUND NOW!!! order #98765 is late and I am furious",
        "Bonjour, je n'ai pas reçu ma commande 4711. Merci de me rembourser l'article.",
        "Hallo, meine Bestellung Nr. 4711 ist nicht angekommen. Bitte dringend erstatten!",
        "Здравствуйте, где мой заказ? Это срочно.", "see https://shop.example/a?b=1 or mail jane@example.co.uk",
        "I forgot my password and cannot log in; I'll cancel my account if this goes on",
    ]

    @Test func theModelPredictsTheSameFromTheTokens() async throws {
        let model = try await ModelFileTests.tinyModel()
        for text in Self.texts {
            #expect(model.predict(text, tokens: Tokenizer().tokens(text)) == model.predict(text), "\(text)")
        }
    }

    @Test func theSignalsAreTheSameFromTheTokens() {
        let detector = SignalDetector()
        for text in Self.texts {
            #expect(detector.signals(text, tokens: Tokenizer().tokens(text)) == detector.signals(text), "\(text)")
        }
    }

    @Test func aClassifierThatReadsNoTokensPredictsFromTheText() {
        struct Echo: Classifier {
            var labels: [String] { ["echo"] }
            func predict(_ text: String) -> IntentPrediction { IntentPrediction(intent: text, confidence: 1) }
        }
        #expect(Echo().predict("the text", tokens: []).intent == "the text")
    }
}
