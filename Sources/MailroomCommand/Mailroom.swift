import ArgumentParser

/// The `mailroom` command line.
@main
struct Mailroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailroom",
        abstract: "A self-hosted support mail gateway.",
        subcommands: [
            ParseCommand.self, CheckConfigCommand.self, TemplatesCommand.self, IngestCommand.self, TrainCommand.self,
            EvaluateCommand.self,
            ClassifyCommand.self, RunCommand.self, ReplayCommand.self, StatusCommand.self, TicketCommand.self,
            InitCommand.self, KnowledgeCommand.self, OutboxCommand.self, UsersCommand.self, StatsCommand.self,
            MigrateStoreCommand.self,
        ]
    )
}
