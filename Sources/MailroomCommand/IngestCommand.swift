import ArgumentParser
import Foundation
import MailroomApp

/// `mailroom ingest`: one message on standard input, stored durably, for an MTA pipe.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store one message read from standard input (an MTA pipe delivery).",
        discussion: """
            Exit status: 0 = stored durably; 75 (EX_TEMPFAIL) = not stored, the MTA keeps the message and retries \
            (unreadable input, unwritable or full disk, missing --maildir); 65 (EX_DATAERR) = empty input, or a \
            message larger than --max-size: retrying cannot help, the MTA bounces it to the sender with the line \
            printed on standard error.
            """
    )

    @Option(name: .long, help: "The Maildir to store into (created if missing).")
    var maildir: String?

    @Option(name: .long, help: "The largest message accepted, in bytes.")
    var maxSize: Int = 50 * 1024 * 1024

    func run() throws {
        guard let maildir, !maildir.isEmpty else {
            printError("mailroom ingest: --maildir DIR is required (exit 75, EX_TEMPFAIL: the MTA will retry)")
            throw ExitCode(75)
        }
        let outcome = ingest(IngestOptions(destination: .maildir(path: maildir), maxMessageSize: maxSize))
        if let diagnostic = outcome.diagnostic { printError(diagnostic) }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}

private func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
