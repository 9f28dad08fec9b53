import Foundation
import MailroomCore
import Testing
import Triage

@testable import MailroomApp

/// The package root (three levels above this file).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite struct DefaultModelTests {
    @Test func committedModelWasTrainedOnTheCommittedData() throws {
        let examples = try TriageFiles.examples(
            at: packageRoot.appendingPathComponent("config/intents/default-train.csv").path)
        let model = try DefaultModel.load()
        #expect(
            model.metadata.trainingDataHash == TrainingData.hash(examples),
            "config/intents/default-train.csv changed: run scripts/train-default-model")
        #expect(model.metadata.trainingExamples == examples.count)
        let negatives = try TriageFiles.texts(
            at: packageRoot.appendingPathComponent("config/intents/default-negatives.csv").path)
        #expect(
            model.metadata.negativesHash == TrainingData.hash(texts: negatives),
            "config/intents/default-negatives.csv changed: run scripts/train-default-model")
        #expect(model.metadata.negativeExamples == negatives.count)
    }

    @Test func coversTheTwentySevenSupportIntentsAndANoneClass() throws {
        let model = try DefaultModel.load()
        #expect(model.intents.count == 27)
        #expect(model.labels.count == 28)
        #expect(model.outOfScope.map { model.labels[$0.noneClass] } == "oos")
        #expect(Set(model.intents).isSuperset(of: ["track_order", "get_refund", "complaint", "recover_password"]))
        #expect(model.metadata.devMetrics["accuracy"] != nil)
    }

    /// Mail about things none of the 27 intents covers (written for this test, not in the negatives).
    @Test(arguments: [
        "Can you recommend a good hotel in Lisbon for a weekend trip?",
        "My neighbour's dog keeps barking at night, what can I do about it?",
        "Hallo, wie ist die Telefonnummer vom Rathaus?",
        "Bonjour, connaissez-vous un bon garagiste près de Nantes ?",
        "¿Cuál es la capital de Noruega?",
        "We would like to sponsor your next company event with our catering service.",
    ])
    func mailNoIntentCoversIsNotAnsweredAutomatically(text: String) throws {
        let prediction = try DefaultModel.load().predict(text)
        #expect(prediction.confidence < 0.75, "\(prediction.intent) at \(prediction.confidence)")
        #expect(prediction.isOutOfScope, "the none-class holds at least half of the probability")
        let assessment = MessageTriage(model: try DefaultModel.load()).assess(text)
        #expect(assessment.decision.kind == "escalate")
    }

    @Test(arguments: [
        ("Where is my order? It was supposed to arrive on Monday.", "track_order"),
        ("I forgot my password and cannot log in", "recover_password"),
        ("Wo ist meine Bestellung? Sie sollte am Montag ankommen.", "track_order"),
        ("Je voudrais annuler ma commande", "cancel_order"),
    ])
    func predictsCommonRequests(text: String, intent: String) throws {
        #expect(try DefaultModel.load().predict(text).intent == intent)
    }
}

@Suite struct CommandTests {
    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-\(UUID().uuidString)-\(name)")
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    @Test func evaluateJSONHasTheContractKeys() throws {
        let data = try Self.temporaryFile(
            "eval.csv",
            "text,label\nwhere is my parcel,track_order\nI want a refund,get_refund\nwhat is the meaning of life,oos\n")
        let output = try evaluateModel(EvaluateOptions(model: nil, data: data, threshold: 0.75, json: true))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Double])
        for key in [
            "accuracy", "macroF1", "ece", "threshold", "coverage", "autoAccuracy", "usPerMessage", "oosRecall",
            "inScopeAccuracy",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["threshold"] == 0.75)
        let table = try evaluateModel(EvaluateOptions(model: nil, data: data))
        #expect(table.contains("accuracy"))
    }

    @Test func classifyCSVAddsTheColumns() throws {
        let input = try Self.temporaryFile(
            "in.csv", "id,text\n1,\"Where is my order 123456?\"\n2,My account was hacked!\n")
        let output = input + ".out.csv"
        _ = try classifyMessages(ClassifyOptions(model: nil, text: nil, csv: input, out: output))
        let table = try TriageFiles.table(at: output)
        #expect(
            table.header == [
                "id", "text", "intent", "confidence", "urgency", "sentiment", "churnRisk", "language", "decision",
                "reason",
            ])
        #expect(table.rows.count == 2)
        #expect(table.rows[1][4] == "critical")
        #expect(table.rows[1][8] == "escalate")
    }

    @Test func classifyTextPrintsOneJSONObject() throws {
        let output = try classifyMessages(
            ClassifyOptions(model: nil, text: "I forgot my password", csv: nil, out: nil))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(object["intent"] as? String == "recover_password")
        #expect(object["outOfScope"] as? Bool == false)
        for key in ["confidence", "urgency", "sentiment", "churnRisk", "language", "decision", "reason"] {
            #expect(object[key] != nil, "missing \(key)")
        }
    }

    @Test func withoutAModelEverythingIsEscalated() {
        let assessment = MessageTriage(model: nil).assess("Where is my order?")
        #expect(assessment.decision.kind == "escalate")
        #expect(assessment.decision.reasons.map(\.code) == [.modelUnavailable])
    }

    @Test func assessmentReusesASimilarResolvedTicket() throws {
        var index = SimilarityIndex()
        index.add(
            SimilarityIndex.Entry(
                ticketID: "T-7", customerText: "where is my order, it has not arrived yet",
                resolution: "It ships tomorrow.", intent: "track_order"))
        let triage = MessageTriage(model: try DefaultModel.load())
        let unapproved = triage.assess("Where is my order? It has not arrived yet.", index: index)
        guard case .autoReply(let generic) = unapproved.decision else {
            Issue.record("expected an automatic reply, got \(unapproved.decision.explanation)")
            return
        }
        #expect(generic.reusedResolution == nil, "an answer nobody approved was reused")
        let assessment = triage.assess("Where is my order? It has not arrived yet.", index: index, approved: ["T-7": 1])
        #expect(assessment.similar?.ticketID == "T-7")
        guard case .autoReply(let reply) = assessment.decision else {
            Issue.record("expected an automatic reply, got \(assessment.decision.explanation)")
            return
        }
        #expect(reply.reusedResolution?.ticketID == "T-7")
        let spoofed = triage.assess(
            "Where is my order?", index: index, approved: ["T-7": 1], sender: SenderFacts(dmarc: .fail))
        #expect(spoofed.decision.kind == "escalate")
    }

    @Test func aBrokenModelFileIsReportedByName() throws {
        let path = try Self.temporaryFile("bad.model", "not a model")
        #expect(throws: TriageFileError.self) { try TriageFiles.model(at: path) }
    }
}
