import Foundation
import Testing

@testable import MailroomApp

@Suite("Template checker")
struct TemplateCheckerTests {
    private static let pragma = "{{% CONTENT_TYPE: TEXT}}"

    /// Problems of one text template of `kind` (checked on its own).
    private func problems(_ text: String, name: String = "custom_note", html: Bool = false) -> [TemplateProblem] {
        let path = TemplatePath(language: "en", name: name, format: html ? .html : .text)
        let kind = TemplateKind(name: name, intents: Set(DefaultIntents.names))
        return TemplateCompiler.compile(text, path: path, kind: kind).problems
    }

    private func errors(_ text: String, name: String = "custom_note", html: Bool = false) -> [TemplateProblem] {
        problems(text, name: name, html: html).filter { $0.severity == .error }
    }

    @Test(
        "unknown variables are reported with their line",
        arguments: [
            ("{{customer.nmae}}", 2, "unknown variable `customer.nmae` (did you mean `customer.name`?)"),
            ("Line\n\n  {{{ticket.bogus}}}", 4, "unknown variable `ticket.bogus`"),
            ("{{#resolution}}\n{{text}}\n{{missing}}\n{{/resolution}}", 4, "unknown variable `missing`"),
            ("{{^agent}}\n{{& agent.nickname}}{{/agent}}", 3, "unknown variable `agent.nickname`"),
            ("{{! a comment with {{braces}}\nover two lines }}\n{{sender}}", 4, "unknown variable `sender`"),
            ("{{=<% %>=}}\n<% customer.name %>\n<%# foo %><%/ foo %>", 4, "unknown variable `foo`"),
            ("{{=<% %>=}}\n<%={{ }}=%>\n{{bar}}", 4, "unknown variable `bar`"),
            ("{{ticketId}}", 2, "unknown variable `ticketId`"),
            ("{{#similar}}{{ticketId}}{{/similar}}\n{{excerpt}}", 3, "unknown variable `excerpt`"),
            ("{{.}}", 2, "`.` means the current item"),
            ("{{index()}}", 2, "works only inside a section over a list"),
            ("{{count(customer.name)}}", 2, "the transform `count` does not apply to a text"),
            (
                "{{.customer.name}}{{#resolution}}{{.customer.name}}{{/resolution}}", 2,
                "unknown variable `.customer.name`"
            ),
        ])
    func unknownVariable(body: String, line: Int, message: String) {
        let found = errors("\(Self.pragma)\n\(body)\n{{ticket.reference}}")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == line)
        #expect(found.first?.message.contains(message) == true, "\(found.first?.message ?? "")")
    }

    @Test(
        "documented names in sections, lists, transforms and comments are accepted",
        arguments: [
            "{{#resolution}}{{text}} {{ticketId}} {{resolution.score}} {{customer.firstName}}{{/resolution}}",
            "{{^resolution}}generic{{/resolution}}",
            "{{#ticket.subject}}“{{ticket.subject}}” {{.}}{{/ticket.subject}}",
            "{{#agent.name}}{{agent.name}}{{/agent.name}}{{#agent}}{{answer}}{{/agent}}",
            "{{uppercased(customer.firstName)}} {{#empty(ticket.subject)}}none{{/empty(ticket.subject)}}",
            "{{! {{not.a.variable}} }}{{{customer.email}}} {{&company.name}} {{ support.address }} {{language}}",
            "{{=[[ ]]=}}[[customer.firstName]] [[&intent.label]][[={{ }}=]] {{intent.confidence}}",
            "{{#intent}}{{name}} {{label}}{{/intent}}",
        ])
    func accepted(body: String) {
        let found = problems("\(Self.pragma)\n\(body)\n{{ticket.reference}}")
        #expect(found.isEmpty, "\(found)")
    }

    /// Finding 12 of the trust issue: a display name is the sender's words, so a customer-facing template that
    /// repeats it is warned about; the agents' summary may show it.
    @Test("customer.name in a customer-facing template is a warning, in the escalation it is fine")
    func displayNameEchoWarning() {
        let greeting = problems("\(Self.pragma)\nHello {{customer.name}},\n{{ticket.reference}}", name: "track_order")
        #expect(greeting.map(\.severity) == [.warning])
        #expect(greeting.first?.message.contains("customer.firstName") == true)
        #expect(problems("\(Self.pragma)\nCustomer: {{customer.name}}", name: "escalation").isEmpty)
    }

    @Test("list sections scope their element fields, sequence transforms work inside")
    func listScope() {
        let body = """
            {{#escalation.reasons}}- {{.}} {{#first()}}(first){{/first()}}{{/escalation.reasons}}
            {{#similar}}{{index()}} {{ticketId}} {{score}} {{excerpt}}{{/similar}}{{^similar}}none{{/similar}}
            {{count(similar)}} {{#first(similar)}}{{ticketId}}{{/first(similar)}}
            """
        #expect(problems("\(Self.pragma)\n\(body)\n{{ticket.reference}}", name: "escalation").isEmpty)
    }

    @Test("a value used as a value must not be a group or a list")
    func groupsAndLists() {
        let found = errors("\(Self.pragma)\n{{customer}}\n{{similar}}\n{{ticket.reference}}", name: "escalation")
        #expect(found.map(\.line) == [2, 3])
        #expect(found[0].message.contains("group of variables"))
        #expect(found[1].message.contains("is a list"))
    }

    @Test("syntax errors are reported with their line")
    func syntax() {
        let unclosed = errors("\(Self.pragma)\nA\n{{#resolution}}\nB\n{{ticket.reference}}")
        #expect(unclosed.map(\.line) == [3])
        #expect(unclosed.first?.message.contains("`resolution` opened here is never closed") == true)
        let mismatched = errors("\(Self.pragma)\n{{#resolution}}\n{{/agent}}\n")
        #expect(mismatched.map(\.line) == [3])
        #expect(mismatched.first?.message.contains("closing tag does not match") == true)
        let unfinished = errors("\(Self.pragma)\nHello {{customer.name\n")
        #expect(unfinished.first?.line == 2)
    }

    @Test("text templates need the pragma on their first line; HTML templates must not turn escaping off")
    func pragma() {
        #expect(errors("Hello {{customer.name}} {{ticket.reference}}").map(\.line) == [1])
        #expect(errors("\nHello\n\(Self.pragma)\n{{ticket.reference}}").map(\.line) == [1])
        #expect(errors("{{%CONTENT_TYPE:TEXT}}\n{{ticket.reference}}").isEmpty)
        let html = errors("{{% CONTENT_TYPE: TEXT}}<p>{{ticket.reference}}</p>", html: true)
        #expect(html.count == 1 && html[0].message.contains("turns off HTML escaping"))
        #expect(errors("<p>{{ticket.reference}}</p>", html: true).isEmpty)
    }

    @Test("unescaped variables in HTML and partials are errors")
    func unsafeTags() {
        let html = errors("<p>{{{customer.name}}}</p>\n<p>{{&ticket.subject}}</p>{{ticket.reference}}", html: true)
        #expect(html.map(\.line) == [1, 2])
        let partial = errors("\(Self.pragma)\n{{> footer}}\n{{ticket.reference}}")
        #expect(partial.map(\.line) == [2])
        #expect(partial.first?.message.contains("not supported") == true)
    }

    @Test("a variable never set for the template's kind is a warning, once")
    func kindWarnings() {
        let found = problems(
            "\(Self.pragma)\n{{agent.answer}}\n{{agent.answer}}\n{{ticket.reference}}", name: "track_order")
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning && found.first?.line == 2)
        #expect(found.first?.message.contains("not set for intent templates") == true)
        #expect(problems("\(Self.pragma)\n{{agent.answer}}\n{{ticket.reference}}", name: "agent-relay").isEmpty)
    }

    @Test("a customer-facing template without the ticket reference gets a warning; the escalation does not")
    func ticketReference() {
        let missing = problems("\(Self.pragma)\nHello", name: "fallback")
        #expect(
            missing.count == 1 && missing[0].severity == .warning && missing[0].message.contains("ticket.reference"))
        #expect(problems("\(Self.pragma)\nSummary", name: "escalation").isEmpty)
    }

    @Test("directory checks: missing intents and required templates, languages, stray and HTML-only files")
    func directory() throws {
        let fixture = try TemplateFixture()
        let text = TemplateFixture.text("Hi {{customer.firstName}}")
        for name in ["track_order", "acknowledgement", "fallback", "agent-relay", "escalation"] {
            try fixture.write("en/\(name).txt.mustache", text)
        }
        try fixture.write("de/track_order.txt.mustache", text)
        try fixture.write("de/extra.txt.mustache", text)
        try fixture.write("de/only.html.mustache", "<p>{{ticket.reference}}</p>")
        try fixture.write("de/notes.md", "notes")
        try fixture.write("German/fallback.txt.mustache", text)
        try fixture.write("README.md", "top-level files are ignored")
        let checker = TemplateChecker(intents: ["track_order", "get_refund"])
        let found = checker.check(directory: fixture.root).map { "\($0.severity.rawValue) \($0.file)" }
        #expect(
            found == [
                "warning German", "warning German/acknowledgement.txt.mustache",
                "warning German/agent-relay.txt.mustache", "warning German/track_order.txt.mustache",
                "warning de/acknowledgement.txt.mustache", "warning de/agent-relay.txt.mustache",
                "warning de/extra.txt.mustache", "warning de/fallback.txt.mustache", "warning de/notes.md",
                "error de/only.html.mustache", "error en/get_refund.txt.mustache",
            ])
    }

    @Test("a missing directory is one error")
    func missingDirectory() {
        let found = TemplateChecker().check(directory: URL(fileURLWithPath: "/nonexistent/templates"))
        #expect(found.count == 1 && found[0].severity == .error)
    }

    @Test("checkTemplates reports errors and a summary line")
    func report() throws {
        let fixture = try TemplateFixture()
        try fixture.write("en/fallback.txt.mustache", "no pragma {{ticket.reference}}")
        let report = checkTemplates(directory: fixture.root.path, intents: [])
        #expect(report.hasErrors)
        let lines = report.description.split(separator: "\n")
        #expect(lines.first == "en/acknowledgement.txt.mustache: error: missing: required template")
        #expect(lines.last == "4 errors, 0 warnings")
    }

    @Test func theKindsOfAPathAreWhatTheFilterOfEveryVariableGave() {
        // The definition the lookup table replaced: every variable named `path` or under `path.`.
        func filtered(_ path: String) -> Set<TemplateKind> {
            TemplateVariable.all.filter { $0.name == path || $0.name.hasPrefix(path + ".") }
                .reduce(into: Set<TemplateKind>()) { $0.formUnion($1.kinds) }
        }
        var paths: Set<String> = ["", ".", "ticket.", "tick", "customer.name.first", "customers", "x.y.z"]
        for variable in TemplateVariable.all {
            let name = variable.name
            paths.insert(name)
            paths.insert(name + "x")
            paths.insert(name + ".")
            paths.insert(String(name.dropLast()))
            for dot in name.indices where name[dot] == "." { paths.insert(String(name[..<dot])) }
        }
        #expect(paths.count > TemplateVariable.all.count * 3)
        for path in paths {
            let expected = filtered(path)
            #expect(TemplateTagChecker.kindsByPath[path] == (expected.isEmpty ? nil : expected), "\(path)")
        }
    }
}
