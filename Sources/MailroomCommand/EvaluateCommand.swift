import ArgumentParser
import MailroomApp

/// `mailroom evaluate`: measures a model on a labelled CSV.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure accuracy, calibration and coverage of a model on a text,label CSV."
    )

    @Option(name: .long, help: "Model file (default: the built-in model).")
    var model: String?

    @Option(name: .long, help: "CSV with columns text,label.")
    var data: String

    @Option(name: .long, help: "Confidence threshold for automation.")
    var threshold: Double = 0.75

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    func run() throws {
        print(try evaluateModel(EvaluateOptions(model: model, data: data, threshold: threshold, json: json)))
    }
}
