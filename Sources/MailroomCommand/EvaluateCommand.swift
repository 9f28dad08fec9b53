import ArgumentParser
import Logging
import MailroomApp

/// `mailroom evaluate`: measures a model on a labelled CSV.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure accuracy, calibration and coverage of a model on a text,label CSV.",
        discussion: """
            Rows labelled oos or NO_NODES_DETECTED (or with a label the model does not know) are out of scope: the \
            report adds out-of-scope recall, in-scope accuracy, and the share and accuracy of all automatic answers.

            With --backend llm it asks the language model of --config (llm.*, its prompts and \
            MAILROOM_LLM_API_KEY) about every row, fits the calibration of the model's stated confidence, writes it \
            to llm.calibration (the policy uses it from the next start) and adds the fallback rate and latency. \
            Use a split the model and prompts were not tuned on.
            """
    )

    @Option(name: .long, help: "local (the intent model) or llm (the language model of --config).")
    var backend: Backend = .local

    @Option(help: "With --backend llm: the configuration file (YAML) with llm.* and triage.backend.")
    var config: String = "config/mailroom.yaml"

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "With --backend llm: write the fitted calibration to llm.calibration.")
    var writeCalibration = true

    @Option(name: .long, help: "Model file (default: the built-in model).")
    var model: String?

    @Option(name: .long, help: "CSV with columns text,label.")
    var data: String

    @Option(name: .long, help: "Confidence threshold for automation.")
    var threshold: Double = 0.75

    @Flag(name: .long, help: "Print one JSON object.")
    var json = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also give the figures at the lowest threshold whose automatic answers reach this accuracy (e.g. 0.95).",
            discussion: "An out-of-scope row answered automatically counts as wrong."))
    var targetAccuracy: Double?

    @Flag(name: .long, inversion: .prefixedNo, help: "Show progress on standard error when it is a terminal.")
    var progress = true

    func validate() throws {
        if let targetAccuracy, !(0...1).contains(targetAccuracy) {
            throw ValidationError("--target-accuracy must be between 0 and 1")
        }
    }

    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case local
        case llm
    }

    func run() async throws {
        let options = EvaluateOptions(
            model: model, data: data, threshold: threshold, json: json, targetAccuracy: targetAccuracy,
            progress: progress)
        if backend == .llm {
            let logger = makeLogger(level: .error)
            print(try await evaluateLLM(options, configPath: config, write: writeCalibration, logger: logger).text)
            return
        }
        print(
            try evaluateModel(
                EvaluateOptions(
                    model: model, data: data, threshold: threshold, json: json, targetAccuracy: targetAccuracy,
                    progress: progress)))
    }
}
