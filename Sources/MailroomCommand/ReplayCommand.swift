import ArgumentParser
import Foundation
import MailroomApp

/// `mailroom replay FILE.eml|DIR [--config FILE]`
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run the whole decision path on messages and show what would be sent to whom and why; send nothing.",
        discussion: "Without --config the embedded default configuration and the shipped templates are used."
    )

    @Argument(help: "Message files, or directories of .eml files.")
    var paths: [String]

    @Option(help: "The configuration file (YAML); its knowledge base is used, nothing is written to it.")
    var config: String?

    @Flag(help: "Print one JSON object per message instead of a table.")
    var json = false

    func run() async throws {
        let lines = try await ReplayMessages.run(paths: paths, configPath: config, logger: makeLogger(level: .warning))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
            for line in lines { print(String(decoding: try encoder.encode(line), as: UTF8.self)) }
            return
        }
        for line in lines {
            let intent = line.intent.map { "\($0) \(line.confidence.map { String(format: "%.2f", $0) } ?? "")" } ?? "-"
            print("\(line.file)\n  \(line.outcome)  ticket \(line.ticket ?? "-")  intent \(intent)")
            if let reason = line.reason, !reason.isEmpty { print("  why: \(reason)") }
            for mail in line.mail { print("  would send \(mail)") }
        }
    }
}
