import ArgumentParser
import Foundation
import MailroomApp
import MailroomCore

/// `mailroom knowledge list|show|approve|reject|edit`
struct KnowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "knowledge",
        abstract: "Review learned answers: only approved ones are reused for other customers.",
        subcommands: [List.self, Show.self, Approve.self, Reject.self, Edit.self])

    struct Options: ParsableArguments {
        @Option(help: "The configuration file (YAML).")
        var config: String = "config/mailroom.yaml"

        @Option(name: .customLong("as"), help: "Who reviews (recorded in the audit trail; default: cli:$USER).")
        var reviewer: String?

        var who: String { reviewer ?? "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List entries (id, state, intent, ticket, reuse).")
        @OptionGroup var options: Options
        @Option(help: "Only entries in this state: pending, approved or rejected.")
        var state: KnowledgeState?

        func run() async throws {
            for line in try await KnowledgeReviewing.list(configPath: options.config, state: state) { print(line) }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one entry and what the personal-data screen found.")
        @OptionGroup var options: Options
        @Argument(help: "The entry's id.") var id: Int64

        func run() async throws {
            for line in try await KnowledgeReviewing.show(configPath: options.config, id: id) { print(line) }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            abstract: "Approve an entry for reuse (refused when it holds personal data; exit 1).")
        @OptionGroup var options: Options
        @Argument(help: "The entry's id.") var id: Int64

        func run() async throws {
            for line in try await KnowledgeReviewing.approve(configPath: options.config, id: id, reviewer: options.who)
            {
                print(line)
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject", abstract: "Reject an entry: kept, never reused.")
        @OptionGroup var options: Options
        @Argument(help: "The entry's id.") var id: Int64
        @Option(help: "Why (recorded).") var reason: String?

        func run() async throws {
            let lines = try await KnowledgeReviewing.reject(
                configPath: options.config, id: id, reviewer: options.who, reason: reason)
            for line in lines { print(line) }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Replace an entry's answer (from --answer, --file, or standard input); it is pending again.")
        @OptionGroup var options: Options
        @Argument(help: "The entry's id.") var id: Int64
        @Option(help: "The new answer.") var answer: String?
        @Option(help: "A file holding the new answer.") var file: String?

        func run() async throws {
            let text: String
            if let answer {
                text = answer
            } else if let file {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } else {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            let lines = try await KnowledgeReviewing.edit(
                configPath: options.config, id: id, answer: text, reviewer: options.who)
            for line in lines { print(line) }
        }
    }
}

extension KnowledgeState: ExpressibleByArgument {}

/// `mailroom outbox list|retry`
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List outgoing mail and send failed mail again.",
        subcommands: [List.self, Retry.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List outgoing mail, newest first.")
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"
        @Option(help: "Only this state: queued, sending, sent, deferred, failed, shadow.") var state: OutboxState?
        @Option(help: "How many.") var limit: Int = 100

        func run() async throws {
            for line in try await OutboxOperations.list(configPath: config, state: state, limit: limit) { print(line) }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Queue a failed or deferred mail again (ID), or every failed one (--failed).")
        @Option(help: "The configuration file (YAML).") var config: String = "config/mailroom.yaml"
        @Argument(help: "The outgoing mail's id (see `outbox list`).") var id: Int64?
        @Flag(help: "Every failed mail.") var failed = false

        func validate() throws {
            guard (id == nil) != !failed else { throw ValidationError("give either an ID or --failed") }
        }

        func run() async throws {
            let who = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            let lines =
                if let id { try await OutboxOperations.retry(configPath: config, id: id, by: who) } else {
                    try await OutboxOperations.retryFailed(configPath: config, by: who)
                }
            for line in lines { print(line) }
        }
    }
}

extension OutboxState: ExpressibleByArgument {}
