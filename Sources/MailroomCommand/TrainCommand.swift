import ArgumentParser
import MailroomApp

/// `mailroom train`: trains an intent model from a labelled CSV.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an intent model from a text,label CSV and print its dev metrics."
    )

    @Option(name: .long, help: "Training CSV with columns text,label.")
    var data: String

    @Option(name: .long, help: "Development CSV: chooses the regularisation and is reported on.")
    var dev: String?

    @Option(name: .long, help: "Where to write the model file.")
    var out: String

    @Option(name: .long, help: "Model kind: linear, network or ensemble (default: ensemble).")
    var kind: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "CSV whose text column holds out-of-scope examples (mail no intent covers).",
            discussion: """
                The negatives (and training rows labelled oos or NO_NODES_DETECTED) become a none-class, and the \
                confidence is calibrated on held-out rows of both kinds, so messages that fit no intent get a low \
                confidence and are escalated. Other columns are ignored. Never take them from the data you \
                evaluate on.
                """))
    var negatives: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Show progress on standard error when it is a terminal.")
    var progress = true

    func validate() throws {
        if let kind, TrainModelKind(rawValue: kind) == nil {
            throw ValidationError("--kind must be one of: linear, network, ensemble")
        }
    }

    func run() async throws {
        let options = TrainOptions(
            data: data, dev: dev, out: out, kind: kind.flatMap(TrainModelKind.init(rawValue:)), negatives: negatives,
            progress: progress)
        print(try await trainModel(options))
    }
}
