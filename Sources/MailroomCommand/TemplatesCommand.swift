import ArgumentParser
import MailroomApp

/// `mailroom templates`: checks and previews the reply templates.
struct TemplatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Check and preview the reply templates.",
        subcommands: [TemplatesCheckCommand.self, TemplatesPreviewCommand.self]
    )
}

/// `mailroom templates check`: validates every template; exits 1 when there are errors.
struct TemplatesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every template: syntax, unknown variables, intents without a template, languages."
    )

    @Option(name: .long, help: "Template directory (default: ./templates).")
    var templates: String?

    func run() throws {
        let report = checkTemplates(directory: templates)
        print(report)
        if report.hasErrors { throw ExitCode(1) }
    }
}

/// `mailroom templates preview NAME`: renders one template with the sample context.
struct TemplatesPreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render one template with the documented sample context (templates/README.md)."
    )

    @Argument(help: "Template name, like track_order or acknowledgement.")
    var name: String

    @Option(name: .long, help: "Language variant (default: en); falls back to en when missing.")
    var language: String?

    @Option(name: .long, help: "Render with a stored ticket's context instead of the sample.")
    var ticket: String?

    @Flag(name: .long, help: "Leave the reused resolution out of the sample context.")
    var withoutResolution = false

    @Option(name: .long, help: "Template directory (default: ./templates, or templates.path with --ticket).")
    var templates: String?

    @Option(name: .long, help: "The configuration whose database holds --ticket (default config/mailroom.yaml).")
    var config: String?

    func run() async throws {
        let options = PreviewOptions(
            name: name, language: language, ticket: ticket, withoutResolution: withoutResolution,
            directory: templates)
        print(try await previewTemplate(options, configPath: config))
    }
}
