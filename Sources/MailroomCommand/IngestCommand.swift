import ArgumentParser
import Foundation
import MailroomApp

/// `mailroom ingest`: one message on standard input, stored durably, for an MTA pipe.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store one message read from standard input (an MTA pipe delivery).",
        discussion: """
            With --config the message is committed to the gateway's database (store.path), where `mailroom run` \
            processes it; with --maildir it is written into a Maildir. \
            Exit status: 0 = stored durably; 75 (EX_TEMPFAIL) = not stored, the MTA keeps the message and retries \
            (unreadable input, unwritable or full disk, a locked database, no destination); 65 (EX_DATAERR) = empty \
            input, or a message larger than --max-size: retrying cannot help, the MTA bounces it to the sender with \
            the line printed on standard error. Postfix: `mailroom unix - n n - - pipe flags=R user=mailroom \
            argv=/usr/local/bin/mailroom ingest --config /etc/mailroom.yaml --recipient ${recipient}`.
            """
    )

    @Option(name: .long, help: "The Maildir to store into (created if missing).")
    var maildir: String?

    @Option(name: .long, help: "The gateway configuration: store into its database.")
    var config: String?

    @Option(name: .long, help: "The envelope recipient (e.g. Postfix's ${recipient}), for plus-address threading.")
    var recipient: String?

    @Option(name: .long, help: "The largest message accepted, in bytes.")
    var maxSize: Int = 50 * 1024 * 1024

    func run() async throws {
        let destination: IngestDestination
        if let config, !config.isEmpty {
            do {
                let configuration = try await ConfigurationLoader.load(path: config)
                destination = .store(configuration.store, envelopeRecipient: recipient)
            } catch {
                printError("mailroom ingest: \(error) (exit 75, EX_TEMPFAIL: the MTA will retry)")
                throw ExitCode(75)
            }
        } else if let maildir, !maildir.isEmpty {
            destination = .maildir(path: maildir)
        } else {
            printError(
                "mailroom ingest: --config FILE or --maildir DIR is required (exit 75, EX_TEMPFAIL: the MTA will retry)"
            )
            throw ExitCode(75)
        }
        let outcome = ingest(IngestOptions(destination: destination, maxMessageSize: maxSize))
        if let diagnostic = outcome.diagnostic { printError(diagnostic) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

private func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
