import ArgumentParser
import MailroomApp

/// `mailroom init DIR`
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a workspace with the embedded default configuration: Maildir in and out, built-in model.",
        discussion: "Put mail into DIR/maildir/inbox/new and run `mailroom run --once --config DIR/mailroom.yaml`."
    )

    @Argument(help: "The workspace directory (created if missing).")
    var directory: String

    @Option(help: "The reply templates to use (default: ./templates or the repository's).")
    var templates: String?

    func run() throws {
        print(try DemoDefaults.writeWorkspace(at: directory, templates: templates))
    }
}
