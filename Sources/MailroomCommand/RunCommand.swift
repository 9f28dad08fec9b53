import ArgumentParser
import Logging
import MailroomApp

/// `mailroom run [--once] --config FILE`
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway: take mail, decide, reply or escalate, send.",
        discussion: """
            Without --once it runs until SIGTERM or SIGINT: the poller stops first, then processing and sending \
            drain (20 s at most). With --once it takes what is waiting, processes it, sends what is due, and exits 0.
            """
    )

    @Option(help: "The configuration file (YAML).")
    var config: String = "config/mailroom.yaml"

    @Flag(help: "Process what is waiting now, then exit (for cron and tests).")
    var once = false

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        MallocArenas.limitForGateway()
        let logger = makeLogger(level: logLevel)
        if let summary = try await RunGateway.run(configPath: config, once: once, logger: logger) {
            print(summary.line)
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// A logger to standard error at `level`.
func makeLogger(level: Logger.Level) -> Logger {
    var logger = Logger(label: "mailroom") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = level
    return logger
}
