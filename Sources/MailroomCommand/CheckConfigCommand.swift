import ArgumentParser
import MailroomApp

/// `mailroom check-config --config FILE`
struct CheckConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check a configuration file and report every problem by key."
    )

    @Option(help: "The configuration file (YAML).")
    var config: String = "config/mailroom.yaml"

    func run() async throws {
        let ok = await ConfigurationReport.run(path: config) { print($0) }
        if !ok { throw ExitCode(1) }
    }
}
