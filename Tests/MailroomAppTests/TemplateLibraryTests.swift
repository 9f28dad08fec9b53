import Foundation
import MailroomCore
import Testing

@testable import MailroomApp

@Suite("Template library")
struct TemplateLibraryTests {
    /// en and de variants of `greet` (en with an HTML part), and an en `fallback`.
    private func fixture() throws -> TemplateFixture {
        let fixture = try TemplateFixture()
        try fixture.write("en/greet.txt.mustache", TemplateFixture.text("Hello {{customer.name}}"))
        try fixture.write("en/greet.html.mustache", "<p>Hello {{customer.name}}</p>{{ticket.reference}}")
        try fixture.write("de/greet.txt.mustache", TemplateFixture.text("Hallo {{customer.name}}"))
        try fixture.write("en/fallback.txt.mustache", TemplateFixture.text("Fallback for {{intent.name}}"))
        return fixture
    }

    @Test(
        "picks the language variant, then the primary subtag, then the default language",
        arguments: [
            ("de", "de", "Hallo", false), ("DE-ch", "de", "Hallo", false), ("de_AT", "de", "Hallo", false),
            ("en", "en", "Hello", false), ("fr", "en", "Hello", true), ("", "en", "Hello", true),
        ])
    func languageChoice(requested: String, expected: String, greeting: String, fellBack: Bool) throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root)
        let rendered = try #require(library.render(name: "greet", language: requested, context: .test()))
        #expect(rendered.language == expected)
        #expect(rendered.requestedLanguage == requested)
        #expect(rendered.text.hasPrefix("\(greeting) Anna\n"))
        #expect(rendered.usedFallbackLanguage == fellBack)
    }

    @Test(
        "a requested language counts as its tag, then its primary subtag; any case, `_` or white space is normalised",
        arguments: [
            ("de", ["de"]), ("de-ch", ["de-ch", "de"]), ("DE-ch", ["de-ch", "de"]), (" de_AT ", ["de-at", "de"]),
            ("zh-hant-tw", ["zh-hant-tw", "zh"]), ("", []), ("-", ["-", ""]), ("pt-BR", ["pt-br", "pt"]),
            ("x1", ["x1"]), ("É", ["é"]),
        ])
    func requestedLanguages(language: String, expected: [String]) throws {
        let fixture = try fixture()
        #expect(try TemplateLibrary(directory: fixture.root).requestedLanguages(language) == expected)
    }

    @Test("the HTML part comes from the same language only")
    func htmlFromSameLanguage() throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root)
        #expect(library.render(name: "greet", language: "de", context: .test())?.html == nil)
        #expect(
            library.render(name: "greet", language: "en", context: .test())?.html
                == "<p>Hello Anna</p>[ref:MR-TEST01:abc]")
    }

    @Test("an unknown name renders nothing; a reply falls back to the fallback template")
    func fallbackTemplate() throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root)
        #expect(library.render(name: "track_order", language: "en", context: .test()) == nil)
        let reply = try #require(library.renderReply(intent: "track_order", language: "de", context: .test()))
        #expect(reply.name == "fallback")
        #expect(reply.text.hasPrefix("Fallback for track_order\n"))
        #expect(library.renderReply(intent: "greet", language: "de", context: .test())?.name == "greet")
    }

    @Test("text templates do not HTML-escape; HTML templates do")
    func escaping() throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root)
        let context = TemplateContext.test(name: "O'Brien & <Sons>")
        let rendered = try #require(library.render(name: "greet", language: "en", context: context))
        #expect(rendered.text.hasPrefix("Hello O'Brien & <Sons>\n"))
        #expect(rendered.html?.contains("O&#39;Brien &amp; &lt;Sons&gt;") == true)
    }

    @Test("an edited file is reloaded after the check interval, not before")
    func reloadAfterInterval() throws {
        let fixture = try fixture()
        let clock = ManualClock()
        let library = try TemplateLibrary(directory: fixture.root, now: { clock.now })
        try fixture.write("de/greet.txt.mustache", TemplateFixture.text("Servus {{customer.name}}"))
        clock.advance(by: .milliseconds(500))
        #expect(library.render(name: "greet", language: "de", context: .test())?.text.hasPrefix("Hallo") == true)
        clock.advance(by: .milliseconds(600))
        #expect(library.render(name: "greet", language: "de", context: .test())?.text.hasPrefix("Servus") == true)
    }

    @Test("an edit that keeps the size is noticed by its modification time alone")
    func sameSizeEdit() throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root, checkInterval: .zero)
        try fixture.write("de/greet.txt.mustache", TemplateFixture.text("Halli {{customer.name}}"))
        #expect(library.render(name: "greet", language: "de", context: .test())?.text.hasPrefix("Halli") == true)
    }

    @Test("a file's stamp is its size and modification time, as the file manager reads them; none for no file")
    func stampFromOneStat() throws {
        let fixture = try fixture()
        let path = fixture.root.appendingPathComponent("en/greet.html.mustache").path
        let exact = Date(timeIntervalSince1970: 1_700_000_123.456_789)
        try FileManager.default.setAttributes([.modificationDate: exact], ofItemAtPath: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let stamp = try #require(TemplateDirectory.Stamp(path: path))
        #expect(stamp.size == (attributes[.size] as? NSNumber)?.intValue)
        #expect(stamp.modified == attributes[.modificationDate] as? Date)
        #expect(abs(stamp.modified.timeIntervalSince(exact)) < 0.000_01)
        #expect(TemplateDirectory.Stamp(path: fixture.root.appendingPathComponent("en/none.txt.mustache").path) == nil)
    }

    @Test("added and removed files are noticed")
    func addAndRemove() throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root, checkInterval: .zero)
        try fixture.write("fr/greet.txt.mustache", TemplateFixture.text("Bonjour {{customer.name}}"))
        #expect(library.render(name: "greet", language: "fr", context: .test())?.language == "fr")
        try fixture.remove("de/greet.txt.mustache")
        #expect(library.render(name: "greet", language: "de", context: .test())?.language == "en")
        #expect(library.names(language: "de").isEmpty)
    }

    @Test(
        "a broken edit keeps the last good version and is reported, until it is fixed",
        arguments: [
            ("Hallo {{#customer}}", 2, "section `customer` opened here is never closed"),
            ("Hallo {{customer.nmae}}", 2, "unknown variable `customer.nmae`"),
            ("Hallo {{> footer}}", 2, "partials"),
        ])
    func brokenEditKeepsLastGood(body: String, line: Int, message: String) throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root, checkInterval: .zero)
        try fixture.write("de/greet.txt.mustache", TemplateFixture.text(body))
        #expect(library.render(name: "greet", language: "de", context: .test())?.text.hasPrefix("Hallo Anna\n") == true)
        let problems = library.problems
        #expect(
            problems.contains { $0.file == "de/greet.txt.mustache" && $0.line == line && $0.message.contains(message) })
        #expect(problems.contains { $0.message.contains("last good version") })
        try fixture.write("de/greet.txt.mustache", TemplateFixture.text("Moin {{customer.name}}"))
        #expect(library.render(name: "greet", language: "de", context: .test())?.text.hasPrefix("Moin Anna\n") == true)
        #expect(library.problems.isEmpty)
    }

    @Test("a template broken from the start is not used: the default language stands in")
    func brokenFromStart() throws {
        let fixture = try fixture()
        try fixture.write("de/greet.txt.mustache", "Hallo {{customer.name}}\n")  // no pragma
        let library = try TemplateLibrary(directory: fixture.root)
        #expect(library.render(name: "greet", language: "de", context: .test())?.language == "en")
        #expect(library.problems.contains { $0.line == 1 && $0.message.contains("CONTENT_TYPE") })
        #expect(library.problems.contains { $0.message.contains("no good version") })
    }

    @Test("a template that renders only white space gives no mail")
    func emptyRender() throws {
        let fixture = try fixture()
        try fixture.write(
            "en/empty.txt.mustache",
            TemplateFixture.text("{{#agent}}{{agent.answer}}{{/agent}}").replacingOccurrences(
                of: "{{ticket.reference}}", with: ""))
        let library = try TemplateLibrary(directory: fixture.root)
        #expect(library.render(name: "empty", language: "en", context: .test()) == nil)
    }

    @Test("a missing directory throws; a directory that vanishes later keeps the loaded templates")
    func missingDirectory() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/mailroom-templates")
        #expect(throws: TemplateError.directoryNotFound(missing.path)) { try TemplateLibrary(directory: missing) }
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root, checkInterval: .zero)
        try FileManager.default.removeItem(at: fixture.root)
        #expect(library.render(name: "greet", language: "de", context: .test())?.text.hasPrefix("Hallo") == true)
        #expect(library.problems.contains { $0.message.contains("stay in use") })
    }

    @Test("renders from many tasks at once while files change")
    func concurrentRenders() async throws {
        let fixture = try fixture()
        let library = try TemplateLibrary(directory: fixture.root, checkInterval: .zero)
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let text = library.render(
                        name: "greet", language: index.isMultiple(of: 2) ? "de" : "en", context: .test())?.text
                    return text?.contains("Anna") == true
                }
            }
            try fixture.write("de/greet.txt.mustache", TemplateFixture.text("Grüezi {{customer.name}}"))
            for try await ok in group { #expect(ok) }
        }
    }
}
