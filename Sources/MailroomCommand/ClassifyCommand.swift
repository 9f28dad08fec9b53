import ArgumentParser
import MailroomApp

/// `mailroom classify`: classifies one text or a CSV of exported tickets.
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify one text (JSON) or every row of a CSV (adds intent, signals and decision columns)."
    )

    @Option(name: .long, help: "Model file (default: the built-in model).")
    var model: String?

    @Option(name: .long, help: "One message to classify; prints a JSON object.")
    var text: String?

    @Option(name: .long, help: "CSV with a text column.")
    var csv: String?

    @Option(name: .long, help: "Where to write the CSV with added columns.")
    var out: String?

    func validate() throws {
        guard (text == nil) != (csv == nil) else { throw ValidationError("give exactly one of --text or --csv") }
        if csv != nil && out == nil { throw ValidationError("--csv needs --out") }
    }

    func run() throws {
        print(try classifyMessages(ClassifyOptions(model: model, text: text, csv: csv, out: out)))
    }
}
