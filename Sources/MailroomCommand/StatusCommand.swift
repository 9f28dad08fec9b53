import ArgumentParser
import MailroomApp

/// `mailroom status --config FILE`
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show tickets with their decisions, KPIs, the outbox and the quarantine.")

    @Option(help: "The configuration file (YAML).")
    var config: String = "config/mailroom.yaml"

    @Option(help: "How many tickets to list.")
    var limit: Int = 50

    func run() async throws {
        for line in try await OpsViews.status(configPath: config, limit: limit) { print(line) }
    }
}

/// `mailroom ticket ID --config FILE`
struct TicketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Show one ticket and its audit trail.")

    @Argument(help: "The ticket's public id, e.g. MR-7K4QX2.")
    var id: String

    @Option(help: "The configuration file (YAML).")
    var config: String = "config/mailroom.yaml"

    func run() async throws {
        for line in try await OpsViews.ticket(configPath: config, publicID: id) { print(line) }
    }
}
