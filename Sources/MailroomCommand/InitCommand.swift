import ArgumentParser
import MailroomApp

/// `mailroom init DIR`
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract:
            "Write a workspace with the embedded default configuration: Maildir in and out, built-in model, and a copy "
            + "of the built-in templates to edit.",
        discussion: "Put mail into DIR/maildir/inbox/new and run `mailroom run --once --config DIR/mailroom.yaml`."
    )

    @Argument(help: "The workspace directory (created if missing).")
    var directory: String

    @Option(help: "Use this template directory instead of a copy of the built-in templates.")
    var templates: String?

    func run() throws {
        print(try DemoDefaults.writeWorkspace(at: directory, templates: templates))
    }
}
