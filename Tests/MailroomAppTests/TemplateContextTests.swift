import MailMessage
import MailroomCore
import Testing

@testable import MailroomApp

@Suite("Template context")
struct TemplateContextTests {
    @Test(
        "customer.name is the display name, else the local part, never empty",
        arguments: [
            ("Anna Schmidt", "anna@example.org", "Anna Schmidt"), ("  ", "jdoe84@example.org", "jdoe84"),
            (nil, "\"odd@local\"@example.org", "\"odd@local\""), (nil, "@example.org", "@example.org"),
            (nil, "", "customer"), (" Zoë ", "z@example.org", "Zoë"),
        ] as [(String?, String, String)])
    func customerName(displayName: String?, email: String, expected: String) {
        #expect(TemplateContext.Customer(displayName: displayName, email: email).name == expected)
    }

    @Test("a customer can come from a parsed address")
    func fromAddress() {
        let customer = TemplateContext.Customer(address: Address(name: nil, address: "max.mustermann@example.de"))
        #expect(customer.name == "max.mustermann")
        #expect(customer.email == "max.mustermann@example.de")
    }

    @Test(
        "numbers are formatted without locale",
        arguments: [(0.923, "92%", "0.92"), (1.2, "100%", "1.20"), (0.005, "1%", "0.01"), (0, "0%", "0.00")])
    func numbers(value: Double, percentage: String, decimal: String) {
        #expect(TemplateContext.percentage(value) == percentage)
        #expect(TemplateContext.decimal(value) == decimal)
    }

    @Test("the variables have exactly the documented names")
    func documentedNames() {
        let variables = TemplateContext.sample().variables(language: "en")
        var leaves: Set<String> = []
        func collect(_ value: Any, _ path: String) {
            if let dictionary = value as? [String: Any] {
                for (key, child) in dictionary { collect(child, path.isEmpty ? key : "\(path).\(key)") }
            } else {
                leaves.insert(path)
            }
        }
        collect(variables, "")
        #expect(leaves == Set(TemplateVariable.all.map(\.name)))
        let similar = variables["similar"] as? [[String: Any]]
        #expect(similar?.first.map { Set($0.keys) } == ["ticketId", "score", "excerpt"])
    }

    @Test("absent parts are left out; labels follow the template's language")
    func absentParts() {
        let context = TemplateContext(
            customer: .init(email: "a@example.org"), ticket: .init(id: "MR-1", subject: "  ", reference: "ref"),
            company: .init(name: "Shop", supportAddress: "s@example.org"),
            intent: .init(name: "track_order"), agent: .init(name: "", answer: "Hi"))
        let variables = context.variables(language: "de")
        #expect(variables["resolution"] == nil && variables["escalation"] == nil && variables["similar"] == nil)
        #expect((variables["ticket"] as? [String: Any])?["subject"] == nil)
        #expect((variables["agent"] as? [String: Any])?["name"] == nil)
        let intent = variables["intent"] as? [String: Any]
        #expect(intent?["label"] as? String == "Sendungsverfolgung")
        #expect(intent?["confidence"] == nil)
        #expect(variables["language"] as? String == "de")
    }

    @Test("every default intent has a label in every shipped language")
    func labels() {
        for intent in DefaultIntents.names {
            let labels = IntentLabels.languages.map { IntentLabels.label(for: intent, language: $0) }
            #expect(Set(labels).count == 4, "\(intent): \(labels)")
            #expect(!labels.contains { $0.isEmpty }, "\(intent): \(labels)")
        }
        #expect(IntentLabels.label(for: "track_order", language: "fr-CA") == "suivi de commande")
        #expect(IntentLabels.label(for: "track_order", language: "it") == "order tracking")
        #expect(IntentLabels.label(for: "new_intent", language: "de") == "new intent")
    }
}
