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

    func validate() throws {
        if let kind, TrainModelKind(rawValue: kind) == nil {
            throw ValidationError("--kind must be one of: linear, network, ensemble")
        }
    }

    func run() async throws {
        let options = TrainOptions(data: data, dev: dev, out: out, kind: kind.flatMap(TrainModelKind.init(rawValue:)))
        print(try await trainModel(options))
    }
}
