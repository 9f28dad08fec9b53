import ArgumentParser
import Foundation
import MailroomApp
import MailroomStore

/// `mailroom stats [--since DATE] [--until DATE] [--json] [--csv]`
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Key figures: automation, durable resolution, response times, SLA, satisfaction, backlog.",
        discussion: "Figures are about the tickets received in the period (docs/KPIS.md defines each one).")

    @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"
    @Option(help: "The first day (YYYY-MM-DD, UTC) or time (ISO 8601); default: 30 days before --until.")
    var since: String?
    @Option(help: "The last day, included (YYYY-MM-DD, UTC), or an end time (ISO 8601); default: now.")
    var until: String?
    @Flag(help: "Print the JSON object of GET /api/v1/kpis.") var json = false
    @Flag(help: "Print figure,key,value rows.") var csv = false
    @Flag(help: "Recompute the daily rollups from the tickets first.") var rebuild = false
    @Flag(help: "Read every ticket instead of the daily rollups (slow; a cross-check).") var fromTickets = false

    func validate() throws {
        guard !(json && csv) else { throw ValidationError("give --json or --csv, not both") }
    }

    func run() async throws {
        let format: StatsReport.Format = json ? .json : (csv ? .csv : .text)
        print(
            try await StatsReport.run(
                configPath: config, since: try since.map { try StatsReport.date($0, endOfDay: false) },
                until: try until.map { try StatsReport.date($0, endOfDay: true) }, format: format,
                source: fromTickets ? .tickets : .rollups, rebuild: rebuild))
    }
}
