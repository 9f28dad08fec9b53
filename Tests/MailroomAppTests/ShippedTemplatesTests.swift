import Foundation
import MailroomCore
import Testing

@testable import MailroomApp

@Suite("Shipped templates")
struct ShippedTemplatesTests {
    static let languages = ["en", "de", "fr", "es"]
    static let customerNames = DefaultIntents.names + ["acknowledgement", "fallback", "agent-relay"]

    @Test("every shipped template passes the checker without errors or warnings")
    func passChecker() {
        let problems = TemplateChecker().check(directory: PackagePaths.templates)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("every customer template exists in every shipped language", arguments: languages)
    func complete(language: String) throws {
        let library = try TemplateLibrary(directory: PackagePaths.templates)
        #expect(Set(library.names(language: language)).isSuperset(of: Self.customerNames))
        #expect(library.problems.isEmpty)
    }

    @Test("every customer template renders fully in every language", arguments: languages)
    func rendersFully(language: String) throws {
        let library = try TemplateLibrary(directory: PackagePaths.templates)
        for name in Self.customerNames {
            for withResolution in [true, false] {
                let context = TemplateContext.sample(intent: name, resolution: withResolution)
                let rendered = try #require(library.render(name: name, language: language, context: context))
                #expect(rendered.language == language)
                #expect(!rendered.text.contains("{{") && !rendered.text.contains("}}"), "\(language)/\(name)")
                let lines = rendered.text.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(
                    lines.dropLast().last == "[ref:MR-7K4QX2:5f2c9a]", "\(language)/\(name) ends with the reference")
                #expect(rendered.text.contains("MR-7K4QX2"))
                #expect(rendered.text.contains("Example Shop"), "\(language)/\(name) names the company")
            }
        }
    }

    @Test("the reused resolution appears only when set", arguments: languages)
    func resolutionSection(language: String) throws {
        let library = try TemplateLibrary(directory: PackagePaths.templates)
        let answer = "Reused answer from a resolved ticket."
        let resolution = TemplateContext.Resolution(text: answer, ticketId: "MR-OLD001", score: 0.91)
        for name in DefaultIntents.names + ["fallback"] {
            let with = try #require(
                library.render(name: name, language: language, context: .test(intent: name, resolution: resolution)))
            let without = try #require(library.render(name: name, language: language, context: .test(intent: name)))
            #expect(with.text.contains(answer), "\(language)/\(name)")
            #expect(!without.text.contains(answer), "\(language)/\(name)")
            let generic = Set(without.text.split(separator: "\n")).subtracting(with.text.split(separator: "\n"))
            #expect(generic.contains { $0.count > 40 }, "\(language)/\(name) has a generic text instead")
        }
    }

    @Test("acknowledgement and agent-relay have an HTML part in every language", arguments: languages)
    func htmlParts(language: String) throws {
        let library = try TemplateLibrary(directory: PackagePaths.templates)
        var context = TemplateContext.test(name: "Zoë O'Brien")
        context.agent = .init(name: "Jonas", answer: "Use <b>this</b> & that")
        var hostile = context
        hostile.customer.displayName = "Zoë <script>alert(1)</script> call +44 900 123"
        for name in ["acknowledgement", "agent-relay"] {
            let rendered = try #require(library.render(name: name, language: language, context: context))
            let html = try #require(rendered.html, "\(language)/\(name)")
            #expect(html.contains("lang=\"\(language)\""))
            #expect(html.contains("Zoë"), "greets by the first name")
            #expect(html.contains("[ref:MR-TEST01:abc]"))
            let attack = try #require(library.render(name: name, language: language, context: hostile))
            #expect(!(attack.html ?? "").contains("<script>"))
            #expect(
                !attack.text.contains("<script>") && !attack.text.contains("900 123"), "the display name was echoed")
        }
    }

    @Test("the escalation summary shows every escalation variable")
    func escalation() throws {
        let library = try TemplateLibrary(directory: PackagePaths.templates)
        let rendered = try #require(library.render(name: "escalation", language: "de", context: .sample()))
        #expect(rendered.language == "en" && rendered.usedFallbackLanguage)
        for expected in [
            "anna.schmidt@example.org", "Fri, 21 Nov 2025", "Re: Where is my order?",
            "order tracking (track_order, confidence 92%)",
            "- the customer asks for a person", "Churn risk: medium", "MR-2B8DX4 (similarity 0.87)",
            "tracking has not changed for five days",
        ] {
            #expect(rendered.text.contains(expected), "\(expected)")
        }
    }

    @Test("templates/README.md documents every variable")
    func readme() throws {
        let readme = try String(contentsOf: PackagePaths.templates.appendingPathComponent("README.md"), encoding: .utf8)
        for variable in TemplateVariable.all {
            #expect(readme.contains("| `\(variable.name)` |"), "\(variable.name)")
        }
    }
}
