import ArgumentParser
import Foundation
import MailroomApp

/// `mailroom migrate-store --to postgresql://user@host:port/db [--config FILE | --from FILE]`
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy the SQLite store into an empty PostgreSQL database and verify the counts.",
        discussion: """
            Everything is copied in one transaction: tickets, messages with their raw bytes, events, the outbox, \
            knowledge, users and tokens, template history, counters and KPI rollups. Each table's row count is \
            compared before the commit; a mismatch keeps nothing. The password comes from MAILROOM_STORE_PASSWORD \
            (never the URL); TLS as in libpq (?sslmode=verify-full&sslrootcert=FILE). Stop the gateway first: the \
            SQLite file is locked during the copy. See docs/SCALING.md.
            """)

    @Option(help: "The PostgreSQL database (postgresql://user@host:port/db).") var to: String
    @Option(help: "The configuration file whose store.path is copied.") var config: String = "config/mailroom.yaml"
    @Option(help: "The SQLite file to copy (instead of the configuration's store.path).") var from: String?

    func run() async throws {
        let password = ProcessInfo.processInfo.environment["MAILROOM_STORE_PASSWORD"]
        let result = try await MigrateStore.run(
            configPath: from == nil ? config : nil, from: from, to: to, password: password)
        print(result.text)
    }
}
